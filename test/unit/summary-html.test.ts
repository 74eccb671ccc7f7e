// Summary.bodyHtml: markdown rendered and sanitised; LaTeX left intact; nothing executable survives.
import { readSeed } from "../../seed/seed";
import { MAX_INLINE_MATH_LENGTH, renderSummaryHtml } from "../../src/summaries/summary-html";
import { runInWorker } from "../helpers/bounded-work";

describe("renderSummaryHtml", () => {
  it("renders markdown", () => {
    expect(renderSummaryHtml("## Title\n\n* **bold** and [link](https://arxiv.org/abs/1512.03385)")).toBe(
      '<h2>Title</h2>\n<ul>\n<li><strong>bold</strong> and <a href="https://arxiv.org/abs/1512.03385" rel="nofollow noopener">link</a></li>\n</ul>\n',
    );
  });

  it("leaves $...$ and $$...$$ LaTeX as written, even where markdown would read _ * or \\", () => {
    const html = renderSummaryHtml("Loss $a_1 * b_2 < c_{i}$ and $\\{x\\}$.\n\n$$\n\\sum_i x_i * y_i\n$$\n");
    expect(html).toContain("$a_1 * b_2 &lt; c_{i}$");
    expect(html).toContain("$\\{x\\}$");
    expect(html).toContain("<p>$$\n\\sum_i x_i * y_i\n$$</p>");
    expect(html).not.toContain("<em>");
  });

  it("keeps the text after a display formula on its line, and its equation number", () => {
    expect(renderSummaryHtml("$$E = mc^2$$ is the famous result.")).toBe("<p>$$E = mc^2$$ is the famous result.</p>\n");
    expect(renderSummaryHtml("$$x_1 * y_1$$ where x is the input")).toBe("<p>$$x_1 * y_1$$ where x is the input</p>\n");
    expect(renderSummaryHtml("$$a$$a$$a$$a")).toBe("<p>$$a$$a$$a$$a</p>\n");
    expect(renderSummaryHtml("$$a < b$$ (1)")).toBe("<p>$$a &lt; b$$ (1)</p>\n");
    // Alone on its lines it is still a block of its own.
    expect(renderSummaryHtml("Text\n\n$$x$$\n\nmore")).toBe("<p>Text</p>\n<p>$$x$$</p>\n<p>more</p>\n");
  });

  it(`reads an inline formula of at most ${MAX_INLINE_MATH_LENGTH} characters, and a longer one as text`, () => {
    // The bound is what keeps a line of many $ without a valid close linear: each $ looks that far for its close.
    const formula = (length: number) => `*b*${"c".repeat(length - 3)}`;
    const longest = formula(MAX_INLINE_MATH_LENGTH);
    expect(renderSummaryHtml(`Loss $${longest}$ here.`)).toBe(`<p>Loss $${longest}$ here.</p>\n`);
    const tooLong = formula(MAX_INLINE_MATH_LENGTH + 1);
    expect(renderSummaryHtml(`Loss $${tooLong}$ here.`)).toBe(`<p>Loss $<em>b</em>${tooLong.slice(3)}$ here.</p>\n`);
    // Display math is not bounded: its rules stop at the next $ anyway.
    const display = `$$${formula(5 * MAX_INLINE_MATH_LENGTH)}$$`;
    expect(renderSummaryHtml(`Text ${display} more`)).toBe(`<p>Text ${display} more</p>\n`);
    expect(renderSummaryHtml(display)).toBe(`<p>${display}</p>\n`);
  });

  it("renders a line of 200,000 $ without a close (six times a body's bound), each $ looking only the bound ahead", async () => {
    // Looking for the close to the end of the line from each $ costs the square of the line's length. The worker is
    // stopped at a deadline far above what the bounded rule takes and far below that (jest's timeout cannot stop work
    // that never yields): docs/operations.md#ci.
    const line = "$a ".repeat(200_000);
    const html = await runInWorker("src/summaries/summary-html", "renderSummaryHtml", [line], 20_000);
    expect(html).toBe(`<p>${line.trim()}</p>\n`);
  });

  it("keeps the seed's LaTeX intact", () => {
    const act = readSeed().summaries.find((s) => s.id === "shortscience/adaptive-computation-time")!;
    const html = renderSummaryHtml(act.body);
    for (const tex of ["$P(x)$", "$N(t)$", "$t+1$"]) expect(html).toContain(tex);
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    "![img](javascript:alert(1))",
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  ])("drops anything executable from %s", (markdown) => {
    const html = renderSummaryHtml(markdown);
    // Escaped text such as "&lt;script&gt;" is harmless; no real tag may run code.
    expect(html).not.toMatch(/<(script|iframe|div)/i);
    const tags = html.match(/<[^>]+>/g) ?? [];
    for (const tag of tags) expect(tag).not.toMatch(/\son\w+=|style=|(?:href|src)="\s*(?:javascript|data):/i);
  });
});
