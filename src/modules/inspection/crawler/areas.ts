// The header and footer areas of a page, and its template. The footer is where an inspector's eye lands at the
// bottom of the rendered page: when Chromium located it on a page of the same template (a FooterLocator), that
// block is used; otherwise it is read off the markup — a <footer> or footer-named block, else the last block of
// the body that is not hidden — together with everything after it (badges and the 找错 script often follow it).
import { createHash } from 'node:crypto';
import type { AnyNode, Element } from 'domhandler';
import type { AreaFacts, FooterLocator, FooterSource, ScriptFact } from './types.ts';
import {
  blockChildren,
  collapse,
  compact,
  type Doc,
  descendants,
  hiddenByMarkup,
  isElement,
  isLink,
  isWithin,
  resolveUrl,
  SKIPPED_TAGS,
  textOf,
  tokensOf,
  within,
} from './dom.ts';

// class / id tokens that name header and footer blocks on typical government templates
const HEADER_TOKEN =
  /^((site|page|g|main|top)[-_]?)?(header|head|top|banner|logo|masthead|sitename)([-_]?(wrap|wrapper|box|main|container|inner|con|bg|top|area))?$/i;
const FOOTER_TOKEN =
  /^((site|page|g|main|wz|gov)[-_]?)?(footer|foot|bottom|copyright|copy|dibu)([-_]?(wrap|wrapper|box|main|container|inner|con|bg|nav|links|info|area|\d))?$/i;

/** Matching elements that are not inside another match, in document order. */
function topMost(elements: Element[]): Element[] {
  const set = new Set<AnyNode>(elements);
  return elements.filter((el) => !el.parent || !isWithin(el.parent, set));
}

/** Descends through single wrappers (<body><div id="wrap">…</div></body>) to the element holding the blocks. */
function layoutContainer(body: Element): Element {
  let container = body;
  for (let children = shownBlocks(container); children.length === 1; children = shownBlocks(container)) {
    container = children[0];
  }
  return container;
}

/** Block children not hidden by their markup (a hidden statistics block at the end of <body> is no footer). */
const shownBlocks = (el: Element): Element[] => blockChildren(el).filter((c) => !hiddenByMarkup(c));

/** <header>, role=banner, or header-named blocks; else the first block(s) of the body. */
export function headerArea(doc: Doc, body: Element | null, footer: ReadonlySet<AnyNode>): Element[] {
  const matches = doc.elements
    .filter(
      (el) => el.name === 'header' || el.attribs.role === 'banner' || tokensOf(el).some((t) => HEADER_TOKEN.test(t)),
    )
    .filter((el) => el.name !== 'head' && !isWithin(el, footer));
  const found = topMost(matches).slice(0, 3);
  if (found.length > 0 || !body) return found;
  const blocks = shownBlocks(layoutContainer(body));
  if (blocks.length === 0) return [];
  // a thin first block is a toolbar; the site name is then in the next one
  return compact(textOf([blocks[0]])).length < 10 ? blocks.slice(0, 2) : blocks.slice(0, 1);
}

export interface FooterArea {
  roots: Element[];
  source: FooterSource;
}

/** The footer area: located by a rendered page of the template when possible, else read off the markup. */
export function footerArea(doc: Doc, body: Element | null, locator: FooterLocator | undefined): FooterArea {
  if (!body) return { roots: [], source: 'markup' };
  const located = locator ? resolveLocator(body, locator) : null;
  if (located) return { roots: [located, ...followingElements(located, body)], source: 'rendered' };
  const tagged = doc.elements.filter(
    (el) => (el.name === 'footer' || el.attribs.role === 'contentinfo') && !hiddenByMarkup(el),
  );
  const named = doc.elements.filter((el) => !hiddenByMarkup(el) && tokensOf(el).some((t) => FOOTER_TOKEN.test(t)));
  const root = topMost(tagged)[0] ?? topMost(named)[0] ?? lastShownBlock(body);
  if (!root) return { roots: [], source: 'markup' };
  return { roots: [root, ...followingElements(root, body)], source: 'markup' };
}

/** The last block of the layout that is not hidden and shows something (text or an image). */
function lastShownBlock(body: Element): Element | undefined {
  const blocks = shownBlocks(layoutContainer(body));
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i];
    if (textOf([block]) || descendants(block, (d) => d.name === 'img').length > 0) return block;
  }
  return blocks.at(-1);
}

function followingElements(root: Element, body: Element): Element[] {
  const following: Element[] = [];
  for (let node: Element = root; node !== body && node.parent; node = node.parent as Element) {
    for (let sibling = node.nextSibling; sibling; sibling = sibling.nextSibling) {
      if (isElement(sibling)) following.push(sibling);
    }
    if (node.parent.type === 'root') break;
  }
  return following;
}

// ───────────────────────────── locators ─────────────────────────────

/** Class lists compared without order and without state classes scripts add (active, on, cur …). */
export const normalClasses = (value: string | undefined): string =>
  (value ?? '')
    .split(/\s+/)
    .filter((c) => c && !/^(active|on|cur|current|selected|hover|show|open)$/i.test(c))
    .sort()
    .join(' ');

/** Ids that number a page's own record (content_1234) say nothing about its template. */
export const stableId = (id: string | undefined): string | null => (id && !/\d{3,}/.test(id) ? id : null);

const sameKind = (el: Element, step: { tag: string; id: string | null; classes: string }): boolean =>
  el.name === step.tag && stableId(el.attribs.id) === step.id && normalClasses(el.attribs.class) === step.classes;

/**
 * Follows a locator from <body> in this page's markup. A step that matches no child is taken as an element a
 * script inserted in the rendered page, and skipped.
 */
export function resolveLocator(body: Element, locator: FooterLocator): Element | null {
  let current = body;
  let matched = 0;
  for (const step of locator.steps) {
    const like = current.children.filter((c): c is Element => isElement(c) && sameKind(c, step));
    const next = like[step.nth] ?? (like.length === 1 ? like[0] : undefined);
    if (!next) continue;
    current = next;
    matched += 1;
  }
  // the last step must have matched: a locator that ends anywhere else found a different block
  const last = locator.steps.at(-1);
  return matched > 0 && last && sameKind(current, last) && current !== body ? current : null;
}

// ───────────────────────────── template ─────────────────────────────

const TEMPLATE_DEPTH = 4;

/**
 * The layout skeleton of a page as a short hash: tags and classes of the body's blocks a few levels deep, runs of
 * like siblings (list entries) collapsed, so a list page with 20 entries and one with 15 share a template.
 */
export function templateOf(body: Element | null): string {
  if (!body) return 'none';
  const signature = (el: Element, depth: number): string => {
    const own = `${el.name}${el.attribs.id && stableId(el.attribs.id) ? `#${el.attribs.id}` : ''}${
      el.attribs.class ? `.${normalClasses(el.attribs.class).replace(/ /g, '.')}` : ''
    }`;
    if (depth >= TEMPLATE_DEPTH) return own;
    const parts: string[] = [];
    for (const child of blockChildren(el)) {
      if (SKIPPED_TAGS.has(child.name) || child.name === 'br') continue;
      const part = signature(child, depth + 1);
      if (parts.at(-1) !== part) parts.push(part);
    }
    return parts.length ? `${own}(${parts.join(',')})` : own;
  };
  return createHash('sha1').update(signature(body, 0)).digest('hex').slice(0, 12);
}

// ───────────────────────────── facts of an area ─────────────────────────────

/** Text plus image alt and title texts: logos and badges carry their words there. */
export function areaText(roots: readonly Element[]): string {
  const labels = within(roots, (el) => Boolean(el.attribs.alt || el.attribs.title || el.attribs['aria-label'])).map(
    (el) => collapse([el.attribs.alt, el.attribs.title, el.attribs['aria-label']].filter(Boolean).join(' ')),
  );
  return collapse([textOf(roots), ...labels].join(' '));
}

/** Images with neither alt nor title: what they show cannot be read. */
export const unlabelledImages = (roots: readonly Element[]): number =>
  within(roots, (el) => el.name === 'img' && !el.attribs.alt?.trim() && !el.attribs.title?.trim()).length;

export function areaFacts(
  roots: readonly Element[],
  base: string,
  links: (elements: readonly Element[]) => AreaFacts['links'],
  images: (elements: readonly Element[]) => AreaFacts['images'],
): AreaFacts {
  const scripts: ScriptFact[] = within(roots, (el) => el.name === 'script').map((el) => ({
    src: el.attribs.src ? (resolveUrl(el.attribs.src, base) ?? el.attribs.src) : null,
    id: el.attribs.id ?? null,
  }));
  return {
    text: areaText(roots),
    links: links(within(roots, isLink)),
    images: images(within(roots, (el) => el.name === 'img')),
    scripts,
    ids: [...new Set(within(roots, (el) => Boolean(el.attribs.id)).map((el) => el.attribs.id))],
  };
}
