// A few DOM helpers, so views build elements as data and never assemble HTML from strings.

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** A link that opens a paper inside the explorer (main.ts catches clicks on [data-paper]). */
export function paperLink(paper: { id: string; title: string | null; year: number | null }): HTMLAnchorElement {
  const link = el("a", { href: `/explore?paper=${encodeURIComponent(paper.id)}`, "data-paper": paper.id }, paper.title ?? paper.id);
  return link;
}

export function yearOf(paper: { year: number | null }): string {
  return paper.year === null ? "" : ` (${paper.year})`;
}

/**
 * Says at the top of `target` that its live updates may not show everything, with a button that reads the view again;
 * a later notice replaces an earlier one.
 */
export function showLiveNotice(target: HTMLElement, message: string, reload: () => void): void {
  const button = el("button", { type: "button" }, "Reload");
  button.onclick = reload;
  const notice = el("p", { class: "notice live-notice", role: "status" }, `${message} `, button);
  const shown = target.querySelector(":scope > .live-notice");
  if (shown) shown.replaceWith(notice);
  else target.prepend(notice);
}
