// A summary's body as the explorer shows it: the server's sanitised HTML, with its $...$ LaTeX typeset by KaTeX.
import renderMathInElement from "katex/contrib/auto-render";
import "katex/dist/katex.min.css";
import { el } from "./dom";

// Summaries keep $...$ and $$...$$ as written (src/summaries/summary-html.ts); KaTeX typesets them here.
const MATH_DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
];

export function typesetSummary(bodyHtml: string): HTMLElement {
  const body = el("div", { class: "summary-body" });
  // bodyHtml is sanitised by the server against an allow-list of tags, attributes and URL schemes.
  body.innerHTML = bodyHtml;
  renderMathInElement(body, { delimiters: MATH_DELIMITERS, throwOnError: false });
  return body;
}
