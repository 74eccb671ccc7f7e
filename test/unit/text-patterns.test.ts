// The regular expressions that read user text run in time linear in its length: a summary body is up to
// MAX_BODY_LENGTH code units, read whole. recheck (docs/libraries.md) decides it from each pattern, with no timer; it
// also finds the quadratic patterns these replaced, so a "safe" here means something.
import { checkSync } from "recheck";
import { ARXIV_ID, ARXIV_IN_TEXT, CITE_IN_TEXT, DOI, DOI_IN_TEXT, PAPER_ID, SUMMARY_ID, UNPRINTABLE } from "../../src/papers/paper-ids";
import { SEE_ALSO_TITLE } from "../../src/summaries/summary-links";

// The automaton checker alone: it proves a pattern safe or finds its attack, where the fuzzer samples inputs against
// timers. No timeout either, so a slow machine cannot turn a verdict into "unknown".
const verdict = (source: string, flags: string) => checkSync(source, flags, { checker: "automaton", timeout: null });

/**
 * The pattern with each counted repetition widened ({1,32} to +, {0,n} to *). The automaton checker writes out a
 * count as that many copies, and ARXIV_IN_TEXT's counts under the i flag make it too large to check in a unit
 * test's time. A bound only takes paths away, so where the pattern fails the widened one tries at least as much.
 */
const widened = (pattern: RegExp) => pattern.source.replace(/\{(\d+)(?:,\d*)?\}/g, (_count, least) => (least === "0" ? "*" : "+"));

it.each([
  ["CITE_IN_TEXT", CITE_IN_TEXT.source, CITE_IN_TEXT.flags],
  ["ARXIV_IN_TEXT, widened", widened(ARXIV_IN_TEXT), ARXIV_IN_TEXT.flags],
  ["DOI_IN_TEXT", DOI_IN_TEXT.source, DOI_IN_TEXT.flags],
  ["SEE_ALSO_TITLE", SEE_ALSO_TITLE.source, SEE_ALSO_TITLE.flags],
  ["PAPER_ID", PAPER_ID.source, PAPER_ID.flags],
  ["SUMMARY_ID", SUMMARY_ID.source, SUMMARY_ID.flags],
  ["ARXIV_ID", ARXIV_ID.source, ARXIV_ID.flags],
  ["DOI", DOI.source, DOI.flags],
  ["UNPRINTABLE", UNPRINTABLE.source, UNPRINTABLE.flags],
])("%s is safe", (_name, source, flags) => {
  expect(verdict(source, flags).status).toBe("safe");
});

it.each([
  ["the \\cite pattern before, whose keys and optional arguments ran to the end of the text", String.raw`\\cite[pt]?\*?(?:\[[^\]]*\])*\{([^}]+)\}`, "g"],
  ["the trailing punctuation refOfDoi used to cut with a pattern", String.raw`[.,;:)\]]+$`, ""],
])("finds %s quadratic", (_name, source, flags) => {
  expect(verdict(source, flags)).toMatchObject({ status: "vulnerable", complexity: { type: "polynomial", degree: 2 } });
});
