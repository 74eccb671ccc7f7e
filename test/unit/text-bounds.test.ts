// The text arguments that are stored (a summary's body, a paper's abstract, title, venue, url and byline, a see-also
// note) are bounded in UTF-16 code units, as imports cut and check them (src/papers/paper-bounds.ts), so the bound is
// one on bytes too (at most 3 of UTF-8 per unit): an emoji is not one character.
import "reflect-metadata";
import { validate } from "class-validator";
import { PaperInput, SeeAlsoArgs } from "../../src/papers/paper.input";
import { AddSummaryArgs, EditSummaryArgs, MAX_BODY_LENGTH } from "../../src/summaries/summary.input";
import { MAX_ABSTRACT_LENGTH, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, MAX_VENUE_LENGTH } from "../../src/papers/paper-bounds";
import { MAX_PERSON_NAME_LENGTH } from "../../src/people/person.record";

/** The properties class-validator finds fault with. */
async function refused(type: new () => object, values: object): Promise<string[]> {
  return (await validate(Object.assign(new type(), values))).map((e) => e.property);
}

const EMOJI = "\u{1F600}\uFE0F"; // 3 code units, 7 bytes of UTF-8; class-validator's MaxLength counts it as 1

describe.each([
  ["addSummary's body", AddSummaryArgs, { paperId: "journals/corr/1512.03385" }, "body", MAX_BODY_LENGTH],
  ["editSummary's body", EditSummaryArgs, { id: "shortscience/resnet" }, "body", MAX_BODY_LENGTH],
  ["a paper's abstract", PaperInput, { id: "conf/x/Y15", title: "T" }, "abstract", MAX_ABSTRACT_LENGTH],
  ["a paper's title", PaperInput, { id: "conf/x/Y15" }, "title", MAX_TITLE_LENGTH],
  ["a paper's venue", PaperInput, { id: "conf/x/Y15", title: "T" }, "venue", MAX_VENUE_LENGTH],
  ["a see-also note", SeeAlsoArgs, { from: "conf/x/Y15", to: "conf/x/Z16" }, "note", MAX_NOTE_LENGTH],
] as const)("%s", (_name, type, rest, field, max) => {
  it(`takes ${max} code units, whatever they spell`, async () => {
    expect(await refused(type, { ...rest, [field]: "b".repeat(max) })).toEqual([]);
    expect(await refused(type, { ...rest, [field]: "\u{1F600}".repeat(max / 2) })).toEqual([]);
  });

  it(`refuses ${max + 1} code units, and ${Math.floor(max / 3) + 1} emoji with their variation selectors`, async () => {
    expect(await refused(type, { ...rest, [field]: "b".repeat(max + 1) })).toEqual([field]);
    const emoji = EMOJI.repeat(Math.floor(max / 3) + 1);
    expect(Buffer.byteLength(emoji)).toBeGreaterThan(2 * max);
    expect(await refused(type, { ...rest, [field]: emoji })).toEqual([field]);
  });
});

describe("a byline's names", () => {
  const rest = { id: "conf/x/Y15", title: "T" };
  it(`take ${MAX_PERSON_NAME_LENGTH} code units each, and refuse one more, or ${MAX_PERSON_NAME_LENGTH / 3 + 1} emoji with their selectors`, async () => {
    expect(await refused(PaperInput, { ...rest, authors: ["Ada", "b".repeat(MAX_PERSON_NAME_LENGTH)] })).toEqual([]);
    expect(await refused(PaperInput, { ...rest, authors: ["Ada", "b".repeat(MAX_PERSON_NAME_LENGTH + 1)] })).toEqual(["authors"]);
    expect(await refused(PaperInput, { ...rest, authors: [EMOJI.repeat(MAX_PERSON_NAME_LENGTH / 3 + 1)] })).toEqual(["authors"]);
  });
});
