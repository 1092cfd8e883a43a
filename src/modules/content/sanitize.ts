// Rich text is cleaned on save against an allow-list: structure survives (headings, lists, tables, images,
// links), while script, event handlers, styles, javascript: links and Word/WPS markup noise do not.
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'span',
    'div',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'role'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start', 'type'],
    p: ['class'],
    span: ['class'],
    div: ['class'],
    // A chart of a published data set, drawn in its place when the page is shown (datasets/chart-embed.ts).
    figure: ['data-dataset-chart'],
  },
  allowedClasses: { p: ['align-center', 'align-right', 'indent'], span: ['highlight'], div: ['attachment'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // No data: URIs: pasted images are uploaded to the file store instead.
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Word and WPS paste: drop their namespaced tags (o:p, w:…) and comments but keep the text.
  exclusiveFilter: (frame) => /^[a-z]+:/i.test(frame.tag) && !frame.text.trim(),
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'xml', 'title', 'head'],
  transformTags: {
    h1: 'h2',
    b: 'strong',
    i: 'em',
    font: 'span',
    figure: (tagName, attribs) => {
      const chart = attribs['data-dataset-chart'] ?? '';
      const kept: Record<string, string> = /^[1-9]\d{0,8}$/.test(chart) ? { 'data-dataset-chart': chart } : {};
      return { tagName, attribs: kept };
    },
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return {
        tagName,
        attribs: { ...attribs, ...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {}) },
      };
    },
  },
  disallowedTagsMode: 'discard',
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS)
    .replace(/<p>(\s|&nbsp;)*<\/p>/g, '')
    .trim();
}

/** Plain text of a rich-text body, for summaries, search and checks. */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
