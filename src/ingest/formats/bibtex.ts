// BibTeX files as import records, parsed by @retorquere/bibtex-parser (the parser behind Better BibTeX for
// Zotero): @string and month macros, braces and LaTeX accents to Unicode. BibTeX has no citation links.
import { parse, type Creator, type Entry } from "@retorquere/bibtex-parser";
import { arxivFromDoi, arxivFromUrl, externalIds, normaliseArxiv, normaliseDoi } from "./external-ids";
import type { ImportItem, ImportPaper } from "./import-record";
import { readText } from "./input";
import { compact, isoDate, partialDate, text } from "./values";

const PARSE_OPTIONS = {
  // Keep titles as written: no sentence-casing, no case-protection markup.
  english: false,
  sentenceCase: false as const,
  caseProtection: false,
  // An unknown command stays as its TeX source rather than failing the entry.
  unsupported: (_node: unknown, tex: string) => tex,
};

/**
 * BibTeX's `and others` ends a list that was cut short (et al.); the parser gives it as a person whose last name is
 * "others", which is no author.
 */
function isOthers(c: Creator): boolean {
  return !c.name && !c.firstName && !c.prefix && !c.suffix && c.lastName?.toLowerCase() === "others";
}

function creatorName(c: Creator): string | undefined {
  if (c.name) return text(c.name);
  const name = [c.firstName, c.prefix, c.lastName, c.suffix].map(text).filter((p) => p !== undefined).join(" ");
  return name === "" ? undefined : name;
}

/** What may be TeX in a name: a command or accent, a brace group, a tie (~) or an en dash (--). */
const TEX = /[\\{}~]|--/;

/**
 * A value with TeX in it from outside a .bib file (hep-th's author names: `T. H\"ubsch`, `M. Cveti\v c`) in
 * Unicode, read by this parser as the field of an entry, so a name reads the same whichever source gave it. Only
 * values that may hold TeX go through the parser (a parse is about a millisecond); one it cannot read (a stray
 * brace) stays as it is. Whitespace is one space: a tie is a space in a name.
 */
export function texToUnicode(value: string): string {
  if (!TEX.test(value)) return value;
  const library = parse(`@misc{value, value = {${value}}}`, PARSE_OPTIONS);
  const decoded = library.errors.length === 0 ? text(library.entries[0]?.fields.value) : undefined;
  return decoded === undefined ? value : decoded.replace(/\s+/g, " ");
}

function arxivPrefixed(value: string | undefined): string | undefined {
  return value && /^arxiv:/i.test(value) ? normaliseArxiv(value.split(/\s/)[0]) : undefined;
}

function arxivOf(f: Entry["fields"], doi: string | undefined): string | undefined {
  const archive = (f.archiveprefix ?? f.eprinttype ?? "arxiv").toLowerCase();
  return (
    (archive === "arxiv" ? normaliseArxiv(f.eprint) : undefined) ??
    arxivFromDoi(doi) ??
    arxivFromUrl(f.url) ??
    // Zotero writes preprints as journal = {arXiv:2006.06872 [gr-qc]}, ADS as pages = {arXiv:2006.08561}.
    [f.journal, f.pages, f.eid].map(arxivPrefixed).find((id) => id !== undefined)
  );
}

/** The fields read as identifiers, which the parser keeps verbatim (as BibTeX says of doi, url and eprint). */
const VERBATIM = ["doi", "url", "eprint"] as const;

/**
 * A verbatim field less the TeX escapes of the specials some managers write into it anyway (Mendeley's
 * `10.1007/978-3-319-10590-1\_53`, also braced: `{\_}`): verbatim, the backslash would stay in the identifier.
 */
function unescapeTex(value: string): string {
  return value.replace(/\{\\([_%&#$])\}|\\([_%&#$])/g, (_match, braced?: string, bare?: string) => braced ?? bare ?? "");
}

export function bibtexPaper(entry: Entry): ImportPaper {
  const f = { ...entry.fields };
  for (const field of VERBATIM) if (f[field] !== undefined) f[field] = unescapeTex(f[field]);
  const doi = normaliseDoi(f.doi);
  const date = f.year !== undefined ? partialDate(f.year, f.month, f.day) : isoDate(f.date);
  return compact({
    ids: externalIds({ doi, arxiv: arxivOf(f, doi), pubmed: f.pmid }),
    title: text(f.title) ?? null,
    abstract: text(f.abstract),
    ...date,
    venue: text(f.journal) ?? text(f.journaltitle) ?? text(f.booktitle),
    url: text(f.url),
    authors: (f.author ?? []).flatMap((c) => (isOthers(c) ? [] : creatorName(c) ?? [])),
  });
}

/**
 * The encoding JabRef's header names (`% Encoding: ISO8859_1`), in Java's spelling, which TextDecoder takes once
 * the underscore is a hyphen (`ISO8859-1`, `Cp1252`, `UTF8`). The header is ASCII, so it is found in any encoding.
 */
function jabrefEncoding(content: Buffer): string | undefined {
  return /^%[ \t]*Encoding:[ \t]*(\S+)/m.exec(content.subarray(0, 4096).toString("latin1"))?.[1].replace(/_/g, "-");
}

/** The key of the entry a parse error is about, from the raw text the parser gives with it. */
function errorKey(input: string): string | undefined {
  return /^\s*@\w+\s*[{(]\s*([^,\s]+)/.exec(input)?.[1];
}

// The parser's message for a bare word no @string defines (once per word, with no place in the file): BibTeX itself
// warns and reads it as empty; the parser gives the word as the value.
const UNRESOLVED = /^Unresolved @string reference (".*")$/;
// Stands in for an undefined @string in a second parse, so the fields that use one are known: a character no
// bibliography holds, which the parser keeps as it is.
const UNDEFINED_MARK = "\uFFFC";

/**
 * The entries' fields that use an undefined @string, which are left out: its name is no value (`journal =
 * IEEE_J_PAMI` without IEEEabrv.bib's definitions is no venue).
 */
function undefinedStrings(entry: Entry): { fields: Entry["fields"]; warnings: string[] } {
  const fields = { ...entry.fields };
  const warnings: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const names = JSON.stringify(value).match(new RegExp(`${UNDEFINED_MARK}[^${UNDEFINED_MARK}]*${UNDEFINED_MARK}`, "g"));
    if (!names) continue;
    delete fields[field];
    warnings.push(`${field} uses the undefined @string ${names.map((n) => n.slice(1, -1)).join(", ")}: left out`);
  }
  return { fields, warnings };
}

/**
 * The parser takes the whole text, so a .bib file is read into memory (a personal library of 500 entries is
 * 0.5 MB); entries are then yielded one by one. An entry the parser reports an error for becomes an error item,
 * and the parser goes on with the next entry. A file that uses an undefined @string is parsed again with a mark
 * for it, and the entries using it are imported without those fields, each with a warning.
 */
export async function* bibtexItems(file: string): AsyncGenerator<ImportItem> {
  const source = await readText(file, jabrefEncoding);
  let library = parse(source, PARSE_OPTIONS);
  // Names are case-insensitive; the parser reports each spelling, and the first names them all.
  const undefinedNames = new Map<string, string>();
  for (const e of library.errors) {
    const quoted = UNRESOLVED.exec(e.error)?.[1];
    const name = quoted === undefined ? undefined : (JSON.parse(quoted) as string);
    if (name !== undefined && !undefinedNames.has(name.toUpperCase())) undefinedNames.set(name.toUpperCase(), name);
  }
  if (undefinedNames.size > 0) {
    const marked = [...undefinedNames].map(([key, name]) => [key, `${UNDEFINED_MARK}${name}${UNDEFINED_MARK}`]);
    library = parse(source, { ...PARSE_OPTIONS, strings: Object.fromEntries(marked) });
  }
  const errorLine = lineFinder(source);
  for (const error of library.errors) {
    const key = errorKey(error.input ?? "");
    yield { kind: "error", file, location: `${key ? `@${key} ` : ""}(line ${errorLine(error.input ?? "")})`, message: error.error };
  }
  const lineOf = lineFinder(source);
  for (const entry of library.entries) {
    // The parser also returns what it salvaged of a broken entry, with no text of its own; it is not a record. (An
    // entry of the same key that is not broken is.)
    if (entry.input === "") continue;
    const { fields, warnings } = undefinedStrings(entry);
    const location = `@${entry.key} (line ${lineOf(entry.input)})`;
    yield { kind: "paper", file, location, paper: bibtexPaper({ ...entry, fields }), ...(warnings.length > 0 ? { warnings } : {}) };
  }
}

/**
 * Line numbers of entry texts, searched forward from just past the last one found (entries come in file order), so
 * a text the file holds twice (a copy-pasted entry) is found at its second place the second time.
 */
function lineFinder(source: string): (input: string) => number | "?" {
  let from = 0;
  let counted = 0;
  let line = 1;
  return (input) => {
    const at = input === "" ? -1 : source.indexOf(input, from);
    if (at < 0) return "?";
    for (let i = counted; i < at; i++) if (source.charCodeAt(i) === 10) line += 1;
    counted = at;
    from = at + 1;
    return line;
  };
}
