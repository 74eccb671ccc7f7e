// Work summary-links.test.ts runs in a worker stopped at a deadline (test/helpers/bounded-work.ts).
import { SeeAlsoSentence } from "../../src/summaries/see-also-sentence";

/** A sentence of `words` one-letter words, each read as it arrives; then whether it says "see also", before and after. */
export function readWordByWord(words: number): boolean[] {
  const sentence = new SeeAlsoSentence();
  for (let i = 0; i < words; i++) {
    sentence.read("a");
    sentence.append(" ");
  }
  return [sentence.saysSeeAlso(), ...sentence.read("see also", [8])];
}
