// Links and images of the body: internal links and images that lead nowhere (broken-link, warn) and images
// without a text alternative (image-alt, warn; 《政府网站与政务新媒体检查指标》 and GB/T 37668 want alt text).
//
// Internal: a relative reference (resolved against ctx.basePath, default '/'), or http(s) / protocol-relative
// with a host in ctx.siteHosts. Not checked here: mailto:, tel:, javascript:, data:, #anchors, empty hrefs and
// external links (the link monitor checks those). Findings point at the element's text in the body (an image:
// a zero-length position) and carry the URL as written as `match`.
import type { Element } from 'domhandler';
import type { CheckContext, Hit } from './prepublish.schema.ts';
import type { ExtractedText } from './text.ts';

const BASE_ORIGIN = 'http://site.invalid';

/**
 * The decoded path (no query, no fragment) an internal URL leads to, or null when the URL is not internal or
 * not a link to check.
 */
export function internalPath(url: string, ctx: Pick<CheckContext, 'siteHosts' | 'basePath'>): string | null {
  const ref = url.trim();
  if (ref === '' || ref.startsWith('#')) return null;
  let parsed: URL;
  try {
    if (ref.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      parsed = new URL(ref.startsWith('//') ? `http:${ref}` : ref);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
      const hosts = new Set((ctx.siteHosts ?? []).map((h) => h.trim().toLowerCase()));
      if (!hosts.has(parsed.host.toLowerCase()) && !hosts.has(parsed.hostname.toLowerCase())) return null;
    } else {
      const base = ctx.basePath === undefined || ctx.basePath === '' ? '/' : ctx.basePath;
      parsed = new URL(ref, new URL(base.startsWith('/') ? base : `/${base}`, BASE_ORIGIN));
    }
  } catch {
    return null;
  }
  try {
    return decodeURIComponent(parsed.pathname);
  } catch {
    return parsed.pathname;
  }
}

const isDecorative = (img: Element) => {
  const role = (img.attribs.role ?? '').trim().toLowerCase();
  return img.attribs.alt !== undefined && img.attribs.alt.trim() === '' && (role === 'presentation' || role === 'none');
};

/** Broken internal links/images and images without alt text in the body. */
export function findLinkProblems(
  body: ExtractedText,
  ctx: Pick<CheckContext, 'internalLinkExists' | 'siteHosts' | 'basePath'>,
): Hit[] {
  const hits: Hit[] = [];
  const exists = ctx.internalLinkExists;
  body.$('a[href], img').each((_, el) => {
    const span = body.spanOf(el);
    const isImage = el.name.toLowerCase() === 'img';
    const url = isImage ? (el.attribs.src ?? '') : el.attribs.href;
    if (exists !== undefined && url !== undefined) {
      const path = internalPath(url, ctx);
      if (path !== null && !exists(path)) {
        hits.push({
          check: 'broken-link',
          severity: 'warn',
          offset: span.start,
          length: span.end - span.start,
          match: url,
          message: isImage ? `图片“${url}”在本站不存在` : `链接“${url}”指向的本站页面或文件不存在`,
        });
      }
    }
    if (isImage && !isDecorative(el) && (el.attribs.alt ?? '').trim() === '') {
      hits.push({
        check: 'image-alt',
        severity: 'warn',
        offset: span.start,
        length: 0,
        match: url ?? '',
        message: '图片缺少替代文字（alt 属性）；纯装饰图片请写 alt="" 并加 role="presentation"',
      });
    }
  });
  return hits;
}
