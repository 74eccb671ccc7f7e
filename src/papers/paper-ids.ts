// Every identifier form of papers and summaries, written once: input validation, paper lookups, link extraction,
// the summary writer and the importers read and make ids only through this module.
import { randomUUID } from "node:crypto";

/** How a paper is named: by its paper id, by its arXiv id (without version) or by its DOI (bare). */
export type PaperRef = { kind: "id"; value: string } | { kind: "arxiv"; value: string } | { kind: "doi"; value: string };

// Regex sources, composed below. An arXiv id is new style (1512.03385) or old style, an archive with an optional
// subject class and seven digits (hep-th/9901001, math.AG/0601001); a version (v2) never belongs to the id. Archive
// names are short (hep-th, math-ph, cond-mat, chao-dyn); the bound keeps a run of letters in a summary from making a
// stub id longer than Neo4j can index (docs/security-and-limits.md#what-one-summary-may-write).
const ARXIV_NEW = String.raw`\d{4}\.\d{4,5}`;
const ARXIV_ARCHIVE = String.raw`[a-z-]{1,32}`;
const ARXIV_SUBJECT_CLASS = String.raw`\.[A-Z]{2}`;
const ARXIV_OLD = String.raw`${ARXIV_ARCHIVE}(?:${ARXIV_SUBJECT_CLASS})?\/\d{7}`;
const ARXIV = `(?:${ARXIV_NEW}|${ARXIV_OLD})`;
const VERSION = String.raw`(?:v\d+)?`;
const ARXIV_URL_PREFIX = String.raw`https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/`;
const ARXIV_URL_SUFFIX = String.raw`${VERSION}(?:\.pdf)?\/?(?:[?#].*)?`;
const DOI_SOURCE = String.raw`10\.\d{4,9}\/\S+`;
const DOI_URL_PREFIX = String.raw`https?:\/\/(?:dx\.)?doi\.org\/`;

/**
 * A paper id is either
 * - a ShortScience bibtexKey (DBLP style, 2 to 4 slash-separated parts): `journals/corr/1512.03385`,
 *   `conf/nips/GrefenstetteHSB15`, `journals/corr/hep-th/9901001` (an old-style arXiv id), or
 * - a namespaced id `<namespace>:<original id>`: `hepth:9201001`, `aan:D10-1001`, `doi:10.1145/3292500.3330701`.
 */
export const PAPER_ID = /^(?:[A-Za-z][A-Za-z0-9-]*(?:\/[A-Za-z0-9._+-]+){1,3}|[a-z][a-z0-9-]*:[^\s]+)$/;
export const PAPER_ID_HINT = "a paper id such as journals/corr/1512.03385, conf/nips/GrefenstetteHSB15 or hepth:9201001";
// Control characters and lone surrogates (which UTF-8 cannot carry to Neo4j unchanged) belong in no id.
export const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;
/** The longest paper id, DOI or summary id an input may hold. */
export const MAX_ID_LENGTH = 300;

/** The one test of a paper id, whoever makes it: upsertPaper's input and the keys a summary's text links to. */
export function isPaperId(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && PAPER_ID.test(value) && !UNPRINTABLE.test(value);
}

/** A summary id: `<namespace>/<name>`, e.g. `shortscience/resnet` or, for summaries added through the API, `summaries/<uuid>`. */
export const SUMMARY_ID = /^[a-z][a-z0-9-]*\/[A-Za-z0-9._-]+$/;
export const SUMMARY_ID_HINT = "a summary id such as shortscience/resnet";

/** An arXiv id as stored on a paper: without version, `1512.03385` or `hep-th/9901001`. */
export const ARXIV_ID = new RegExp(`^${ARXIV}$`);
export const ARXIV_ID_HINT = "an arXiv id without version, such as 1512.03385 or hep-th/9901001";

/** A DOI as stored on a paper: bare, `10.1145/3292500.3330701`. */
export const DOI = new RegExp(`^${DOI_SOURCE}$`);
export const DOI_HINT = "a bare DOI such as 10.1145/3292500.3330701";

// The spellings a user may hold for one paper (see parsePaperRef).
const ARXIV_SPELLED = new RegExp(`^(?:arxiv:|${ARXIV_URL_PREFIX})(${ARXIV})${ARXIV_URL_SUFFIX}$`, "i");
// A bare old-style id with a version (hep-th/9901001v3) also reads as a DBLP-style paper id, so it stays one.
const ARXIV_NEW_VERSIONED = new RegExp(`^(${ARXIV_NEW})v\\d+$`);
const DOI_SPELLED = new RegExp(`^(?:doi:|${DOI_URL_PREFIX})(${DOI_SOURCE})$`, "i");

// The URLs that name a paper (see paperRefOfUrl).
const SHORTSCIENCE_URL = /^https?:\/\/(?:www\.)?shortscience\.org\/paper\?(?:[^#]*&)?bibtexKey=([^&#\s]+)/i;
const ARXIV_URL = new RegExp(`^${ARXIV_URL_PREFIX}(${ARXIV})${ARXIV_URL_SUFFIX}$`, "i");
const DOI_URL = new RegExp(`^${DOI_URL_PREFIX}(${DOI_SOURCE})$`, "i");
// The DOI arXiv registers for each of its papers names the arXiv paper itself.
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

// How running text names papers: a citation command's keys, \cite{a,b}; "arXiv:1512.03385v2"; "doi:10.x/y" or a bare
// 10.x/y. The commands are \cite, natbib's \citep, \citet, \citealp, \citealt, \citeauthor, \citeyear and
// \citeyearpar, and biblatex's \parencite, \textcite, \autocite, \footcite, \smartcite and \supercite, each also
// capitalised as both packages define them for a sentence's start (\Citep, \Parencite), starred or not, with optional
// arguments (\citep*[see][p.~3]{..}). The name must end right before its *, [ or {, so \citex{..} and \citation{..}
// are no citation. Other commands are not read: biblatex's \cites{a}{b}, whose several key groups this pattern does
// not take, nor \fullcite. They scan whole summary bodies, so each must stay linear in the text's length
// (test/unit/text-patterns.test.ts checks them with recheck). A citation attempt stops at the next [ in an optional
// argument and at the next { in its keys: with [^\]] and [^}] each \cite[ or \cite{ without a close read on to the
// end of the text (docs/security-and-limits.md#what-one-summary-may-write).
export const CITE_IN_TEXT =
  /\\(?:[Cc]ite(?:[pt]|al[pt]|author|year(?:par)?)?|(?:[Pp]aren|[Tt]ext|[Aa]uto|[Ff]oot|[Ss]mart|[Ss]uper)cite)\*?(?:\[[^[\]]*\])*\{([^{}]+)\}/g;
export const ARXIV_IN_TEXT = new RegExp(`\\barxiv:\\s*(${ARXIV})${VERSION}`, "gi");
export const DOI_IN_TEXT = /\b(?:doi:\s*)?(10\.\d{4,9}\/[^\s"<>]+)/gi;

// An old-style arXiv id in any case, by part (see arxivIdKey).
const ARXIV_OLD_PARTS = new RegExp(String.raw`^(${ARXIV_ARCHIVE})(${ARXIV_SUBJECT_CLASS})?\/(\d{7})$`, "i");

/**
 * An arXiv id as papers store it: an old-style id's archive lower-case and its subject class upper-case, as arXiv
 * writes them (HEP-TH/9901001 is hep-th/9901001, math.ag/0601001 is math.AG/0601001); a new-style id as it is.
 */
export function arxivIdKey(id: string): string {
  const old = ARXIV_OLD_PARTS.exec(id);
  return old ? `${old[1].toLowerCase()}${(old[2] ?? "").toUpperCase()}/${old[3]}` : id;
}

/** An arXiv id read from any spelling, as stored (arxivIdKey), or null when it is none or its stub's id would be no paper id. */
function arxivRef(raw: string): PaperRef | null {
  const id = arxivIdKey(raw);
  return ARXIV_ID.test(id) && isPaperId(arxivPaperId(id)) ? { kind: "arxiv", value: id } : null;
}

/**
 * Reads an identifier a user holds for a paper: an arXiv id in any common spelling ("arXiv:1512.03385v2",
 * "https://arxiv.org/pdf/hep-th/9901001v3.pdf", a bare new-style id with or without version), a DOI in any common
 * spelling ("doi:10.1109/X", "https://doi.org/10.1109/X", a bare DOI) or else, trimmed, a paper id. A bare
 * `hep-th/9901001` has the shape of a two-part paper id too and reads as arXiv; paper(id:) tries the value as each
 * identifier (normalizePaperKey), so only code that goes by kind (paperIdentifiers) sees the difference.
 */
export function parsePaperRef(raw: string): PaperRef {
  const key = raw.trim();
  const spelled = ARXIV_SPELLED.exec(key) ?? ARXIV_NEW_VERSIONED.exec(key);
  const arxiv = spelled && arxivRef(spelled[1]);
  if (arxiv) return arxiv;
  if (ARXIV_ID.test(key)) return { kind: "arxiv", value: key };
  const doi = DOI_SPELLED.exec(key);
  if (doi) return { kind: "doi", value: doi[1] };
  if (DOI.test(key)) return { kind: "doi", value: key };
  return { kind: "id", value: key };
}

/** A name a client may give a paper in an argument: a paper id, or an arXiv id or a DOI in any spelling parsePaperRef reads. */
export function isPaperName(raw: string): boolean {
  const ref = parsePaperRef(raw);
  return ref.kind !== "id" || isPaperId(ref.value);
}
export const PAPER_NAME_HINT = "a paper id (journals/corr/1512.03385, hepth:9201001), an arXiv id or a DOI";

/**
 * The form stored on papers of whatever identifier the user holds: "arXiv:1512.03385v2" becomes "1512.03385",
 * "https://doi.org/10.1109/X" becomes "10.1109/X", anything else is returned trimmed.
 */
export function normalizePaperKey(raw: string): string {
  return parsePaperRef(raw).value;
}

/** The paper a URL points at (a ShortScience paper page, an arXiv abstract or PDF, a doi.org link), or null. */
export function paperRefOfUrl(url: string): PaperRef | null {
  const ss = SHORTSCIENCE_URL.exec(url);
  if (ss) return idRef(percentDecoded(ss[1]));
  const arxiv = ARXIV_URL.exec(url);
  if (arxiv) return arxivRef(arxiv[1]);
  const doi = DOI_URL.exec(url);
  if (doi) return refOfDoi(doi[1]);
  return null;
}

/**
 * The paper a DOI found in a URL or in text names: percent-decoded, without trailing sentence punctuation, and
 * the arXiv paper itself for arXiv's own DOIs; null when what is left is not a DOI.
 */
export function refOfDoi(raw: string): PaperRef | null {
  const decoded = percentDecoded(raw);
  if (decoded === undefined) return null;
  const doi = withoutTrailingPunctuation(decoded);
  const arxiv = ARXIV_DOI.exec(doi);
  const arxivPaper = arxiv && arxivRef(arxiv[1]);
  if (arxivPaper) return arxivPaper;
  return isDoi(doi) ? { kind: "doi", value: doi } : null;
}

// What may end a sentence after a DOI, and so never ends a DOI found in text.
const SENTENCE_PUNCTUATION = ".,;:)]";

/**
 * `text` without the SENTENCE_PUNCTUATION at its end. A loop, not /[.,;:)\]]+$/: that pattern reads from every unit of
 * a punctuation run to the run's end, and fails there when more follows, so a DOI token of dots and a letter cost the
 * square of its length (docs/security-and-limits.md#what-one-summary-may-write).
 */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && SENTENCE_PUNCTUATION.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/** A DOI as upsertPaper accepts one, and short enough that its stub's id (doi:<DOI>) is a paper id too. */
function isDoi(value: string): boolean {
  return DOI.test(value) && isPaperId(doiPaperId(value));
}

/** A \cite key or a ShortScience bibtexKey names a paper only when it is a paper id upsertPaper would accept. */
function idRef(key: string | undefined): PaperRef | null {
  return key !== undefined && isPaperId(key) ? { kind: "id", value: key } : null;
}

/** `raw` with its %XX escapes decoded; undefined when an escape is malformed or does not spell UTF-8 (%E0 alone). */
function percentDecoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The papers running text names (\cite keys, arXiv ids, DOIs), with where each mention starts, in order of appearance. */
export function paperRefsInText(text: string): Array<{ ref: PaperRef; at: number }> {
  const refs: Array<{ ref: PaperRef; at: number }> = [];
  for (const m of text.matchAll(CITE_IN_TEXT)) {
    for (const key of m[1].split(",")) {
      const ref = idRef(key.trim());
      if (ref) refs.push({ ref, at: m.index });
    }
  }
  for (const m of text.matchAll(ARXIV_IN_TEXT)) {
    const ref = arxivRef(m[1]);
    if (ref) refs.push({ ref, at: m.index });
  }
  for (const m of text.matchAll(DOI_IN_TEXT)) {
    const ref = refOfDoi(m[1]);
    if (ref) refs.push({ ref, at: m.index });
  }
  return refs.sort((a, b) => a.at - b.at);
}

/** What a paper named by `ref` may be stored under; `id` is also the id of the stub made for it when none is. */
export interface PaperIdentifiers {
  id: string;
  arxivId: string | null;
  doi: string | null;
}

export function paperIdentifiers(ref: PaperRef): PaperIdentifiers {
  if (ref.kind === "arxiv") return { id: arxivPaperId(ref.value), arxivId: ref.value, doi: doiKey(arxivDoi(ref.value)) };
  if (ref.kind === "doi") return { id: doiPaperId(doiKey(ref.value)), arxivId: null, doi: doiKey(ref.value) };
  return { id: ref.value, arxivId: null, doi: null };
}

/** The id a paper known only by its arXiv id gets: ShortScience's form for arXiv papers. */
export function arxivPaperId(arxivId: string): string {
  return `journals/corr/${arxivId}`;
}

/** The DOI arXiv registers for one of its papers. */
export function arxivDoi(arxivId: string): string {
  return `10.48550/arXiv.${arxivId}`;
}

/** The abstract page of an arXiv paper. */
export function arxivUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

/** DOIs are case-insensitive: they are stored, and looked up, lower-case. */
export function doiKey(doi: string): string {
  return doi.toLowerCase();
}

/** The id a paper known only by its DOI gets. */
export function doiPaperId(doi: string): string {
  return `doi:${doi}`;
}

/**
 * The DOI a paper id names, lower-case: `doi:<DOI>` (doiPaperId) is the id of the paper holding that DOI, and every
 * lookup reads it as that DOI (parsePaperRef), so the paper is found by its id only while it holds it. Null for
 * any other id.
 */
export function doiOfPaperId(id: string): string | null {
  const ref = parsePaperRef(id);
  return ref.kind === "doi" && id === doiPaperId(ref.value) ? doiKey(ref.value) : null;
}

/** Dataset papers live side by side under `<dataset>:<original id>`, e.g. hepth:9201001. */
export function datasetPaperId(dataset: string, originalId: string | number): string {
  return `${datasetIdPrefix(dataset)}${originalId}`;
}

/** What every id of a dataset's papers starts with. */
export function datasetIdPrefix(dataset: string): string {
  return `${dataset}:`;
}

/** The id of a summary added through the API, chosen once so a retried write transaction writes the same summary. */
export function newSummaryId(): string {
  return `summaries/${randomUUID()}`;
}
