// Pure helpers of the static export: which public URL is written to which file, which links are followed,
// and the one rewrite applied to exported HTML (pagination).
//
// Static servers ignore query strings, so the portal's pagination links `/gzdt/bmdt/?page=2` are written as
// `/gzdt/bmdt/index_2.html` in exported pages, and that page is written to `gzdt/bmdt/index_2.html`. Page 1
// stays `gzdt/bmdt/index.html` (its URL is the column's). Everything else is written byte for byte as served.

/** The manifest file in the export's root; never listed in itself. */
export const MANIFEST_FILE = 'manifest.json';
/** The sample nginx configuration written with every export (listed in the manifest like any file). */
export const NGINX_FILE = 'nginx.conf.example';
/** The site's 404 page, served by `error_page 404 /404.html`. */
export const NOT_FOUND_FILE = '404.html';

/** Placeholder origin for resolving relative links. */
const LOCAL_ORIGIN = 'http://export.invalid';

/**
 * Paths the static files cannot answer: the care-mode switch and search need the application (the sample
 * nginx configuration forwards them), the API and the admin console are not part of the public site.
 */
const DYNAMIC = [
  /^\/accessibility\//,
  /^\/user(\/|$)/,
  /^\/api(\/|$)/,
  /^\/admin(\/|$)/,
  /^\/healthz$/,
  /^(\/site\/[^/]+)?\/search$/,
  // 依申请公开: the applicant's forms and records behind the public account.
  /^(\/site\/[^/]+)?\/disclosure\//,
  // Surveys and drafts open for comment take answers and comments, and show what the visitor may still do.
  /^(\/site\/[^/]+)?\/survey\//,
  /^(\/site\/[^/]+)?\/solicitation\//,
];

export const isDynamicPath = (path: string) => DYNAMIC.some((re) => re.test(path));

const PAGE_QUERY = /^\?page=([1-9]\d{0,5})$/;

/**
 * The exported file (relative, `/`-separated, percent-decoded as nginx's `$uri` is) for a request URL, or null
 * when the URL cannot be a static file (another query string, an unsafe or undecodable path).
 */
export function fileForUrl(url: string): string | null {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  if (!path.startsWith('/')) return null;
  if (path.endsWith('/')) {
    const page = query ? PAGE_QUERY.exec(query) : null;
    if (query && !page) return null;
    path += page && page[1] !== '1' ? `index_${page[1]}.html` : 'index.html';
  } else if (query) {
    return null;
  }
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a path segment must not hold
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\u0000-\u001f\u007f]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments.join('/');
}

export type LinkTarget =
  | { kind: 'internal'; url: string }
  | { kind: 'dynamic'; url: string }
  | { kind: 'query'; url: string };

/**
 * What a link found on `from` (a request URL) points at: an internal URL to export (`/x/`, `/x/?page=2`), a
 * dynamic one (search, care mode), an internal URL with a query the export cannot represent — or null for
 * external links, fragments on the same page, mailto: and the like. `baseUrl` is the origin absolute links of
 * the site use (sitemap, RSS).
 */
export function classifyLink(raw: string, from: string, baseUrl: string): LinkTarget | null {
  const value = raw.trim();
  if (!value || value.startsWith('#')) return null;
  let url: URL;
  try {
    url = new URL(value, `${LOCAL_ORIGIN}${from}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.origin !== LOCAL_ORIGIN && url.origin !== new URL(baseUrl).origin) return null;
  const path = url.pathname;
  if (isDynamicPath(path)) return { kind: 'dynamic', url: `${path}${url.search}` };
  if (!url.search) return { kind: 'internal', url: path };
  const page = PAGE_QUERY.exec(url.search);
  if (page && path.endsWith('/')) return { kind: 'internal', url: page[1] === '1' ? path : `${path}?page=${page[1]}` };
  return { kind: 'query', url: `${path}${url.search}` };
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[name.toLowerCase()] ?? whole;
  });
}

/** href and src attribute values of an HTML document (entities decoded). */
export function htmlLinks(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi))
    out.push(decodeEntities(m[1] ?? m[2] ?? ''));
  return out;
}

/** url(…) references of a style sheet. */
export function cssLinks(css: string): string[] {
  const out: string[] = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi)) {
    const v = m[1] ?? m[2] ?? m[3] ?? '';
    if (v && !v.startsWith('data:')) out.push(v);
  }
  return out;
}

/** <loc>, <link> and href="…" of sitemap.xml and RSS feeds. */
export function xmlLinks(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(loc|link)>([^<]*)<\/\1>/g)) out.push(decodeEntities(m[2]!.trim()));
  for (const m of xml.matchAll(/\shref="([^"]*)"/g)) out.push(decodeEntities(m[1]!));
  return out;
}

/**
 * Rewrites the pagination links of an exported page: `href="/gzdt/bmdt/?page=3"` → `href="/gzdt/bmdt/index_3.html"`
 * (`?page=1` → the column's own URL). Only site-internal directory URLs whose whole query is `page=N` change.
 */
export function rewritePagination(html: string): string {
  return html.replace(
    /(\shref=")(\/(?!\/)[^"?#]*\/)\?page=([1-9]\d{0,5})"/g,
    (_m, attr: string, path: string, n: string) => `${attr}${n === '1' ? path : `${path}index_${n}.html`}"`,
  );
}
