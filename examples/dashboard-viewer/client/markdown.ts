/**
 * A small, safe Markdown subset for text tiles (Looker stores their body as Markdown): paragraphs,
 * `#`–`###` headings, `-`/`*` lists, `**bold**`, `*italic*`/`_italic_`, `` `code` `` and
 * `[links](https://…)`. It builds DOM nodes and sets only text, so HTML in the source shows as
 * text and is never parsed; links are http(s) only.
 */

const inlinePattern = /\*\*(.+?)\*\*|\*(.+?)\*|_(.+?)_|`(.+?)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** A link target the page may point at: absolute http(s) only (no `javascript:`, no `data:`). */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Appends one line of inline Markdown to `parent`. */
function appendInline(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    parent.append(text.slice(last, match.index));
    const [whole, bold, italic, underscored, code, linkText, url] = match;
    if (bold !== undefined) appendWrapped(parent, 'strong', bold);
    else if (italic !== undefined || underscored !== undefined)
      appendWrapped(parent, 'em', italic ?? underscored ?? '');
    else if (code !== undefined) parent.append(Object.assign(document.createElement('code'), { textContent: code }));
    else if (linkText !== undefined && url !== undefined) {
      const href = safeHref(url);
      if (href) {
        const link = document.createElement('a');
        link.href = href;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        appendInline(link, linkText);
        parent.append(link);
      } else parent.append(whole);
    }
    last = match.index + whole.length;
  }
  parent.append(text.slice(last));
}

function appendWrapped(parent: HTMLElement, tag: 'strong' | 'em', text: string): void {
  const node = document.createElement(tag);
  appendInline(node, text);
  parent.append(node);
}

/** Renders Markdown into a fragment of safe DOM nodes. */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let paragraph: HTMLParagraphElement | undefined;
  let list: HTMLUListElement | undefined;
  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (line === '' || heading || item) paragraph = undefined;
    if (!item) list = undefined;
    if (line === '') continue;
    if (heading) {
      const node = document.createElement(`h${(heading[1] ?? '#').length + 3}` as 'h4' | 'h5' | 'h6');
      appendInline(node, heading[2] ?? '');
      fragment.append(node);
    } else if (item) {
      if (!list) fragment.append((list = document.createElement('ul')));
      const node = document.createElement('li');
      appendInline(node, item[1] ?? '');
      list.append(node);
    } else {
      if (paragraph) paragraph.append(' ');
      else fragment.append((paragraph = document.createElement('p')));
      appendInline(paragraph, line);
    }
  }
  return fragment;
}
