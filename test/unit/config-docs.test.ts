// docs/configuration.md lists every variable of src/config.ts once, with the default and the numeric bounds the
// schema has: a variable added, or a default or bound changed, without the page fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CONFIG_FIELDS, loadConfig } from "../../src/config";
import { PROJECT_ROOT } from "../../src/project-root";

interface Row {
  variable: string;
  defaultCell: string;
  boundsCell: string;
}

/** The rows of the page's tables whose first cell is one variable: `| \`NAME\` | default | bounds | meaning |`. */
function documentedRows(markdown: string): Row[] {
  return [...markdown.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \| ([^|]*) \|/gm)].map(([, variable, defaultCell, boundsCell]) => ({
    variable,
    defaultCell: defaultCell.trim(),
    boundsCell: boundsCell.trim(),
  }));
}

/** A value as it would be written in the environment: lists comma-separated. */
const asWritten = (value: unknown) => (Array.isArray(value) ? value.join(",") : String(value));

/** What the page must say for a variable whose default is `value` (loadConfig of an empty environment). */
function defaultProblem(defaultCell: string, value: unknown): string | undefined {
  if (value === undefined) return /^unset\b/.test(defaultCell) ? undefined : `says "${defaultCell}", the default is unset`;
  const written = asWritten(value);
  if (written === "") return /^(empty|none)$/.test(defaultCell) ? undefined : `says "${defaultCell}", the default is empty`;
  const first = /`([^`]*)`/.exec(defaultCell)?.[1];
  return first === written ? undefined : `says "${defaultCell}", the default is \`${written}\``;
}

/** The number a variable's digits become, when it is one: its bounds. */
function numberBounds(field: z.ZodType): { min: number; max: number } | undefined {
  let schema: unknown = field;
  for (;;) {
    if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap();
    else if (schema instanceof z.ZodPipe) schema = schema.out;
    else break;
  }
  if (!(schema instanceof z.ZodNumber)) return undefined;
  return { min: schema.minValue ?? -Infinity, max: schema.maxValue ?? Infinity };
}

/** The values of a variable that is one of a fixed set of words (NODE_ENV, LOG_LEVEL). */
function enumValues(field: z.ZodType): string[] | undefined {
  let schema: unknown = field;
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap();
  return schema instanceof z.ZodEnum ? (schema.options as string[]) : undefined;
}

describe("docs/configuration.md", () => {
  const page = readFileSync(path.join(PROJECT_ROOT, "docs", "configuration.md"), "utf8");
  const rows = documentedRows(page);
  const fields = CONFIG_FIELDS as Record<string, z.ZodType>;
  const defaults = loadConfig({}) as Record<string, unknown>;

  it("lists every variable loadConfig reads, once, and no other", () => {
    const documented = rows.map((r) => r.variable);
    expect(documented.filter((v, i) => documented.indexOf(v) !== i)).toEqual([]);
    expect([...documented].sort()).toEqual(Object.keys(fields).sort());
  });

  it("states each default as the schema has it", () => {
    const wrong = rows.flatMap(({ variable, defaultCell }) => {
      const problem = defaultProblem(defaultCell, defaults[variable]);
      return problem ? [`${variable}: ${problem}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it("states the bounds of each number, and the words of each choice, as the schema has them", () => {
    const wrong = rows.flatMap(({ variable, boundsCell }) => {
      const field = fields[variable];
      if (!field) return [];
      const bounds = numberBounds(field);
      if (bounds && !boundsCell.includes(`${bounds.min}–${bounds.max}`)) return [`${variable}: says "${boundsCell}", the bounds are ${bounds.min}–${bounds.max}`];
      const missing = (enumValues(field) ?? []).filter((word) => !boundsCell.includes(`\`${word}\``));
      return missing.length > 0 ? [`${variable}: says "${boundsCell}", missing ${missing.join(", ")}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it("agrees with the README's short table, which repeats a few rows (`PORT` / `HOST` style)", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
    const wrong: string[] = [];
    const checked: string[] = [];
    for (const [, names, values] of section.matchAll(/^\| ((?:`[A-Z0-9_*]+`(?: \/ )?)+) \| ([^|]*) \|/gm)) {
      const variables = [...names.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]);
      const cells = values.split(" / ").map((v) => v.trim());
      variables.forEach((variable, i) => {
        checked.push(variable);
        const problem = variable in fields ? defaultProblem(cells[i] ?? "", defaults[variable]) : `not a variable`;
        if (problem) wrong.push(`README ${variable}: ${problem}`);
      });
    }
    // A table whose rows no longer match the pattern would check nothing and pass: the section's own rows must be read.
    expect(checked).toEqual(expect.arrayContaining(["PORT", "HOST"]));
    expect(wrong).toEqual([]);
  });
});
