// The identifiers a paper is known by besides its id, written once: the Paper property that holds each kind, which
// kinds the database keeps unique, the order in which they name a paper, and the id a paper first seen by one gets.
// docs/importing.md#one-node-per-paper says why it is this way.
import { createHash } from "node:crypto";
import { normaliseOpenAlex, normalisePmcid, normaliseS2PaperId } from "../ingest/formats/external-ids";
import type { ExternalIds } from "../ingest/formats/import-record";
import { arxivPaperId, doiKey, doiPaperId } from "./paper-ids";

/** Identifier kinds in the order they name a paper: the first a record carries gives a new paper its id. */
export const IDENTIFIER_KINDS = ["arxiv", "doi", "dblp", "openalex", "s2", "corpusId", "pubmed", "pmcid", "mag", "acl"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** The Paper property holding each kind (arxivId and doi predate the importer; the rest came with it). */
export const IDENTIFIER_PROPERTY: Record<IdentifierKind, string> = {
  arxiv: "arxivId",
  doi: "doi",
  dblp: "dblpKey",
  openalex: "openalexId",
  s2: "s2Id",
  corpusId: "corpusId",
  pubmed: "pubmedId",
  pmcid: "pmcid",
  mag: "magId",
  acl: "aclId",
};

/**
 * The kinds whose uniqueness constraint is made with the schema. arxivId's and doi's are made after the migrations,
 * and only once no two papers hold one value (schema-setup.ts IDENTIFIER_CONSTRAINTS).
 */
export const UNIQUE_IDENTIFIER_KINDS: readonly IdentifierKind[] = IDENTIFIER_KINDS.filter((k) => k !== "arxiv" && k !== "doi");

/** The identifiers of one paper, by Paper property name, each present only when known. */
export type IdentifierProperties = Partial<Record<string, string>>;

// Namespaces of the ids derived from a kind that has no id form of its own.
const ID_NAMESPACE: Record<Exclude<IdentifierKind, "arxiv" | "doi" | "dblp">, string> = {
  openalex: "openalex",
  s2: "s2",
  corpusId: "s2-corpus",
  pubmed: "pubmed",
  pmcid: "pmc",
  mag: "mag",
  acl: "acl",
};

/**
 * The id a paper first seen with these identifiers gets: a dataset id as it is, then the first kind it carries
 * (an arXiv paper gets ShortScience's `journals/corr/<arXiv id>`, a DBLP key is itself a ShortScience id, a DOI
 * gives `doi:<doi>`, the others `<namespace>:<value>`). A record with no identifier at all is named by a hash of
 * its title, year and first author, so importing the same file again finds it.
 */
export function derivedPaperId(ids: ExternalIds, fallback: { title: string | null; year?: number; authors: string[] }): string {
  if (ids.datasetId) return ids.datasetId;
  for (const kind of IDENTIFIER_KINDS) {
    const value = ids[kind];
    if (value === undefined) continue;
    if (kind === "arxiv") return arxivPaperId(value);
    if (kind === "doi") return doiPaperId(doiKey(value));
    if (kind === "dblp") return value;
    return `${ID_NAMESPACE[kind]}:${value}`;
  }
  const key = [fallback.title ?? "", fallback.year ?? "", fallback.authors[0] ?? ""].join("\u0000").toLowerCase();
  return `import:${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

/** The identifiers as Paper properties (datasetId is the id itself, not a property). */
export function identifierProperties(ids: ExternalIds): IdentifierProperties {
  const props: IdentifierProperties = {};
  for (const kind of IDENTIFIER_KINDS) {
    const value = ids[kind];
    if (value !== undefined) props[IDENTIFIER_PROPERTY[kind]] = kind === "doi" ? doiKey(value) : value;
  }
  return props;
}

/** How an identifier reads to people, e.g. as a stub's title until the paper itself is imported. */
export function identifierLabel(ids: ExternalIds): string {
  if (ids.datasetId) return ids.datasetId;
  for (const kind of IDENTIFIER_KINDS) if (ids[kind] !== undefined) return `${kind}:${ids[kind]}`;
  return "unidentified";
}

/**
 * Whether a stored title is only a label standing in for one: the paper's id (a dataset paper's) or `kind:value` of
 * an identifier it holds, as identifierLabel made it for a stub or a record without a title. Such a title is no
 * field the paper has: an import that brings a real title fills it (docs/importing.md#one-node-per-paper).
 */
export function isIdentifierLabel(title: string, paper: { id: string; values: Record<string, unknown> }): boolean {
  if (title === paper.id) return true;
  return IDENTIFIER_KINDS.some((kind) => {
    const value = paper.values[IDENTIFIER_PROPERTY[kind]];
    return value != null && title === `${kind}:${String(value)}`;
  });
}

const CORPUS_KEY = /^(?:corpusid|s2-corpus):\s*(\d+)$/i;
const PUBMED_KEY = /^(?:pmid|pubmed):\s*(\d+)$|^https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/(\d+)\/?$/i;
const MAG_KEY = /^mag:\s*(\d+)$/i;
const ACL_KEY = /^acl:\s*(\S+)$/i;

/**
 * What a key a user holds (`paper(id:)`) may be under each kind besides id, arXiv id and DOI, as Paper properties
 * (null: not that kind). Bare numbers are ambiguous (corpus, PubMed and MAG ids are all digits), so those kinds need
 * their prefix: `CorpusId:215416146`, `pmid:17344454`, `mag:2100837269`; `W3046863325`, a 40-hex S2 id, `PMC4587898`
 * and a DBLP key read as themselves.
 */
export function identifiersOfKey(key: string): Record<string, string | null> {
  const pubmed = PUBMED_KEY.exec(key);
  return {
    dblpKey: key.replace(/^dblp:\s*/i, ""),
    openalexId: normaliseOpenAlex(key) ?? null,
    s2Id: normaliseS2PaperId(key) ?? null,
    corpusId: CORPUS_KEY.exec(key)?.[1] ?? null,
    pubmedId: pubmed ? pubmed[1] ?? pubmed[2] : null,
    pmcid: /^pmc\d+$/i.test(key) ? normalisePmcid(key) ?? null : null,
    magId: MAG_KEY.exec(key)?.[1] ?? null,
    aclId: ACL_KEY.exec(key)?.[1] ?? null,
  };
}
