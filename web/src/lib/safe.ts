/**
 * Text that reaches HTML by another road than React (ECharts tooltips are HTML strings) and links
 * from data: escape names and units, and open only http(s) links.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `<b>` → `&lt;b&gt;`: the text shows as typed, never as markup. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** An ECharts tooltip: a bold title, then lines; every piece escaped (names come from data). */
export function tooltipHtml(title: string, lines: Array<string | null | undefined> = []): string {
  return [`<b>${escapeHtml(title)}</b>`, ...lines.filter((l) => l).map(escapeHtml)].join('<br/>');
}

/** The URL when it is an absolute http(s) link, otherwise null (no `javascript:`, `data:` …). */
export function httpHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const s = url.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
