// Finds the papers a summary's markdown links to, and which of those links it introduces as "see also".
import MarkdownIt from "markdown-it";
import { PaperRef, paperRefOfUrl, paperRefsInText } from "../papers/paper-ids";
import { SeeAlsoSentence } from "./see-also-sentence";

export interface SummaryLink {
  ref: PaperRef;
  /** The link text ("DenseNets"), used as a stub's title and a see-also note; null for bare references. */
  text: string | null;
  /** True when the text introduces the link as "see also" (a "See also" section or list, or "see also" in the sentence). */
  seeAlso: boolean;
}

/** SUMMARY_MAX_LINKS when unset: the most papers (mentions and their stubs) one summary may link to. */
export const DEFAULT_SUMMARY_MAX_LINKS = 200;

// Parsing only: markdown-it resolves reference definitions ([vardrop]: http://...) into the links that use them,
// and linkify turns bare URLs into links. Code spans and code blocks never yield links.
const parser = new MarkdownIt({ linkify: true });
type Token = ReturnType<MarkdownIt["parse"]>[number];

// A heading or a paragraph that says only "See also" (any case, any punctuation) opens a see-also block. It reads
// whole paragraphs of user text, so it stays linear too (test/unit/text-patterns.test.ts).
export const SEE_ALSO_TITLE = /^\W*see\s+also\W*$/i;

function inlineText(token: Token | undefined): string {
  return (token?.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content).join("").trim();
}

/** Every paper reference in the markdown, in order of appearance, one per distinct paper (the first mention wins). */
export function extractSummaryLinks(markdown: string): SummaryLink[] {
  const tokens = parser.parse(markdown, {});
  const links: SummaryLink[] = [];
  let seeAlsoHeadingLevel: number | null = null; // inside a "## See also" section
  let seeAlsoListDepth = 0; // inside a list introduced by a "See also:" paragraph
  let pendingSeeAlsoList = false;
  let listDepth = 0;

  tokens.forEach((token, i) => {
    if (token.type === "heading_open") {
      const level = Number(token.tag.slice(1));
      if (seeAlsoHeadingLevel !== null && level <= seeAlsoHeadingLevel) seeAlsoHeadingLevel = null;
      if (SEE_ALSO_TITLE.test(inlineText(tokens[i + 1]))) seeAlsoHeadingLevel = level;
      return;
    }
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
      listDepth += 1;
      if (pendingSeeAlsoList && seeAlsoListDepth === 0) seeAlsoListDepth = listDepth;
      pendingSeeAlsoList = false;
      return;
    }
    if (token.type === "bullet_list_close" || token.type === "ordered_list_close") {
      if (seeAlsoListDepth === listDepth) seeAlsoListDepth = 0;
      listDepth -= 1;
      return;
    }
    if (token.type === "paragraph_open") {
      pendingSeeAlsoList = SEE_ALSO_TITLE.test(inlineText(tokens[i + 1]));
      return;
    }
    if (token.type !== "inline" || tokens[i - 1]?.type === "heading_open") return;

    const inSeeAlsoBlock = seeAlsoHeadingLevel !== null || seeAlsoListDepth > 0;
    const sentence = new SeeAlsoSentence(); // to catch "see also [X](...)"
    let open: { href: string; text: string } | null = null;
    for (const child of token.children ?? []) {
      if (child.type === "link_open") {
        open = { href: child.attrGet("href") ?? "", text: "" };
      } else if (child.type === "link_close" && open) {
        const ref = paperRefOfUrl(open.href);
        const text = open.text.trim();
        if (ref) links.push({ ref, text: text && text !== open.href ? text : null, seeAlso: inSeeAlsoBlock || sentence.saysSeeAlso() });
        sentence.append(open.text);
        open = null;
      } else if (child.type === "text" || child.type === "code_inline") {
        if (open) {
          open.text += child.content;
        } else {
          const refs = child.type === "text" ? paperRefsInText(child.content) : [];
          const says = sentence.read(child.content, refs.map((r) => r.at));
          refs.forEach(({ ref }, j) => links.push({ ref, text: null, seeAlso: inSeeAlsoBlock || says[j] }));
        }
      } else if (child.type === "softbreak" || child.type === "hardbreak") {
        if (!open) sentence.append(" ");
      }
    }
  });

  const seen = new Map<string, SummaryLink>();
  for (const link of links) {
    const key = `${link.ref.kind}\u0000${link.ref.value}`;
    const earlier = seen.get(key);
    if (!earlier) seen.set(key, link);
    else if (link.seeAlso && !earlier.seeAlso) seen.set(key, { ...link, text: link.text ?? earlier.text });
  }
  return [...seen.values()];
}
