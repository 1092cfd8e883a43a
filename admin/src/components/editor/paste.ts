// Cleaning HTML pasted from Word and WPS before TipTap parses it: the structure stays (headings, lists, tables,
// links, images), the styling goes (style/class/lang attributes, mso-* markup, <o:p>, VML, conditional
// comments). Word writes its lists as paragraphs with `mso-list:l0 level1` styles and a typed marker
// (“1.”, “·”): those are rebuilt as real <ol>/<ul>. Images Word only references on the local disk (file:///…)
// cannot be pasted and are dropped (counted, so the editor can say so); data: images are kept for the editor
// to upload (the server drops data: URIs).

export interface PasteReport {
  /** Images that could not be taken over (local file:// references, VML shapes). */
  droppedImages: number;
}

const KEEP_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  ol: ['start'],
};

const DROP_ELEMENTS = new Set([
  'style',
  'script',
  'meta',
  'link',
  'title',
  'xml',
  'head',
  'noscript',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'select',
  'textarea',
]);
const UNWRAP_ELEMENTS = new Set([
  'span',
  'font',
  'ins',
  'del',
  'small',
  'big',
  'center',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
]);
const ORDERED_MARKER = /^[(（]?([0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|[一二三四五六七八九十百]+)[.)）、．:：]/;

function styleOf(el: Element): string {
  return (el.getAttribute('style') ?? '').replace(/\s+/g, ' ');
}

function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

interface ListParagraph {
  el: Element;
  level: number;
  ordered: boolean;
}

/** The Word list paragraph's level and marker type, or null when it is not one. */
function listParagraph(el: Element): ListParagraph | null {
  // Numbered headings (“一、概述” as 标题1 with a list style) stay headings; their number stays as text.
  if (el.tagName !== 'P') return null;
  const style = styleOf(el);
  const m = /mso-list:\s*l\d+\s+level(\d+)/i.exec(style);
  const classy = /MsoListParagraph/i.test(el.getAttribute('class') ?? '');
  if (!m && !classy) return null;
  const markerEl = el.querySelector('[style*="mso-list"]');
  const marker = (markerEl && /mso-list:\s*ignore/i.test(styleOf(markerEl)) ? (markerEl.textContent ?? '') : '')
    .replace(/\u00a0/g, ' ')
    .trim();
  if (!m && !marker) return null;
  return { el, level: m ? Math.max(1, Number(m[1])) : 1, ordered: ORDERED_MARKER.test(marker) };
}

/** Rebuilds consecutive Word list paragraphs under `parent` as nested <ol>/<ul>. */
function rebuildLists(doc: Document, parent: Element): void {
  const children = Array.from(parent.children);
  let i = 0;
  while (i < children.length) {
    const first = listParagraph(children[i]);
    if (!first) {
      rebuildLists(doc, children[i]);
      i += 1;
      continue;
    }
    const group: ListParagraph[] = [first];
    let j = i + 1;
    while (j < children.length) {
      const next = listParagraph(children[j]);
      if (!next) break;
      group.push(next);
      j += 1;
    }
    const root = doc.createElement(first.ordered ? 'ol' : 'ul');
    children[i].before(root);
    // stack[k]: the list element at nesting depth k+1
    const stack: Element[] = [root];
    let lastItem: Element | null = null;
    for (const p of group) {
      const depth = Math.min(p.level, stack.length + 1);
      while (stack.length > depth) stack.pop();
      if (depth > stack.length) {
        const nested = doc.createElement(p.ordered ? 'ol' : 'ul');
        (lastItem ?? stack[stack.length - 1]).appendChild(nested);
        stack.push(nested);
      }
      const li = doc.createElement('li');
      for (const ignore of Array.from(p.el.querySelectorAll('[style*="mso-list"]'))) {
        if (/mso-list:\s*ignore/i.test(styleOf(ignore))) ignore.remove();
      }
      const para = doc.createElement('p');
      while (p.el.firstChild) para.appendChild(p.el.firstChild);
      li.appendChild(para);
      stack[stack.length - 1].appendChild(li);
      lastItem = li;
      p.el.remove();
    }
    i = j;
  }
}

function removeComments(node: Node): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.COMMENT_NODE) child.parentNode?.removeChild(child);
    else removeComments(child);
  }
}

/** Cleans pasted HTML (see the file comment); `report` receives what had to be dropped. */
export function cleanPastedHtml(html: string, report?: (r: PasteReport) => void): string {
  // VML and other downlevel-hidden blocks: <!--[if gte vml 1]> … <![endif]-->
  const raw = html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '');
  const doc = new DOMParser().parseFromString(raw, 'text/html');
  const body = doc.body;
  let droppedImages = 0;

  removeComments(body);
  rebuildLists(doc, body);

  // Word's hidden elements go; list markers left outside lists (numbered headings) become plain text.
  for (const el of Array.from(body.querySelectorAll('[style]'))) {
    if (!el.isConnected) continue;
    const style = styleOf(el);
    if (/mso-list:\s*ignore/i.test(style))
      el.replaceWith(doc.createTextNode(`${(el.textContent ?? '').replace(/\u00a0/g, ' ').trim()} `));
    else if (/display:\s*none/i.test(style) || /mso-hide:\s*all/i.test(style)) el.remove();
  }

  // Namespaced Office elements (o:p, v:shape, w:sdt …): <o:p> and shapes go; wrappers keep their text.
  for (const el of Array.from(body.getElementsByTagName('*'))) {
    if (!el.isConnected) continue;
    const name = el.tagName.toLowerCase();
    if (name.includes(':')) {
      if (name === 'o:p' || name.startsWith('v:') || !el.textContent?.trim()) {
        if (name.startsWith('v:') && el.querySelector('v\\:imagedata, imagedata')) droppedImages += 1;
        el.remove();
      } else {
        unwrap(el);
      }
    } else if (DROP_ELEMENTS.has(name)) {
      el.remove();
    }
  }

  for (const el of Array.from(body.getElementsByTagName('*'))) {
    if (!el.isConnected) continue;
    const name = el.tagName.toLowerCase();
    // Headings: the site uses 标题2 and 标题3 under the page's own title.
    if (
      name === 'h1' ||
      name === 'h4' ||
      name === 'h5' ||
      name === 'h6' ||
      (name === 'p' && /MsoTitle/i.test(el.getAttribute('class') ?? ''))
    ) {
      const h = doc.createElement(name === 'h1' || name === 'p' ? 'h2' : 'h3');
      while (el.firstChild) h.appendChild(el.firstChild);
      el.replaceWith(h);
      continue;
    }
    if (name === 'img') {
      const src = el.getAttribute('src') ?? '';
      if (!src || /^(file|blob|cid|ms-appx|about):/i.test(src)) {
        droppedImages += 1;
        el.remove();
        continue;
      }
    }
    if (name === 'a' && !el.getAttribute('href')) {
      // Word bookmarks (<a name="_Toc…">) carry no link.
      unwrap(el);
      continue;
    }
    const keep = KEEP_ATTRIBUTES[name] ?? [];
    for (const attr of Array.from(el.attributes)) {
      if (!keep.includes(attr.name.toLowerCase())) el.removeAttribute(attr.name);
    }
    if (name === 'a' && /^\s*(javascript|vbscript|data):/i.test(el.getAttribute('href') ?? ''))
      el.removeAttribute('href');
  }

  // Unwrapping last, deepest first, so nested spans all go.
  for (const el of Array.from(body.getElementsByTagName('*')).reverse()) {
    const name = el.tagName.toLowerCase();
    if (UNWRAP_ELEMENTS.has(name) || (name === 'a' && !el.getAttribute('href'))) unwrap(el);
  }

  if (report) report({ droppedImages });
  return body.innerHTML;
}

/** Decodes a data: URI into a File (for uploading pasted images). */
export function dataUriToFile(uri: string, baseName: string): File | null {
  const m = /^data:([a-z0-9.+/-]+)?(;base64)?,(.*)$/is.exec(uri);
  if (!m) return null;
  const mime = (m[1] || 'application/octet-stream').toLowerCase();
  let bytes: Uint8Array;
  try {
    if (m[2]) {
      const bin = atob(m[3].replace(/\s+/g, ''));
      bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    } else {
      bytes = new TextEncoder().encode(decodeURIComponent(m[3]));
    }
  } catch {
    return null;
  }
  const ext =
    (
      {
        'image/png': 'png',
        'image/jpeg': 'jpg',
        'image/jpg': 'jpg',
        'image/gif': 'gif',
        'image/webp': 'webp',
      } as Record<string, string>
    )[mime] ?? 'bin';
  return new File([bytes as BlobPart], `${baseName}.${ext}`, { type: mime });
}

/** Links the editor accepts: http(s), mailto, tel, or a path on this site. Never javascript: and the like. */
export function safeHref(input: string): string | null {
  const url = input.trim();
  if (!url) return null;
  if (/^\/(?!\/)/.test(url)) return url;
  if (/^(https?:\/\/)[^\s]+$/i.test(url)) return url;
  if (/^(mailto|tel):[^\s]+$/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return null;
  // A bare domain such as www.gov.cn
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(url)) return `https://${url}`;
  return null;
}
