// The committed operation manifest is this repository's clients' documents as they are now, and a bad manifest stops
// the server with a sentence naming the file.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { printManifest, repositoryManifest } from "../../scripts/trusted-documents";
import { documentId, manifestOf, REPOSITORY_MANIFEST, TrustedDocuments } from "../../src/graphql/trusted-documents";
import { tempDir } from "../helpers/temp-dirs";

describe("trusted documents", () => {
  it("the committed manifest is up to date (run `npm run documents`)", () => {
    expect(readFileSync(REPOSITORY_MANIFEST, "utf8")).toBe(printManifest(repositoryManifest()));
  });

  it("lists each document under the sha256 of its text, named by its operation", () => {
    const body = "query One { topCited { count } }";
    expect(manifestOf([body, body])).toEqual({
      format: "apollo-persisted-query-manifest",
      version: 1,
      operations: [{ id: documentId(body), body, name: "One", type: "query" }],
    });
    expect(() => manifestOf(["{ topCited { count } }"])).toThrow(/named operation/);
  });

  it("loads a good manifest and refuses a broken one, naming the file", () => {
    const dir = tempDir("manifest-");
    const file = (name: string, content: string) => (writeFileSync(path.join(dir, name), content), path.join(dir, name));
    const good = manifestOf(["query One { topCited { count } }"]);
    expect(TrustedDocuments.load(file("good.json", JSON.stringify(good))).has(good.operations[0].id)).toBe(true);
    expect(() => TrustedDocuments.load(path.join(dir, "missing.json"))).toThrow(/cannot read .*missing\.json/);
    expect(() => TrustedDocuments.load(file("bad.json", `{"format": "other"}`))).toThrow(/bad\.json is not an operation manifest/);
    const tampered = { ...good, operations: [{ ...good.operations[0], body: "query One { topCited { count paper { id } } }" }] };
    expect(() => TrustedDocuments.load(file("tampered.json", JSON.stringify(tampered)))).toThrow(/not the sha256 of its body/);
  });
});
