// The document index the extraction reads pages with: every element in one pass, plain tree walks (a selector per
// element is far too slow on 5 MB list pages, and recursion fails on absurdly deep documents).
import type { AnyNode, Element } from 'domhandler';

export const SKIPPED_TAGS = new Set(['noscript', 'template', 'select', 'option']);

export interface Doc {
  /** Every element (tags, scripts, styles) in document order. */
  elements: Element[];
  named(name: string): Element[];
  /** Number of elements in an element's subtree, itself included. */
  size(el: Element): number;
  /** Visible text of an element, cached: link texts are asked for several times. */
  text(el: Element): string;
}

export const isElement = (node: AnyNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style';

export function indexDocument(root: AnyNode): Doc {
  const elements: Element[] = [];
  const byName = new Map<string, Element[]>();
  const sizes = new Map<Element, number>();
  // pre-order for document order; the `true` entries close an element for its subtree size
  const stack: [AnyNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, closing] = stack.pop() as [AnyNode, boolean];
    if (closing) {
      const el = node as Element;
      sizes.set(
        el,
        el.children.reduce((n, c) => n + (isElement(c) ? (sizes.get(c) ?? 0) : 0), 1),
      );
      continue;
    }
    if (isElement(node)) {
      elements.push(node);
      const list = byName.get(node.name);
      if (list) list.push(node);
      else byName.set(node.name, [node]);
      stack.push([node, true]);
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], false]);
  }
  const texts = new Map<Element, string>();
  return {
    elements,
    named: (name) => byName.get(name) ?? [],
    size: (el) => sizes.get(el) ?? 0,
    text: (el) => {
      const cached = texts.get(el);
      if (cached !== undefined) return cached;
      const text = textOf([el]);
      texts.set(el, text);
      return text;
    },
  };
}

/** The descendants of `root` (not root itself) that match, in document order. */
export function descendants(root: AnyNode, match: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = 'children' in root ? [...root.children].reverse() : [];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) continue;
    if (match(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return found;
}

/** The roots and their descendants that match. */
export const within = (roots: readonly Element[], match: (el: Element) => boolean): Element[] =>
  roots.flatMap((root) => [...(match(root) ? [root] : []), ...descendants(root, match)]);

export function isWithin(node: AnyNode, roots: ReadonlySet<AnyNode>): boolean {
  for (let current: AnyNode | null = node; current; current = current.parent) if (roots.has(current)) return true;
  return false;
}

export function hasAncestorNamed(node: AnyNode, names: ReadonlySet<string>): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isElement(current) && names.has(current.name)) return true;
  }
  return false;
}

export const isLink = (el: Element): boolean =>
  (el.name === 'a' || el.name === 'area') && el.attribs.href !== undefined;

export function tokensOf(el: Element): string[] {
  return [el.attribs.id ?? '', ...(el.attribs.class ?? '').split(/\s+/)].filter(Boolean);
}

/** Element children that render (scripts and styles left out). */
export function blockChildren(el: Element): Element[] {
  return el.children.filter((c): c is Element => c.type === 'tag' && !SKIPPED_TAGS.has(c.name));
}

// ───────────────────────────── text ─────────────────────────────

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** Text without any whitespace, for comparing Chinese names split across elements or lines. */
export const compact = (text: string): string => text.replace(/\s+/g, '');

/** Visible text of some nodes (no script, style or skipped subtrees), whitespace collapsed. */
export function textOf(nodes: readonly AnyNode[], skip?: ReadonlySet<AnyNode>): string {
  const parts: string[] = [];
  // a string on the stack is text to emit after an element's children (the space closing a block)
  const stack: (AnyNode | string)[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode | string;
    if (typeof node === 'string') parts.push(node);
    else if (skip?.has(node)) continue;
    else if (node.type === 'text') parts.push(node.data);
    else if (node.type === 'tag' && !SKIPPED_TAGS.has(node.name)) {
      parts.push(' ');
      stack.push(' ');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return collapse(parts.join(''));
}

// ───────────────────────────── URLs ─────────────────────────────

/** Absolute http(s) URL without fragment, or null (javascript:, mailto:, tel:, data:, bare #anchors, junk). */
export function resolveUrl(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** Hidden by its markup: the hidden attribute, an inline display:none / visibility:hidden, or a hide class. */
export function hiddenByMarkup(el: Element): boolean {
  if (el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true;
  const style = (el.attribs.style ?? '').replace(/\s+/g, '').toLowerCase();
  if (/display:none|visibility:hidden/.test(style)) return true;
  return (el.attribs.class ?? '').split(/\s+/).some((c) => /^(hide|hidden|d-none|sr-only|invisible)$/i.test(c));
}
