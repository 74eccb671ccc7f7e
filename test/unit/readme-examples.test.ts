// The README's example operations, which the GraphQL IDE opens as tabs: found, titled, and valid against the schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { buildAppSchema } from "../../src/graphql/schema";
import { readmeExamples } from "../../scripts/readme-examples";
import { frontPageQuery } from "../../scripts/build-web";

const README = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("readmeExamples", () => {
  it("takes each graphql block of the examples section, titled by the bold text before it", () => {
    const markdown = [
      "## Reading",
      "```graphql",
      "{ notAnExample }",
      "```",
      "## Example queries",
      "",
      "**Who cites ResNet:**",
      "",
      "```graphql",
      '{ paper(id: "1512.03385") {',
      "    citedBy { id } } }",
      "```",
      "",
      "```graphql",
      "{ papers { totalCount } }",
      "```",
      "## Configuration",
      "```graphql",
      "{ notAnExampleEither }",
      "```",
    ].join("\n");
    expect(readmeExamples(markdown)).toEqual([
      { title: "Who cites ResNet", query: '# Who cites ResNet\nquery WhoCitesResNet { paper(id: "1512.03385") {\n    citedBy { id } } }\n' },
      { title: "Example 2", query: "# Example 2\nquery Example2 { papers { totalCount } }\n" },
    ]);
  });

  it("finds the README's examples, and every one is a valid operation of the current schema", async () => {
    const examples = readmeExamples(README);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const schema = await buildAppSchema();
    for (const { title, query } of examples) {
      expect({ title, errors: validate(schema, parse(query)).map((e) => e.message) }).toEqual({ title, errors: [] });
    }
  });

  it("makes the first example the explorer's front page, and refuses a README whose first example is not a feed", () => {
    const query = frontPageQuery(readmeExamples(README));
    expect(query).toMatch(/^# The front page.*\nquery FrontPage\(\$after: String\) \{ summaries\(first: 10, after: \$after, orderBy: NEWEST\)/);
    expect(() => frontPageQuery(readmeExamples("## Example queries\n```graphql\n{ papers { totalCount } }\n```\n"))).toThrow(/front page/);
    expect(() => frontPageQuery([])).toThrow(/front page/);
  });
});
