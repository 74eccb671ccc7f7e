// Arguments of the paper queries.
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, ValidateNested } from "class-validator";
import { ConnectionArgs, MAX_PAGE_SIZE } from "../graphql/page.args";
import { IsNotAfter, IsPublicationYear } from "../graphql/validators";
import type { PaperFilter } from "./paper.repository";

export enum PaperOrder {
  ID = "ID",
  CITATIONS = "CITATIONS",
  YEAR = "YEAR",
  TITLE = "TITLE",
}

registerEnumType(PaperOrder, {
  name: "PaperOrder",
  description:
    "Order of the papers list; ties are broken by id, so each ordering pages without skipping or repeating while nothing is written. " +
    "A sort value that changes between two pages (a paper cited meanwhile, in CITATIONS) can move a paper across the cursor; " +
    "ID, whose value never changes, is the order to page a changing corpus by.",
  valuesConfig: {
    ID: { description: "By id, ascending (the default)." },
    CITATIONS: { description: "Most cited first." },
    YEAR: { description: "Newest first; papers without a year last." },
    TITLE: { description: "By title, ascending (code-point order)." },
  },
});

@InputType({ description: "Conditions a listed paper meets; all given ones must hold." })
export class PaperFilterInput implements PaperFilter {
  @Field(() => Int, { nullable: true, description: "Published in or after this year, not after yearTo." })
  @IsOptional()
  @IsPublicationYear()
  @IsNotAfter("yearTo")
  yearFrom?: number;

  @Field(() => Int, { nullable: true, description: "Published in or before this year, not before yearFrom." })
  @IsOptional()
  @IsPublicationYear()
  yearTo?: number;

  @Field({ nullable: true, description: "true: only papers with a summary; false: only papers without one." })
  hasSummary?: boolean;

  @Field({ nullable: true, description: "Only papers this person (exact name) authored." })
  @IsOptional()
  @Length(1, 300)
  authorName?: string;
}

@ArgsType()
export class PaperArgs {
  @Field(() => ID, { description: "A paper id, an arXiv id (1512.03385, arXiv:1512.03385v2) or a DOI." })
  @Length(1, 300)
  id: string;
}

@ArgsType()
export class PapersArgs extends ConnectionArgs {
  @Field(() => [ID], { nullable: true, description: `Restrict the list to these papers (at most ${MAX_PAGE_SIZE}), each by paper id, arXiv id or DOI.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @Length(1, 300, { each: true })
  ids?: string[];

  @Field(() => PaperFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: PaperFilterInput;

  @Field(() => PaperOrder, { defaultValue: PaperOrder.ID })
  orderBy: PaperOrder = PaperOrder.ID;
}
