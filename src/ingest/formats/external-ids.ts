// The one home of identifier normalisation for imported records: each source's spelling of an id becomes the
// single form ExternalIds documents, or undefined when the value is not that kind of id.
import { ARXIV_ID, arxivIdKey, DOI, MAX_ID_LENGTH, UNPRINTABLE } from "../../papers/paper-ids";
import type { ExternalIds } from "./import-record";

/** A trimmed non-empty string, from a string or a number (ids arrive as either). */
function idText(raw: unknown): string | undefined {
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== "string") return undefined;
  const t = raw.trim();
  return t === "" ? undefined : t;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;
// arXiv DOIs carry the arXiv id: 10.48550/arXiv.1512.03385, 10.48550/arXiv.hep-th/9901001.
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

/** `https://doi.org/10.1093/MIND/LIX.236.433` → `10.1093/mind/lix.236.433`. DOIs are case-insensitive. */
export function normaliseDoi(raw: unknown): string | undefined {
  const t = idText(raw);
  if (!t) return undefined;
  const doi = (DOI_PREFIX.test(t) ? decode(t.replace(DOI_PREFIX, "")) : t).trim().toLowerCase();
  return DOI.test(doi) ? doi : undefined;
}

const ARXIV_PREFIX = /^(?:arxiv:\s*|https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/)/i;

/**
 * `arXiv:1512.03385v2`, `https://arxiv.org/pdf/1512.03385v1.pdf` → `1512.03385`; `HEP-TH/9901001v3` → `hep-th/9901001`;
 * `math.ag/0101001` → `math.AG/0101001` (the archive is lower-case, the subject class upper-case).
 */
export function normaliseArxiv(raw: unknown): string | undefined {
  const t = idText(raw);
  if (!t) return undefined;
  const id = t.replace(ARXIV_PREFIX, "").replace(/\.pdf$/i, "").replace(/v\d+$/i, "");
  const normal = arxivIdKey(id);
  return ARXIV_ID.test(normal) ? normal : undefined;
}

/** The arXiv id inside an arXiv DOI (`10.48550/arXiv.2006.06872`), if the DOI is one. */
export function arxivFromDoi(doi: string | undefined): string | undefined {
  const m = doi ? ARXIV_DOI.exec(doi) : null;
  return m ? normaliseArxiv(m[1]) : undefined;
}

/** The arXiv id of an arxiv.org abs or pdf URL. */
export function arxivFromUrl(raw: unknown): string | undefined {
  const t = idText(raw);
  return t && /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\//i.test(t) ? normaliseArxiv(t.split(/[?#]/)[0]) : undefined;
}

/** `https://openalex.org/W3046863325`, `w3046863325` → `W3046863325`. */
export function normaliseOpenAlex(raw: unknown): string | undefined {
  const t = idText(raw)?.replace(/^https?:\/\/(?:api\.)?openalex\.org\/(?:works\/)?/i, "");
  return t && /^w\d+$/i.test(t) ? `W${t.slice(1)}` : undefined;
}

/** A Semantic Scholar paperId (40 hex digits), alone or at the end of a semanticscholar.org/paper/ URL. */
export function normaliseS2PaperId(raw: unknown): string | undefined {
  const t = idText(raw)?.replace(/^https?:\/\/(?:www\.|api\.)?semanticscholar\.org\/(?:graph\/v1\/)?paper\/(?:[^/]*\/)?/i, "");
  return t && /^[0-9a-f]{40}$/i.test(t) ? t.toLowerCase() : undefined;
}

/** Digits only: MAG ids, PubMed ids and corpus ids, from an int, a string or (PubMed) a pubmed URL. */
function digits(raw: unknown): string | undefined {
  const t = idText(raw)?.replace(/^https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov\//i, "").replace(/\/$/, "");
  return t && /^\d+$/.test(t) ? t : undefined;
}

/** `PMC4587898`, `4587898` or a PMC article URL → `PMC4587898`. */
export function normalisePmcid(raw: unknown): string | undefined {
  const t = idText(raw)?.replace(/^https?:\/\/(?:www\.)?ncbi\.nlm\.nih\.gov\/pmc\/articles\//i, "").replace(/\/$/, "");
  const m = t ? /^(?:pmc)?(\d+)$/i.exec(t) : null;
  return m ? `PMC${m[1]}` : undefined;
}

export const normaliseMag = digits;
export const normalisePubmed = digits;
export const normaliseCorpusId = digits;
const plain = idText;

type RawIds = { [K in keyof ExternalIds]?: unknown };

/**
 * An identifier is at most MAX_ID_LENGTH characters, as the API's inputs are, and printable (no control characters or
 * lone surrogates, which paper-ids.ts refuses in the API's inputs too): identifiers are index keys (a paper's id, DOI,
 * DBLP key...), and Neo4j fails a transaction whose index key passes about 8 kB, which would end an import sent
 * through the API as an internal error. A longer value is not taken for an identifier.
 */
function isIdentifierValue(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && !UNPRINTABLE.test(value);
}

const NORMALISERS: { [K in keyof ExternalIds]-?: (raw: unknown) => string | undefined } = {
  doi: normaliseDoi,
  arxiv: normaliseArxiv,
  openalex: normaliseOpenAlex,
  s2: normaliseS2PaperId,
  corpusId: normaliseCorpusId,
  dblp: plain,
  pubmed: normalisePubmed,
  pmcid: normalisePmcid,
  mag: normaliseMag,
  acl: plain,
  datasetId: plain,
};

/**
 * Normalises each raw value and keeps the ones that are ids; an arXiv DOI also gives the arXiv id when no arXiv id
 * was given. The first value that normalises wins when a key is given twice (pass the most specific source first).
 */
export function externalIds(...sources: RawIds[]): ExternalIds {
  const ids: ExternalIds = {};
  for (const raw of sources) {
    for (const key of Object.keys(raw) as (keyof ExternalIds)[]) {
      if (ids[key] !== undefined) continue;
      const value = NORMALISERS[key]?.(raw[key]);
      if (value !== undefined && isIdentifierValue(value)) ids[key] = value;
    }
  }
  const fromDoi = arxivFromDoi(ids.doi);
  if (ids.arxiv === undefined && fromDoi) ids.arxiv = fromDoi;
  return ids;
}

export function hasAnyId(ids: ExternalIds): boolean {
  return Object.keys(ids).length > 0;
}
