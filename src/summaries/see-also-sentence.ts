// The sentence a summary's link sits in, read once as it grows: does it say "see also" before the link? A sentence
// may be a whole 100,000-character body when nothing ends it, so nothing here goes back over what it has read.

const SENTENCE_END = /[.!?]/;
const SPACE = /\s/;
const WORD = /\w/;
// What /\bsee\s+also\b/i matches, one UTF-16 unit at a time; the space stands for \s+.
const PHRASE = "see also";
const SPACES = PHRASE.indexOf(" ") + 1;
const FOUND = PHRASE.length + 1;

/** /\bsee\s+also\b/i fed one UTF-16 unit at a time: `found` is its test on all the units fed since the last reset. */
class PhraseMatcher {
  // 0 to PHRASE.length: how much of the phrase ends here, at a word's start (0: the unit before is no word unit, or
  // there is none); -1: inside a word that is not the phrase's; FOUND: the phrase and a unit that closes it.
  private state = 0;

  get found(): boolean {
    return this.state >= PHRASE.length; // the end of the text closes the phrase as \b does
  }

  reset(): void {
    this.state = 0;
  }

  copy(other: PhraseMatcher): void {
    this.state = other.state;
  }

  feed(unit: string): void {
    if (this.state === FOUND) return;
    const word = WORD.test(unit);
    if (this.state === PHRASE.length) {
      this.state = word ? -1 : FOUND;
    } else if (this.state === SPACES && SPACE.test(unit)) {
      // more space between "see" and "also"
    } else if (this.state >= 0 && expected(PHRASE[this.state], unit)) {
      this.state += 1;
    } else if (!word) {
      this.state = 0;
    } else {
      // Only after a space (state SPACES) can a word unit that does not go on with "also" start the phrase again.
      this.state = this.state === SPACES && expected(PHRASE[0], unit) ? 1 : -1;
    }
  }
}

/** The unit the phrase has at this place: any \s for its space, a letter in either case (the `i` flag, ASCII only). */
function expected(phraseUnit: string, unit: string): boolean {
  return phraseUnit === " " ? SPACE.test(unit) : unit === phraseUnit || unit === phraseUnit.toUpperCase();
}

/**
 * One inline run's sentence, as link extraction has always read it: text since the last sentence end (. ! or ? before
 * a space, or at the end), where "see also" introduces the links that follow. Text arrives in two ways. `read` takes
 * running text, in which sentences end; `append` takes a link's text or a line break's space, which join the sentence
 * as they are: a sentence end in them counts only from the next `read` on (so a link text "see also. X" still
 * introduces the next link). Each unit is looked at once, however long the sentence grows.
 */
export class SeeAlsoSentence {
  /** The sentence as it stands: the text since the last `read` cut it. */
  private readonly whole = new PhraseMatcher();
  /** The part of it after its last sentence end: what the next `read` leaves of it. */
  private readonly tail = new PhraseMatcher();
  /** Its last unit, "" when it is empty after a sentence end. */
  private last = "";

  /** Whether the sentence as it stands says "see also". */
  saysSeeAlso(): boolean {
    return this.whole.found;
  }

  /** Adds a link's text or a break's space: no sentence ends in it before the next `read`. */
  append(text: string): void {
    for (let i = 0; i < text.length; i++) this.step(text[i]);
  }

  /**
   * Adds running text and cuts the sentence at its last end. Returns, for each offset of `at` (ascending, within the
   * text), whether the sentence up to that offset says "see also": the test for a reference starting there.
   */
  read(text: string, at: readonly number[] = []): boolean[] {
    const says: boolean[] = [];
    for (let i = 0, k = 0; i <= text.length; i++) {
      for (; k < at.length && at[k] === i; k++) says.push(!SENTENCE_END.test(this.last) && this.tail.found);
      if (i < text.length) this.step(text[i]);
    }
    if (SENTENCE_END.test(this.last)) {
      this.whole.reset();
      this.tail.reset();
      this.last = "";
    } else {
      this.whole.copy(this.tail);
    }
    return says;
  }

  private step(unit: string): void {
    this.whole.feed(unit);
    // The space after a sentence end is the boundary: the tail starts again after it.
    if (SENTENCE_END.test(this.last) && SPACE.test(unit)) this.tail.reset();
    else this.tail.feed(unit);
    this.last = unit;
  }
}
