// A production machine builds, prunes the devDependencies and runs the scripts without their build step
// (docs/deployment.md#installing-for-production): each script that runs a file of dist/ must run node alone, on a
// file whose imports, followed through the project, reach only `dependencies` and Node's own modules.
import { existsSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/**
 * The scripts that run a built file of src/ or seed/ with node alone, and that file's source:
 * `exec node <flags> dist/<file>.js`. The build steps of scripts/ (`npm run documents`) and the benchmark are
 * for a development checkout.
 */
function nodeScripts(): Array<[name: string, source: string]> {
  return Object.entries(pkg.scripts).flatMap(([name, command]) => {
    const run = /^exec node(?: -\S+)* dist\/((?:src|seed)\/\S+)\.js(?: |$)/.exec(command);
    return run ? [[name, `${run[1]}.ts`] as [string, string]] : [];
  });
}

/** The modules a source file loads when it runs: value imports, re-exports and require() calls, not `import type`. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typesOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly));
      if (!typesOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === "require") || callee.kind === ts.SyntaxKind.ImportKeyword) found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The project file a relative import names, as tsc resolves it for the build. */
function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const file = [`${base}.ts`, base, path.join(base, "index.ts")].find((f) => existsSync(f) && statSync(f).isFile());
  if (!file) throw new Error(`${path.relative(ROOT, from)} imports ${specifier}, which is no file`);
  return file;
}

/** The packages (by name) that running `entry` loads, with a file that imports each, following the project's own files. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const todo = [path.join(ROOT, entry)];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file) || !file.endsWith(".ts")) continue; // .json files load nothing
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith(".")) todo.push(resolveRelative(file, specifier));
      else if (!isBuiltin(specifier)) {
        const parts = specifier.split("/");
        const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        if (!packages.has(name)) packages.set(name, path.relative(ROOT, file));
      }
    }
  }
  return packages;
}

it("runs the server and the operators' commands from dist/ with node alone, the start script among them", () => {
  expect(nodeScripts().map(([name]) => name)).toEqual(expect.arrayContaining(["start", "seed", "import", "export", "backup", "restore", "token", "schema"]));
});

it.each(nodeScripts())("npm run %s loads no devDependency (%s and what it imports)", (_name, entry) => {
  const loaded = packagesLoadedBy(entry);
  expect(loaded.size).toBeGreaterThan(0);
  const missing = [...loaded].filter(([name]) => !(name in pkg.dependencies)).map(([name, importer]) => `${name} (imported by ${importer})`);
  expect(missing).toEqual([]);
});
