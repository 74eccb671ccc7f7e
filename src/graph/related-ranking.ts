// Paper.related's ranking, outside Cypher: one paper's candidates counted from the raw 2-hop rows the repository
// reads, scored, and paged, reading a candidate's degrees only when its score could still reach the page.
import type { RelatedWeights } from "./graph.record";

/** Evidence examples listed per signal and candidate. */
export const MAX_EXAMPLES = 5;
/**
 * The size of the first round: the candidates whose degrees it reads are at most the first FIRST_ROUND (or 4 × first)
 * bounds, ties with the last of them included, and on a first page only those at or above its floor. Each further
 * round is four times as large.
 */
export const FIRST_ROUND = 256;

/** One paper's raw evidence, as RELATED_CANDIDATES returns it. Nodes are Neo4j's internal ids, valid in its transaction. */
export interface RelatedCandidates {
  key: string;
  self: number;
  /** The paper's stored in- and out-degree (citationCount, referenceCount). */
  pIn: number;
  pOut: number;
  /** One entry per edge: a neighbour joined twice is counted twice, as the counts are paths. */
  seeAlso: number[];
  cites: number[];
  citing: number[];
  /** The intermediates of the 2-hop signals, fewest edges first, and for each one the papers its far edges reach. */
  citers: number[];
  coCitation: number[][];
  refs: number[];
  coupling: number[][];
  /** The text signal's query words and hits, each [node, value in 0..1]. */
  terms: string[];
  text: Array<[number, number]>;
  /** How much of the 2-hop evidence was read (RelatedWork). */
  complete: boolean;
  edgesExpanded: number;
  intermediatesExamined: number;
  intermediatesTotal: number;
}

/** What a candidate's exact score needs besides the counts: its stored degrees and its id (the ties' order). */
export interface CandidateFacts {
  id: string;
  citationCount: number;
  referenceCount: number;
}

export interface RankedCandidate {
  node: number;
  id: string;
  score: number;
  /** seeAlso, cites, citedBy, coCitation, coupling; the text signal's count is its shared words (the page's read). */
  counts: [number, number, number, number, number];
  /** The six signals on 0..1, in SIGNALS' order. */
  norms: [number, number, number, number, number, number];
}

// Salton's cosine of a 2-hop count: shared intermediates over the geometric mean of the two papers' degrees, at most 1.
function cosine(count: number, pDegree: number, qDegree: number): number {
  if (count === 0) return 0;
  const mean = Math.sqrt(pDegree * qDegree);
  return count >= mean ? 1 : count / mean;
}

/**
 * The page of one paper's related list. Every candidate's score is bounded from its counts alone: a candidate q that
 * shares n intermediates with p has at least n edges on that side (each shared intermediate is one of q's edges, and
 * the stored degrees count every edge), so its cosine is at most sqrt(n / p's degree). Candidates are read in the
 * order of that bound, in rounds, until the next bound is below the page's last exact score: those left could not
 * enter the page, whatever their degrees. The page is then the one a full ranking would give, ties included.
 *
 * A first page also has a floor known before any degree is read: a candidate's score is at least its 1-hop and text
 * terms (its cosines are at least 0), so `first` candidates score at least the `first`-th highest of those, and a
 * candidate whose bound is below that cannot enter the page. No round reads such a candidate, as long as every
 * candidate handed out was settled: one that was not (its node deleted between two statements) may be one of those
 * `first`, so the floor is dropped and the rounds go on by the page's last exact score alone.
 */
export class RelatedRanking {
  /** Candidates whose score is above 0: what the list pages through. */
  readonly total: number;
  /** Per candidate (a slot): its node, its five counts (seeAlso, cites, citedBy, coCitation, coupling), its text value. */
  private readonly nodes: Float64Array;
  private readonly counts: [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  private readonly text: Float64Array;
  private readonly bound: Float64Array;
  /** The candidates' bounds, highest first: those read so far are always a prefix of it, ties included. */
  private readonly bounds: Float64Array;
  private readonly read: Uint8Array;
  /** Slots by node, for the candidates handed out by nextNodes only. */
  private readonly pending = new Map<number, number>();
  private readonly exact: RankedCandidate[] = [];
  private next = 0;
  private round: number;
  /**
   * A first page's floor (-Infinity after a cursor): while every candidate handed out is settled, none whose bound is
   * below it can reach the page.
   */
  private readonly floor: number;

  constructor(
    readonly candidates: RelatedCandidates,
    private readonly weights: RelatedWeights,
    private readonly first: number,
    private readonly after: { score: number; id: string } | null,
  ) {
    const c = candidates;
    // Counted in one pass over every (candidate, signal) entry, each candidate's slot found in an open-addressing table
    // keyed by its node: a hub's lists hold tens of thousands of entries, and grouping them by sorting took most of
    // the ranking's time (bench/README.md, thirteenth round).
    const lists: Array<[number, number[]]> = [[0, c.seeAlso], [1, c.cites], [2, c.citing]];
    for (const reached of c.coCitation) lists.push([3, reached]);
    for (const reached of c.coupling) lists.push([4, reached]);
    const entries = lists.reduce((n, [, l]) => n + l.length, 0) + c.text.length;
    const slots = new CandidateSlots(entries);
    const counts: Int32Array[] = [0, 1, 2, 3, 4].map(() => new Int32Array(entries));
    const text = new Float64Array(entries);
    for (const [signal, list] of lists) {
      const count = counts[signal];
      for (const q of list) if (q !== c.self) count[slots.of(q)] += 1;
    }
    // A node hit by both full-text queries keeps its best value.
    for (const [q, value] of c.text) {
      if (q === c.self) continue;
      const i = slots.of(q);
      if (value > text[i]) text[i] = value;
    }
    const distinct = slots.size;
    // Copies, not views: a view would keep the arrays sized by the entries alive as long as the ranking.
    this.nodes = slots.nodes.slice(0, distinct);
    this.counts = counts.map((count) => count.slice(0, distinct)) as RelatedRanking["counts"];
    this.text = text.slice(0, distinct);
    const n = this.nodes.length;
    this.bound = new Float64Array(n);
    let positive = 0;
    for (let i = 0; i < n; i++) {
      // The relative margin covers the last bit of rounding between the bound's and the score's arithmetic.
      this.bound[i] = this.scoreOf(i, this.cosineBound(3, i, c.pIn), this.cosineBound(4, i, c.pOut)) * (1 + 1e-9);
      if (this.bound[i] > 0) positive += 1;
    }
    this.bounds = this.bound.slice().sort().reverse().subarray(0, positive);
    this.read = new Uint8Array(n);
    this.total = positive;
    this.round = Math.max(FIRST_ROUND, 4 * first);
    this.floor = after === null ? this.firstPageFloor() : -Infinity;
  }

  /**
   * The `first`-th highest of the candidates' scores with both cosines at 0, a lower bound of each one's exact score
   * (the terms are added in one order, and adding a cosine of at least 0 to a float never makes the sum smaller).
   * After a cursor the candidates before it are not known until their degrees are read, so only a first page has it.
   */
  private firstPageFloor(): number {
    const n = this.nodes.length;
    if (n < this.first) return -Infinity;
    const lower = new Float64Array(n);
    for (let i = 0; i < n; i++) lower[i] = this.scoreOf(i, 0, 0);
    const floor = lower.sort()[n - this.first];
    return floor > 0 ? floor : -Infinity;
  }

  /** The candidates whose facts the page needs next; empty once the page is settled. */
  nextNodes(): number[] {
    const page = this.page();
    const last = page.length === this.first ? page[page.length - 1].score : -Infinity;
    // A candidate handed out and not settled (deleted since the candidates were read) may be one the floor counted on.
    const floor = this.pending.size === 0 ? this.floor : -Infinity;
    if (this.next >= this.bounds.length || this.bounds[this.next] < Math.max(last, floor)) return [];
    // This round's candidates: every unread one with a bound at least the round's lowest, ties at it included, and
    // none below the floor.
    const lowest = Math.max(this.bounds[Math.min(this.next + this.round, this.bounds.length) - 1], floor);
    this.round *= 4;
    const nodes: number[] = [];
    for (let i = 0; i < this.bound.length; i++) {
      if (this.read[i] === 0 && this.bound[i] >= lowest) {
        this.read[i] = 1;
        this.pending.set(this.nodes[i], i);
        nodes.push(this.nodes[i]);
      }
    }
    this.next += nodes.length;
    return nodes;
  }

  /** Records a candidate's facts, read for a node nextNodes returned. */
  settle(node: number, facts: CandidateFacts): void {
    const i = this.pending.get(node);
    if (i === undefined) throw new Error(`node ${node} was not asked for`);
    this.pending.delete(node);
    const [seeAlso, cites, citedBy, coCitation, coupling] = this.counts.map((signal) => signal[i]);
    const norms: RankedCandidate["norms"] = [
      seeAlso > 0 ? 1 : 0,
      cites,
      citedBy,
      cosine(coCitation, this.candidates.pIn, facts.citationCount),
      cosine(coupling, this.candidates.pOut, facts.referenceCount),
      this.text[i],
    ];
    const score = this.scoreOf(i, norms[3], norms[4]);
    this.exact.push({ node, id: facts.id, score, counts: [seeAlso, cites, citedBy, coCitation, coupling], norms });
  }

  /** The best `first` candidates after the cursor among those settled, best first (score, then id). */
  page(): RankedCandidate[] {
    const after = this.after;
    return this.exact
      .filter((r) => after === null || r.score < after.score || (r.score === after.score && r.id > after.id))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, this.first);
  }

  /** The first MAX_EXAMPLES intermediates, in their fewest-edges-first order, joining the paper to each of `nodes`. */
  examples(nodes: readonly number[]): Map<number, { coCitation: number[]; coupling: number[] }> {
    const out = new Map(nodes.map((q) => [q, { coCitation: [] as number[], coupling: [] as number[] }]));
    const collect = (intermediates: number[], reached: number[][], pick: (e: { coCitation: number[]; coupling: number[] }) => number[]) =>
      reached.forEach((qs, j) => {
        for (const q of qs) {
          const found = out.get(q);
          const list = found && pick(found);
          // A node joined by two parallel edges is one example.
          if (list && list.length < MAX_EXAMPLES && list[list.length - 1] !== intermediates[j]) list.push(intermediates[j]);
        }
      });
    collect(this.candidates.citers, this.candidates.coCitation, (e) => e.coCitation);
    collect(this.candidates.refs, this.candidates.coupling, (e) => e.coupling);
    return out;
  }

  private cosineBound(signal: 3 | 4, i: number, pDegree: number): number {
    const n = this.counts[signal][i];
    return n === 0 ? 0 : Math.min(1, Math.sqrt(n / pDegree));
  }

  // The weighted sum, in the one order both the bound and the exact score add it up.
  private scoreOf(i: number, coCitation: number, coupling: number): number {
    const w = this.weights;
    return (
      w.seeAlso * (this.counts[0][i] > 0 ? 1 : 0) +
      w.cites * this.counts[1][i] +
      w.citedBy * this.counts[2][i] +
      w.coCitation * coCitation +
      w.coupling * coupling +
      w.text * this.text[i]
    );
  }
}

/**
 * Candidates' slots by node: 0, 1, 2, ... in the order nodes are first seen. Open addressing with linear probing in a
 * table at most half full; nodes are Neo4j's internal ids, integers below 2^53.
 */
class CandidateSlots {
  /** The node in each slot. */
  readonly nodes: Float64Array;
  size = 0;
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(capacity: number) {
    let bits = 4;
    while (2 ** bits < capacity * 2) bits += 1;
    // A 32-bit hash indexes at most 2^30 slots here; the lists of a paper come nowhere near it.
    if (bits > 30) throw new RangeError(`${capacity} candidate entries are more than a ranking can hold`);
    this.table = new Int32Array(2 ** bits).fill(-1);
    this.mask = 2 ** bits - 1;
    this.shift = 32 - bits;
    this.nodes = new Float64Array(Math.max(capacity, 1));
  }

  /** The node's slot, a new one the first time it is asked for. */
  of(node: number): number {
    // Fibonacci hashing: the product's top bits, which every bit of its operand reaches, so ids that differ only
    // above the table's size still spread over it. The high 32 bits are multiplied in before, so that ids whose two
    // halves are alike (k * (2^32 + 1)) do not cancel out.
    let h = Math.imul((node | 0) ^ Math.imul((node / 4294967296) | 0, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
    for (;;) {
      const slot = this.table[h];
      if (slot === -1) {
        this.table[h] = this.size;
        this.nodes[this.size] = node;
        return this.size++;
      }
      if (this.nodes[slot] === node) return slot;
      h = (h + 1) & this.mask;
    }
  }
}
