// Which node each imported record becomes, decided once per batch from the records' identifiers and the papers
// already stored under them; and what a record may write into a paper that exists. No database access: the
// importer reads the candidates (corpus-write.repository.ts), plans here, then writes. The rules are in
// docs/importing.md#one-node-per-paper.
import type { ExternalIds, ImportPaper } from "./formats/import-record";
import type { PaperUpsert } from "../papers/paper-write.repository";
import { derivedPaperId, identifierLabel, identifierProperties, IdentifierProperties, isIdentifierLabel } from "../papers/paper-identity";
import { FoundPaper, LOOKUP_PROPERTIES, StubWrite } from "./corpus-write.repository";

type Lookups = Map<string, Set<string>>;
type Found = Map<string, Map<string, FoundPaper[]>>;

/** A record to place: its identifiers and, for a paper record, what it says about the paper. */
interface Placeable {
  ids: ExternalIds;
  paper?: ImportPaper;
}

/** The (property, value) pairs a record is looked up and grouped by: its id forms, then one per identifier. */
function keysOf(r: Placeable): Array<[string, string]> {
  const keys: Array<[string, string]> = [];
  if (r.ids.datasetId) keys.push(["id", r.ids.datasetId]);
  if (r.ids.dblp) keys.push(["id", r.ids.dblp]);
  keys.push(["id", derivedPaperId(r.ids, r.paper ?? { title: null, authors: [] })]);
  for (const [property, value] of Object.entries(identifierProperties(r.ids))) keys.push([property, value!]);
  return keys;
}

/**
 * The id a paper record would have had without its identifiers (`import:<hash>`): a record imported before without
 * any (a BibTeX entry before the reference manager added its DOI) is stored under it. None for a dataset paper, whose
 * id is its dataset id, or a record whose id already is that hash.
 */
function earlierImportId(r: Placeable): string | undefined {
  if (!r.paper || r.ids.datasetId) return undefined;
  const id = derivedPaperId({}, r.paper);
  return id === derivedPaperId(r.ids, r.paper) ? undefined : id;
}

/** Whether a paper found by a record's earlierImportId may be it: it holds no other value of the record's identifier kinds. */
function mayBe(paper: FoundPaper, ids: ExternalIds): boolean {
  return Object.entries(identifierProperties(ids)).every(([property, value]) => paper.values[property] == null || paper.values[property] === value);
}

/** The rank of a match by earlierImportId: after every identifier, which name a paper more surely than its title does. */
const EARLIER_IMPORT_RANK = LOOKUP_PROPERTIES.length;

/** What to look up for a batch, by property. */
export function lookupsOf(records: readonly Placeable[]): Lookups {
  const lookups: Lookups = new Map(LOOKUP_PROPERTIES.map((p) => [p, new Set<string>()]));
  for (const r of records) {
    for (const [property, value] of keysOf(r)) lookups.get(property)!.add(value);
    const earlier = earlierImportId(r);
    if (earlier) lookups.get("id")!.add(earlier);
  }
  return lookups;
}

/** A group of records that are one paper: they share an identifier, directly or through other records. */
interface Group {
  members: number[];
  /** Stored papers any member's identifiers name, with the rank of the best identifier that found each. */
  candidates: Map<string, { paper: FoundPaper; rank: number }>;
}

function groupRecords(records: readonly Placeable[], found: Found): Group[] {
  const parent = records.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const owner = new Map<string, number>();
  const candidates = records.map(() => new Map<string, { paper: FoundPaper; rank: number }>());
  records.forEach((r, i) => {
    const tokens: string[] = [];
    const candidate = (paper: FoundPaper, rank: number) => {
      tokens.push(`id\t${paper.id}`);
      const seen = candidates[i].get(paper.id);
      if (!seen || rank < seen.rank) candidates[i].set(paper.id, { paper, rank });
    };
    for (const [property, value] of keysOf(r)) {
      tokens.push(`${property}\t${value}`);
      for (const paper of found.get(property)?.get(value) ?? []) candidate(paper, LOOKUP_PROPERTIES.indexOf(property));
    }
    for (const token of tokens) {
      const other = owner.get(token);
      if (other === undefined) owner.set(token, i);
      else parent[root(i)] = root(other);
    }
  });
  const groups = new Map<number, Group>();
  records.forEach((_, i) => {
    const g: Group = groups.get(root(i)) ?? { members: [], candidates: new Map() };
    g.members.push(i);
    for (const [id, c] of candidates[i]) {
      const seen = g.candidates.get(id);
      if (!seen || c.rank < seen.rank) g.candidates.set(id, c);
    }
    groups.set(root(i), g);
  });
  // Groups in order of their first record; members in file order: the merge is the same whatever the timing.
  const ordered = [...groups.values()].sort((a, b) => a.members[0] - b.members[0]);
  addEarlierImports(ordered, records, found);
  return ordered;
}

/**
 * A stored `import:<hash>` paper (made from a record without identifiers) found by a group's earlierImportId joins
 * that group's candidates only when it is no other group's paper by a stronger key and exactly one group reaches it,
 * with identifiers it does not contradict. It names no identifier, so it never joins records into one group: two
 * records of one title, year and first author with different DOIs are two papers, and neither takes it; a record
 * of the batch that is that paper (no identifiers, the same hash) keeps it.
 */
function addEarlierImports(groups: Group[], records: readonly Placeable[], found: Found): void {
  const direct = new Set(groups.flatMap((g) => [...g.candidates.keys()]));
  const reached = new Map<string, Array<{ group: Group; paper: FoundPaper }>>();
  for (const group of groups) {
    const ids = mergedIds(group.members.map((i) => records[i]));
    const earlier = new Set(group.members.map((i) => earlierImportId(records[i])).filter((id): id is string => id !== undefined));
    for (const id of earlier) {
      for (const paper of found.get("id")?.get(id) ?? []) {
        if (direct.has(paper.id) || !mayBe(paper, ids)) continue;
        const groupsOf = reached.get(paper.id) ?? [];
        if (!groupsOf.some((g) => g.group === group)) groupsOf.push({ group, paper });
        reached.set(paper.id, groupsOf);
      }
    }
  }
  for (const [id, [only, ...more]] of reached) if (more.length === 0) only.group.candidates.set(id, { paper: only.paper, rank: EARLIER_IMPORT_RANK });
}

/** The first value each identifier kind has among the records, in file order. */
function mergedIds(records: Placeable[]): ExternalIds {
  const ids: ExternalIds = {};
  for (const r of records) for (const [k, v] of Object.entries(r.ids) as Array<[keyof ExternalIds, string]>) ids[k] ??= v;
  return ids;
}

interface Target {
  id: string;
  existing?: FoundPaper;
  /** Identifier properties to set: the group's, less those the stored paper or another paper already holds. */
  identifiers: IdentifierProperties;
  conflict: boolean;
}

function targetOf(group: Group, records: Placeable[]): Target {
  const members = group.members.map((i) => records[i]);
  const ids = mergedIds(members);
  const ranked = [...group.candidates.values()].sort((a, b) => a.rank - b.rank || (a.paper.id < b.paper.id ? -1 : 1));
  const existing = ranked[0]?.paper;
  const others = ranked.slice(1).map((c) => c.paper);
  const identifiers: IdentifierProperties = {};
  for (const [property, value] of Object.entries(identifierProperties(ids))) {
    if (existing && existing.values[property] != null) continue; // the stored identifier stays
    if (others.some((o) => o.values[property] === value)) continue; // another paper holds it: not moved
    identifiers[property] = value;
  }
  const first = members.find((m) => m.paper)?.paper ?? { title: null, authors: [] };
  return { id: existing?.id ?? derivedPaperId(ids, first), existing, identifiers, conflict: others.length > 0 };
}

export interface PaperPlan {
  papers: PaperUpsert[];
  /** The node id of each record, in input order. */
  targets: string[];
  created: number;
  /** Records that reached a stored paper or an earlier record of the batch. */
  merged: number;
  /** Stored stubs that a record filled in. */
  filledStubs: number;
  /** Groups whose identifiers named more than one stored paper (merged into the best-ranked; the rest untouched). */
  conflicts: number;
}

/** The first non-empty value of a field among the records, in file order. */
function first<K extends keyof ImportPaper>(papers: ImportPaper[], key: K): ImportPaper[K] | undefined {
  for (const p of papers) {
    const v = p[key];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return v;
  }
  return undefined;
}

/**
 * Plans the paper writes of a batch: records sharing an identifier become one paper; a stored paper named by a
 * record is updated, never duplicated. A new paper or a stub takes every field the records give; a stored paper
 * that is not a stub keeps every field it has and only fills the empty ones (so a curator's edit is never undone);
 * a title that is only an identifier's label counts as empty.
 */
export function planPapers(records: ImportPaper[], found: Found): PaperPlan {
  const placeables = records.map((paper) => ({ ids: paper.ids, paper }));
  const plan: PaperPlan = { papers: [], targets: [], created: 0, merged: 0, filledStubs: 0, conflicts: 0 };
  for (const group of groupRecords(placeables, found)) {
    const target = targetOf(group, placeables);
    const papers = group.members.map((i) => records[i]);
    for (const i of group.members) plan.targets[i] = target.id;
    const { existing } = target;
    if (!existing) plan.created += 1;
    plan.merged += papers.length - (existing ? 0 : 1);
    if (existing?.stub) plan.filledStubs += 1;
    if (target.conflict) plan.conflicts += 1;

    const replace = !existing || existing.stub;
    const stored = (field: string) => existing?.values[field] ?? null;
    const take = <T>(field: string, value: T | undefined): T | undefined =>
      value === undefined || (!replace && stored(field) !== null) ? undefined : value;
    const authors = first(papers, "authors");
    // A title that is only an identifier's label (a stub's, or a record's that had none) is as good as empty.
    const storedTitle = stored("title") as string | null;
    const untitled = !existing || storedTitle === null || isIdentifierLabel(storedTitle, existing);
    plan.papers.push({
      id: target.id,
      title: (replace || untitled ? first(papers, "title") : null) ?? storedTitle ?? identifierLabel(mergedIds(papers.map((p) => ({ ids: p.ids })))),
      abstract: take("abstract", first(papers, "abstract")),
      year: take("year", first(papers, "year")),
      venue: take("venue", first(papers, "venue")),
      url: take("url", first(papers, "url")),
      authors: authors && (replace || !existing.hasAuthors) ? authors : undefined,
      identifiers: target.identifiers,
    });
  }
  return plan;
}

export interface StubPlan {
  stubs: StubWrite[];
  /** The node id each reference names, in input order. */
  targets: string[];
}

/** Places cited works: a stored paper when one holds any of the identifiers, else one new stub per group. */
export function planStubs(refs: ExternalIds[], found: Found): StubPlan {
  const placeables = refs.map((ids) => ({ ids }));
  const plan: StubPlan = { stubs: [], targets: [] };
  for (const group of groupRecords(placeables, found)) {
    const target = targetOf(group, placeables);
    for (const i of group.members) plan.targets[i] = target.id;
    if (!target.existing) {
      plan.stubs.push({ id: target.id, title: identifierLabel(mergedIds(group.members.map((i) => placeables[i]))), props: target.identifiers });
    }
  }
  return plan;
}
