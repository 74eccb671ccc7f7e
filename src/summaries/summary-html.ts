// Renders a summary's markdown to sanitised HTML, leaving $...$ and $$...$$ LaTeX as written for the frontend.
import { LRUCache } from "lru-cache";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
// No type declarations ship with it.
const texmath = require("markdown-it-texmath") as ((md: MarkdownIt, options: object) => void) & {
  rules: {
    dollars: {
      inline: Array<{ name: string; rex: RegExp }>;
      block: Array<{ post?: (text: string, outerSpace: boolean, end: number) => boolean }>;
    };
  };
};

/** The longest inline formula, $...$, in characters between the dollars; a longer one renders as text. */
export const MAX_INLINE_MATH_LENGTH = 500;

// texmath's inline rule looks for the closing $ as far as the line goes (`\S.*?[^\s\\]`), from every $ the inline
// parser reaches: a line of many $ and no valid close cost the square of its length (measured in docs/api.md,
// "Links in summaries"). The span is bounded instead, so each $ costs at most MAX_INLINE_MATH_LENGTH steps. Its
// display math, $$...$$ inline or as a block, stops at the next $ and needs no bound.
const UNBOUNDED_SPAN = String.raw`\S.*?[^\s\\]`;
const inlineMath = texmath.rules.dollars.inline.find((rule) => rule.name === "math_inline");
if (!inlineMath?.rex.source.includes(UNBOUNDED_SPAN)) {
  throw new Error("markdown-it-texmath's inline $...$ rule is not what summary-html.ts bounds: check it again after the upgrade");
}
inlineMath.rex = new RegExp(
  inlineMath.rex.source.replace(UNBOUNDED_SPAN, String.raw`\S.{0,${MAX_INLINE_MATH_LENGTH - 2}}?[^\s\\]`),
  inlineMath.rex.flags,
);

// A display formula is a block only when nothing but an equation number follows its closing $$ on that line: the
// block rule ends the block with that line, so `$$E = mc^2$$ is the result.` lost its sentence. Such a line is now a
// paragraph, whose $$...$$ is inline display math. (The rules are the module's own objects; this is their one user.)
for (const rule of texmath.rules.dollars.block) {
  rule.post = (text, _outerSpace, end) => {
    const lineEnd = text.indexOf("\n", end + 1);
    return text.slice(end + 1, lineEnd < 0 ? text.length : lineEnd).trim() === "";
  };
}

const escapeHtml = new MarkdownIt().utils.escapeHtml;

/**
 * markdown-it-texmath only finds the math spans, so markdown never reads `_`, `*` or `\` inside them; the
 * renderers below then write the span back with its delimiters instead of typesetting it (no KaTeX here).
 */
function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(texmath, { delimiters: "dollars", engine: { renderToString: () => "" } });
  const verbatim = (open: string, close: string) => (tokens: Array<{ content: string }>, idx: number) =>
    `${open}${escapeHtml(tokens[idx].content)}${close}`;
  md.renderer.rules.math_inline = verbatim("$", "$");
  md.renderer.rules.math_inline_double = verbatim("$$", "$$");
  md.renderer.rules.math_block = verbatim("<p>$$", "$$</p>\n");
  // The equation number, `$$a$$ (1)`, is kept after the formula as written.
  md.renderer.rules.math_block_eqno = (tokens: Array<{ content: string; info: string }>, idx: number) =>
    `<p>$$${escapeHtml(tokens[idx].content)}$$ (${escapeHtml(tokens[idx].info)})</p>\n`;
  return md;
}

const renderer = createRenderer();

// An allow-list: markdown's own elements, links only to http(s)/mailto, no attributes that run code.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "s", "del",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title"], ol: ["start"], th: ["style"], td: ["style"] },
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener" }) },
};

/**
 * Rendered bodies by their markdown: a page shows the same summaries to every reader (the front page above all),
 * and rendering plus sanitising is most of the server's CPU for such a page (bench/README.md#fourth-round-the-servers-share).
 * The output depends on the markdown alone, so an edited body is a new key. Bounded by characters held.
 */
const rendered = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (html, markdown) => html.length + markdown.length });

export function renderSummaryHtml(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = sanitizeHtml(renderer.render(markdown), SANITIZE);
    rendered.set(markdown, html);
  }
  return html;
}
