// Plain text of the rich-text body, the text every text check runs on, and excerpts around a finding.
//
// Offsets: every finding's offset is a UTF-16 code-unit index into the plain text of its field. For the body
// that text is what `extractText(bodyHtml).text` returns, built deterministically from the HTML so the same
// HTML always gives the same text and offsets:
//   - entities decoded (`&nbsp;` becomes U+00A0 and stays: it is not collapsed);
//   - script, style, template, noscript, iframe, object and svg contents skipped;
//   - runs of HTML whitespace (space, tab, CR, LF, FF) collapsed to one space, dropped at line starts and ends,
//     kept verbatim inside <pre> and <textarea>;
//   - one '\n' at block boundaries (p, div, li, h1–h6, tr, br …; never two in a row, none at the start or
//     end), one '\t' between table cells; inline elements (span, b, a …) add nothing, so `<b>截</b>止至`
//     reads 截止至.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const SKIPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'title',
]);
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
  'br',
]);
const CELLS = new Set(['td', 'th']);
const VERBATIM = new Set(['pre', 'textarea']);

export interface TextSpan {
  start: number;
  end: number;
}

export interface ExtractedText {
  text: string;
  /** The parsed body (fragment mode), for the checks that look at elements (links.ts). */
  $: CheerioAPI;
  /**
   * Where an element's text lies in `text`. Elements without text (an <img>, an empty <a>) get a zero-length
   * span at their position. Skipped elements (inside script …) get `{start: 0, end: 0}`.
   */
  spanOf(el: Element): TextSpan;
}

/** The plain text of body HTML (see the file header for the exact rules). */
export function extractText(html: string): ExtractedText {
  const $ = load(html, null, false);
  let out = '';
  let pendingSpace = false;
  let verbatimDepth = 0;
  const spans = new Map<Element, TextSpan>();
  let awaitingStart: Element[] = [];

  const startsContent = () => {
    if (awaitingStart.length === 0) return;
    for (const el of awaitingStart) spans.set(el, { start: out.length, end: -1 });
    awaitingStart = [];
  };
  const lastIsBreak = () => out.length === 0 || out.endsWith('\n') || out.endsWith('\t');

  const appendText = (raw: string) => {
    if (raw.length === 0) return;
    if (verbatimDepth > 0) {
      if (pendingSpace && !lastIsBreak()) out += ' ';
      pendingSpace = false;
      startsContent();
      out += raw;
      return;
    }
    const collapsed = raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed === ' ') {
      pendingSpace = true;
      return;
    }
    let body = collapsed;
    if (body.startsWith(' ')) {
      pendingSpace = true;
      body = body.slice(1);
    }
    const trailing = body.endsWith(' ');
    if (trailing) body = body.slice(0, -1);
    if (pendingSpace && !lastIsBreak()) out += ' ';
    startsContent();
    out += body;
    pendingSpace = trailing;
  };

  const appendBreak = (ch: '\n' | '\t') => {
    pendingSpace = false;
    if (out.length === 0 || out.endsWith('\n')) return;
    if (ch === '\t' && out.endsWith('\t')) return;
    if (ch === '\n' && out.endsWith('\t')) out = out.slice(0, -1);
    out += ch;
  };

  type Step = { node: AnyNode; exit: boolean };
  const stack: Step[] = [];
  const root = $.root()[0];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push({ node: root.children[i], exit: false });

  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (node.type === 'text') {
      appendText(node.data);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (exit) {
      if (VERBATIM.has(name)) verbatimDepth--;
      const span = spans.get(el);
      if (span === undefined) {
        // no text inside: a zero-length span here
        awaitingStart = awaitingStart.filter((e) => e !== el);
        const at = out.length + (pendingSpace && !lastIsBreak() ? 1 : 0);
        spans.set(el, { start: at, end: at });
      } else span.end = out.length;
      if (BLOCKS.has(name)) appendBreak('\n');
      continue;
    }
    if (SKIPPED.has(name)) continue;
    if (BLOCKS.has(name)) appendBreak('\n');
    else if (CELLS.has(name)) appendBreak('\t');
    if (VERBATIM.has(name)) verbatimDepth++;
    awaitingStart.push(el);
    stack.push({ node: el, exit: true });
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i], exit: false });
  }

  while (out.endsWith('\n') || out.endsWith('\t')) out = out.slice(0, -1);
  const text = out;
  const clamp = (n: number) => Math.min(Math.max(n, 0), text.length);
  return {
    text,
    $,
    spanOf(el: Element): TextSpan {
      const span = spans.get(el);
      if (span === undefined) return { start: 0, end: 0 };
      const start = clamp(span.start);
      return { start, end: Math.max(start, clamp(span.end)) };
    },
  };
}

export const EXCERPT_RADIUS = 15;

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * About `radius` characters either side of [offset, offset + length) with the match; “…” where the text was
 * cut; line breaks and tabs shown as spaces. Never splits a surrogate pair.
 */
export function excerptAt(text: string, offset: number, length: number, radius = EXCERPT_RADIUS): string {
  let start = Math.max(0, offset - radius);
  let end = Math.min(text.length, offset + length + radius);
  if (start > 0 && isLow(text.charCodeAt(start))) start--;
  if (end < text.length && isHigh(text.charCodeAt(end - 1))) end++;
  const body = text.slice(start, end).replace(/[\n\r\t]/g, ' ');
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}
