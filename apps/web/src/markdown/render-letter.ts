import MarkdownIt from 'markdown-it';

/**
 * Renders a campaign letter (Markdown written by staff) to HTML that is safe to inject:
 * raw HTML is escaped (html: false), links are limited to http(s)/mailto by markdown-it's
 * validateLink, and `[^n]` becomes a numbered link to source n in the sources list.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: true, breaks: false });

type InlineRule = Parameters<typeof md.inline.ruler.before>[2];
type StateInline = Parameters<InlineRule>[0];

function footnoteRef(state: StateInline, silent: boolean): boolean {
  const src = state.src.slice(state.pos);
  const match = /^\[\^(\d{1,3})\](?!:)/.exec(src);
  if (!match) return false;
  if (!silent) {
    const n = match[1]!;
    const seen = ((state.env as { refs?: Record<string, number> }).refs ??= {});
    seen[n] = (seen[n] ?? 0) + 1;
    const open = state.push('footnote_ref', '', 0);
    open.meta = { n, occurrence: seen[n] };
  }
  state.pos += match[0].length;
  return true;
}

md.inline.ruler.before('link', 'footnote_ref', footnoteRef);
md.renderer.rules.footnote_ref = (tokens, idx) => {
  const { n, occurrence } = tokens[idx]!.meta as { n: string; occurrence: number };
  const id = occurrence === 1 ? `ref-${n}` : `ref-${n}-${occurrence}`;
  return `<sup><a href="#source-${n}" id="${id}" aria-label="source ${n}">[${n}]</a></sup>`;
};

/** Footnote definitions (`[^1]: …`) are shown from the structured sources instead. */
function stripDefinitions(markdown: string): string {
  return markdown.replace(/^\[\^\d{1,3}\]:.*(?:\n(?: {2,}|\t).*)*$/gm, '');
}

export function renderLetter(markdown: string, sourceLabel = 'source'): string {
  const html = md.render(stripDefinitions(markdown), { refs: {} });
  return sourceLabel === 'source' ? html : html.replaceAll('aria-label="source ', `aria-label="${sourceLabel} `);
}
