// What graph exploration reads: related papers with their evidence, yearly counts, rankings, subgraphs and paths,
// and the allow-listed names (signals, edge kinds, directions) they are built from.
import type { PaperRecord, SelectedPaper } from "../papers/paper.record";

export const SIGNALS = ["seeAlso", "cites", "citedBy", "coCitation", "coupling", "text"] as const;
export type Signal = (typeof SIGNALS)[number];
export type RelatedWeights = Record<Signal, number>;

export const EDGE_KINDS = ["CITES", "SEE_ALSO"] as const;
export type EdgeKindName = (typeof EDGE_KINDS)[number];
export type DirectionName = "OUT" | "IN" | "BOTH";

export interface SignalRecord {
  count: number;
  /** The signal on a 0..1 scale, before weighting. */
  normalized: number;
  exampleIds: string[];
  /** The words both papers use (the text signal only; empty for the others). */
  terms: string[];
}

export interface RelatedRecord {
  /** Read with relatedPaperProps (src/graph/graph.repository.ts). */
  paper: SelectedPaper;
  score: number;
  evidence: Record<Signal, SignalRecord>;
}

/** How much of the 2-hop evidence one paper's related list was computed from. */
export interface RelatedWork {
  /** True when every intermediate of both 2-hop signals was expanded: every count is then exact. */
  complete: boolean;
  edgesExpanded: number;
  intermediatesExamined: number;
  intermediatesTotal: number;
}

export interface RelatedGroup {
  key: string;
  total: number;
  items: RelatedRecord[];
  /** The items' example papers, read with RelatedPage.exampleProps; empty when those were not read. */
  examples: SelectedPaper[];
  work: RelatedWork;
}

export interface YearCountRecord {
  year: number;
  count: number;
}

export interface RankedPaperRecord {
  paper: PaperRecord;
  count: number;
}

export interface SubgraphNodeRecord {
  id: string;
  depth: number;
  year: number | null;
  citations: number;
}

export interface EdgeRecordOut {
  from: string;
  to: string;
  kind: EdgeKindName;
}

export interface SubgraphRecord {
  /** Seeds that exist, in the order asked. */
  seeds: string[];
  nodes: SubgraphNodeRecord[];
  edges: EdgeRecordOut[];
  truncated: boolean;
}

export interface PathRecord {
  ids: string[];
  edges: EdgeRecordOut[];
}
