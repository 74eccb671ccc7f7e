// The README's example operations, which the GraphQL IDE opens as tabs, so the two cannot drift apart.

export interface ExampleOperation {
  title: string;
  query: string;
}

/**
 * Every ```graphql block under "## Example queries", titled by the **bold** text of the last line before it that has
 * one. The title goes in as a comment, so it shows in the tab and the query still runs as written.
 */
export function readmeExamples(readme: string): ExampleOperation[] {
  const section = /^## Example queries\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme);
  if (!section) return [];
  const examples: ExampleOperation[] = [];
  let title = "";
  const lines = section[1].split("\n");
  for (let i = 0; i < lines.length; i++) {
    const bold = /\*\*(.+?)\*\*/.exec(lines[i]);
    if (bold) title = bold[1].replace(/[:.]\s*$/, "");
    if (lines[i].trim() !== "```graphql") continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i].trim() !== "```"; i++) body.push(lines[i]);
    const name = title || `Example ${examples.length + 1}`;
    const query = body.join("\n").trim();
    // GraphiQL names a tab after its operation, so an anonymous `{ ... }` gets a name made of the title.
    const named = query.startsWith("{") ? `query ${operationName(name)} ${query}` : query;
    examples.push({ title: name, query: `# ${name}\n${named}\n` });
    title = "";
  }
  return examples;
}

/** "An analyst exploring a citation neighbourhood" -> "AnalystExploringCitationNeighbourhood". */
function operationName(title: string): string {
  const words = title.split(/[^A-Za-z0-9]+/).filter((w) => w && !/^(a|an|the|and|of|in|to)$/i.test(w));
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z]/.test(name) ? name : `Example${name}`;
}
