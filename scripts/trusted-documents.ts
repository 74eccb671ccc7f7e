// `npm run documents`: the operation manifest of this repository's own clients, for TRUSTED_DOCUMENTS: the README's
// examples as the IDE and the explorer send them, and the explorer's other documents (its live subscriptions too).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../src/project-root";
import { readmeExamples } from "./readme-examples";
import { EXPLORER_DOCUMENTS, liveDocuments } from "../src/web/explore/documents";
import { frontPageQuery, nodeSelection } from "./build-web";
import { manifestOf, OperationManifest, REPOSITORY_MANIFEST } from "../src/graphql/trusted-documents";

export function repositoryManifest(): OperationManifest {
  const examples = readmeExamples(readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8"));
  const live = liveDocuments(nodeSelection(frontPageQuery(examples)));
  return manifestOf([...examples.map((e) => e.query), ...EXPLORER_DOCUMENTS, ...Object.values(live)]);
}

export const printManifest = (manifest: OperationManifest): string => JSON.stringify(manifest, null, 2) + "\n";

if (require.main === module) {
  const manifest = repositoryManifest();
  writeFileSync(REPOSITORY_MANIFEST, printManifest(manifest));
  process.stdout.write(`wrote ${manifest.operations.length} operations to ${REPOSITORY_MANIFEST}\n`);
}
