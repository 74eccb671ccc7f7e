// The parsing layer of "bring your own corpus": what the import command and writers call.
export * from "./import-record";
export { openImportFile, detectFormat, readImportItems, type ImportFile, type ImportFileOptions } from "./import-file";
export { normaliseDoi, normaliseArxiv, normaliseOpenAlex, normaliseS2PaperId, externalIds, hasAnyId } from "./external-ids";
