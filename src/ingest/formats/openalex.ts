// OpenAlex works, current schema (primary_location) and older snapshots (host_venue), as import records.
// `referenced_works` become references; `related_works` are ignored: OpenAlex computes them from shared concepts,
// they are not citations.
import { arxivFromUrl, externalIds, normaliseOpenAlex } from "./external-ids";
import { ImportItem, ImportPaper, ItemSource, RecordError } from "./import-record";
import { array, asRecord, compact, isRecord, RawRecord, text, yearAndDate } from "./values";

/** Whether a JSON record looks like an OpenAlex work (used by format detection). */
export function isOpenAlexWork(r: RawRecord): boolean {
  return normaliseOpenAlex(r.id) !== undefined || "authorships" in r || "referenced_works" in r || "abstract_inverted_index" in r;
}

export function* openAlexItems(raw: unknown, at: ItemSource): Generator<ImportItem> {
  const work = asRecord(raw, "the work");
  const openalex = normaliseOpenAlex(work.id);
  if (!openalex) throw new RecordError(`no OpenAlex id (id is ${JSON.stringify(work.id)})`);
  const ids = isRecord(work.ids) ? work.ids : {};
  const primary = isRecord(work.primary_location) ? work.primary_location : undefined;
  const hostVenue = isRecord(work.host_venue) ? work.host_venue : undefined;
  const source = primary && isRecord(primary.source) ? primary.source : undefined;
  const locationUrls = array(work.locations).flatMap((l) => (isRecord(l) ? [l.landing_page_url, l.pdf_url] : []));

  const references: ImportPaper["references"] = [];
  for (const ref of array(work.referenced_works)) {
    const id = normaliseOpenAlex(ref);
    if (id) references.push({ openalex: id });
    else yield { kind: "skipped", ...at, message: `reference ${JSON.stringify(ref)} is not an OpenAlex work id` };
  }

  const paper: ImportPaper = compact({
    ids: externalIds(
      { openalex, doi: work.doi ?? ids.doi, mag: ids.mag, pubmed: ids.pmid, pmcid: ids.pmcid },
      { arxiv: locationUrls.map(arxivFromUrl).find((a) => a !== undefined) },
    ),
    title: text(work.title) ?? text(work.display_name) ?? null,
    abstract: abstractFromInvertedIndex(work.abstract_inverted_index),
    ...yearAndDate(work.publication_year, work.publication_date),
    venue: text(source?.display_name) ?? text(hostVenue?.display_name),
    url: text(primary?.landing_page_url) ?? text(hostVenue?.url),
    authors: array(work.authorships).flatMap((a) => {
      const name = isRecord(a) ? (text(isRecord(a.author) ? a.author.display_name : undefined) ?? text(a.raw_author_name)) : undefined;
      return name ? [name] : [];
    }),
    references: "referenced_works" in work ? references : undefined,
  });
  yield { kind: "paper", ...at, paper };
}

/** OpenAlex ships abstracts as {word: [positions]}; the words in position order give the text back. */
export function abstractFromInvertedIndex(index: unknown): string | undefined {
  if (!isRecord(index)) return undefined;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const p of array(positions)) if (typeof p === "number" && Number.isInteger(p) && p >= 0) words[p] = word;
  }
  return text(words.filter((w) => w !== undefined).join(" "));
}
