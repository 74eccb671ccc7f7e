// What `npm run import` prints per file: the import's or the restore's report, a count before each noun in its
// singular or plural as the count asks ("1 citation", "2 citations", "0 errors").
import path from "node:path";
import type { CorpusImportReport, ImportProblem } from "./corpus-import";
import type { RestoreReport } from "../backup/restore-export";

const english = new Intl.PluralRules("en-US");

/** `n` and the noun: `one` when English says so (1), `other` otherwise (0, 2, ...); `other` is `one` + "s" unless given. */
export function counted(n: number, one: string, other = `${one}s`): string {
  return `${n} ${english.select(n) === "one" ? one : other}`;
}

const listed = (p: ImportProblem) => `    ${path.relative(process.cwd(), p.file) || p.file} ${p.location}: ${p.message}`;
const firstBelow = (total: number, shown: number) => (total > shown ? ` (first ${shown} below)` : "");

export function describeImport(r: CorpusImportReport): string {
  const lines = [
    `${r.file} (${r.format}): ${counted(r.papers, "paper record")}: ${counted(r.created, "new paper")}, ${r.merged} merged into known papers` +
      ` (${counted(r.filledStubs, "stub")} filled in${r.conflicts ? `, ${r.conflicts} naming two known papers` : ""})`,
    `  ${counted(r.citations, "citation")}: ${counted(r.citationsCreated, "new edge")}, ${counted(r.selfCitations, "self-citation")} skipped, ` +
      `${counted(r.stubs, "new stub")} for cited works outside the file`,
    `  ${r.skipped} skipped (nothing to import), ${counted(r.errors, "error")}${firstBelow(r.errors, r.problems.length)}`,
    ...r.problems.map(listed),
    ...(r.warnings > 0 ? [`  ${counted(r.warnings, "value")} left out${firstBelow(r.warnings, r.notes.length)}`, ...r.notes.map(listed)] : []),
    `  ${r.seconds} s, ${r.recordsPerSecond} records/s${r.interrupted ? " (interrupted: the rest is not read yet)" : ""}`,
    "",
  ];
  return lines.join("\n");
}

export function describeRestore(r: RestoreReport): string {
  return [
    `${r.folder} (export of ${r.exportedAt}): ${counted(r.nodes, "node")}, ${counted(r.edges, "edge")}` +
      (r.edgesWithoutEnds ? `, ${counted(r.edgesWithoutEnds, "edge")} naming nodes not in the export (not written)` : ""),
    `  ${r.seconds} s${r.interrupted ? " (interrupted: the rest is not read yet)" : ""}`,
    "",
  ].join("\n");
}
