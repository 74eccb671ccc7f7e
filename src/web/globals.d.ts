// Replaced at build time (scripts/build-web.ts) by the README's example operations.
declare const __EXAMPLES__: Array<{ title: string; query: string }>;
// Replaced at build time by the README's first example, the front page (scripts/build-web.ts frontPageQuery).
declare const __FRONT_PAGE_QUERY__: string;
// ... and the selection of each of its summaries, `{ id bodyHtml ... }` (scripts/build-web.ts nodeSelection).
declare const __FRONT_PAGE_NODE__: string;

declare module "*.css";

declare module "katex/contrib/auto-render" {
  interface Delimiter {
    left: string;
    right: string;
    display: boolean;
  }
  export default function renderMathInElement(
    element: HTMLElement,
    options?: { delimiters?: Delimiter[]; throwOnError?: boolean; ignoredTags?: string[] },
  ): void;
}
