/** Collapses the whitespace Nunjucks macros leave between tags and text, so tests can match what a reader sees. */
export function normaliseHtml(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/>\s+/g, '>')
    .replace(/\s+</g, '<')
    .replace(/<(\w+)\s+/g, '<$1 ');
}
