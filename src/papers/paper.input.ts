// Inputs of the paper mutations, mirroring Paper, with their bounds as decorators.
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ArrayMaxSize, IsOptional, IsUrl, Length, MaxLength, MinLength } from "class-validator";
import { IsArxivId, IsDoi, IsFindablePaperId, IsNotBlank, IsNotEqualTo, IsPaperId, IsPaperName, IsPublicationYear, MaxCodeUnits } from "../graphql/validators";
import type { PaperUpsert } from "./paper-write.repository";
import { MAX_PERSON_NAME_LENGTH } from "../people/person.record";
import { MAX_ABSTRACT_LENGTH, MAX_AUTHORS, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH, MAX_VENUE_LENGTH, PAPER_URL_OPTIONS } from "./paper-bounds";

@InputType({ description: "A paper to create or update. Omitted fields keep their value; null clears one." })
export class PaperInput implements PaperUpsert {
  @Field(() => ID, {
    description:
      "A paper id: journals/corr/1512.03385, conf/nips/GrefenstetteHSB15, hepth:9201001. Not an arXiv id or a DOI (give those as arxivId and doi), " +
      "except doi:<DOI>, the id of the paper holding that DOI: with doi left out, a new paper or one holding no DOI gets it, and one holding " +
      "another DOI is refused (nothing changes) rather than have it replaced unasked; give doi as that DOI to replace it.",
  })
  @Length(1, 300)
  @IsPaperId()
  @IsFindablePaperId("doi")
  id: string;

  @Field({ description: `1 to ${MAX_TITLE_LENGTH} characters (UTF-16 code units, as imports count), not only whitespace.` })
  @MaxCodeUnits(MAX_TITLE_LENGTH)
  @IsNotBlank()
  title: string;

  @Field(() => String, { nullable: true, description: `At most ${MAX_ABSTRACT_LENGTH.toLocaleString("en")} characters (UTF-16 code units, as imports count).` })
  @IsOptional()
  @MaxCodeUnits(MAX_ABSTRACT_LENGTH)
  abstract?: string | null;

  @Field(() => Int, { nullable: true, description: "From 1600 to next year." })
  @IsOptional()
  @IsPublicationYear()
  year?: number | null;

  @Field(() => String, { nullable: true, description: `1 to ${MAX_VENUE_LENGTH} characters (UTF-16 code units).` })
  @IsOptional()
  @MinLength(1)
  @MaxCodeUnits(MAX_VENUE_LENGTH)
  venue?: string | null;

  @Field(() => String, { nullable: true, description: "An http(s) URL." })
  @IsOptional()
  @MaxCodeUnits(MAX_URL_LENGTH)
  @IsUrl(PAPER_URL_OPTIONS)
  url?: string | null;

  @Field(() => String, { nullable: true, description: "arXiv id without version: 1512.03385 or hep-th/9901001." })
  @IsOptional()
  @IsArxivId()
  arxivId?: string | null;

  @Field(() => String, { nullable: true, description: "A bare DOI, e.g. 10.1145/3292500.3330701. With an id doi:<DOI>, that DOI (in any case) or left out." })
  @IsOptional()
  @MaxLength(300)
  @IsDoi()
  doi?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `The byline in order (names of 1 to ${MAX_PERSON_NAME_LENGTH} UTF-16 code units); replaces the current one when given.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_AUTHORS)
  @MaxCodeUnits(MAX_PERSON_NAME_LENGTH, { each: true })
  @IsNotBlank({ each: true })
  authors?: string[];
}

@ArgsType()
export class EdgeArgs {
  @Field(() => ID, { description: "The paper the edge starts at: a paper id, an arXiv id or a DOI." })
  @Length(1, 300)
  @IsPaperName()
  from: string;

  @Field(() => ID, { description: "The paper the edge points to (a paper id, an arXiv id or a DOI); must differ from `from`." })
  @Length(1, 300)
  @IsPaperName()
  @IsNotEqualTo("from", { message: "$property must not be the same paper as from: no self-citations or self-links" })
  to: string;
}

@ArgsType()
export class SeeAlsoArgs extends EdgeArgs {
  @Field(() => String, { nullable: true, description: `Why the papers belong together; at most ${MAX_NOTE_LENGTH} characters (UTF-16 code units).` })
  @IsOptional()
  @MaxCodeUnits(MAX_NOTE_LENGTH)
  note?: string | null;
}
