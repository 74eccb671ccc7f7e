// A deterministic synthetic citation graph: heavy-tailed in-degree (a few hubs cited thousands of times),
// authors, and summaries on about a fifth of the papers.
import type { EdgeRecord, PaperInputRecord, SummaryInputRecord } from "../src/ingest/ingest.repository";

export interface GraphSize {
  papers: number;
  citations: number;
}

export const SIZES: Record<string, GraphSize> = {
  tiny: { papers: 400, citations: 4_000 },
  S: { papers: 10_000, citations: 150_000 },
  M: { papers: 100_000, citations: 2_000_000 },
};

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "graph neural network citation learning deep residual attention memory retrieval summary bayesian " +
  "variational sparse dense convolution recurrent generative adversarial model inference kernel spectral " +
  "embedding transformer language vision robust adaptive stochastic gradient optimisation ranking"
).split(" ");

export function paperId(i: number): string {
  return `bench:p${String(i).padStart(7, "0")}`;
}

/** A rare word per paper group: full-text queries for it match a handful of titles, never a crowd. */
export function tagWord(i: number): string {
  return `tag${(i % 1000).toString(36)}x${Math.floor(i / 1000).toString(36)}`.slice(0, 12);
}

/** What the load needs of a graph: its paper ids and some rare title words to search for. */
export interface BenchGraph {
  /** Papers in descending in-degree: the hub-heavy id pool takes its ids from the front. */
  byInDegree: string[];
  /** Title words that occur in a handful of titles each, so a search for one returns all its hits. */
  tags: string[];
}

export interface SyntheticGraph extends BenchGraph {
  papers: PaperInputRecord[];
  citations: EdgeRecord[];
  summaries: SummaryInputRecord[];
}

/**
 * Papers arrive in order; each cites earlier papers, choosing by preferential attachment (a copy of an existing
 * citation's target) with probability 0.85, else uniformly: the classic recipe for a power-law in-degree.
 */
export function generateGraph(size: GraphSize, seed = 42): SyntheticGraph {
  const random = rng(seed);
  const n = size.papers;
  const perPaper = size.citations / n;
  const people = Math.max(50, Math.floor(n / 3));
  const papers: PaperInputRecord[] = [];
  const citations: EdgeRecord[] = [];
  const summaries: SummaryInputRecord[] = [];
  const targets: number[] = [];
  const inDegree = new Uint32Array(n);

  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 5 }, () => WORDS[Math.floor(random() * WORDS.length)]);
    const tag = tagWord(Math.floor(random() * Math.max(1, n / 5)));
    papers.push({
      id: paperId(i),
      title: `${words.join(" ")} ${tag}`,
      year: 1990 + Math.floor((i / n) * 35),
      abstract: `We study ${words[0]} ${words[1]} for ${words[2]} ${words[3]}.`,
      authors: Array.from({ length: 1 + Math.floor(random() * 4) }, () => `Person ${Math.floor(random() * people)}`).filter(
        (name, k, all) => all.indexOf(name) === k,
      ),
    });
    if (i > 0) {
      const want = Math.min(i, Math.round(perPaper * (0.5 + random())));
      const chosen = new Set<number>();
      for (let tries = 0; chosen.size < want && tries < want * 4; tries++) {
        const t = targets.length > 0 && random() < 0.85 ? targets[Math.floor(random() * targets.length)] : Math.floor(random() * i);
        chosen.add(t);
      }
      for (const t of chosen) {
        citations.push({ from: paperId(i), to: paperId(t) });
        targets.push(t);
        inDegree[t] += 1;
      }
    }
    if (random() < 0.2) {
      const count = 1 + Math.floor(random() * 3);
      for (let s = 0; s < count; s++) {
        summaries.push({
          id: `bench:s${i}-${s}`,
          paperId: paperId(i),
          body: `Summary ${s} of ${words.join(" ")}. The ${words[4]} part matters.`,
          createdAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000 + s * 1000).toISOString(),
          votes: Math.floor(random() * 20),
          author: `Person ${Math.floor(random() * people)}`,
          mentions: [],
        });
      }
    }
  }
  const byInDegree = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => inDegree[b] - inDegree[a] || a - b)
    .map(paperId);
  const tags = [...new Set(papers.map((p) => p.title.split(" ").pop() as string))];
  return { papers, citations, summaries, byInDegree, tags };
}
