// Which site a public request is for. The Host header (without port) picks the site listing it among its
// domains; otherwise the main site answers (the root site with the lowest id). The other sites of that
// site's cluster are served under /site/<code>/…, with every link on their pages carrying that prefix.
import type { SiteView } from '../sites/sites.schema.ts';
import { stripPort } from './meta.ts';

export interface SiteMatch {
  /** The site whose page is asked for. */
  site: SiteView;
  /** '' for the site answering this host, `/site/<code>` for another site of its cluster. */
  prefix: string;
  /** The path inside the site, starting with '/' (e.g. `/gzdt/bmdt/`). */
  path: string;
  /** Set when the URL is not the canonical one: answer 301 to this local URL instead. */
  redirect?: string;
}

const SITE_PREFIX = /^\/site\/([a-z][a-z0-9-]{1,31})(\/.*)?$/;

/** The site a host name belongs to, else the main site; null when there is no site at all. */
export function siteForHost(sites: SiteView[], host: string | undefined): SiteView | null {
  const full = (host ?? '').trim().toLowerCase();
  const bare = stripPort(full);
  if (full) {
    const exact = sites.find((s) => s.domains.some((d) => d === full));
    if (exact) return exact;
    const byName = sites.find((s) => s.domains.some((d) => stripPort(d) === bare));
    if (byName) return byName;
  }
  return mainSite(sites);
}

/** The root site (no parent) with the lowest id; any site if the data has no root. */
export function mainSite(sites: SiteView[]): SiteView | null {
  const sorted = [...sites].sort((a, b) => a.id - b.id);
  return sorted.find((s) => s.parentId === null) ?? sorted[0] ?? null;
}

export function clusterRootOf(sites: SiteView[], site: SiteView): SiteView {
  const byId = new Map(sites.map((s) => [s.id, s]));
  let current = site;
  const seen = new Set<number>();
  while (current.parentId !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = byId.get(current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

/** Resolves a request (Host header and URL path without query) to a site and the path inside it. */
export function resolveSite(sites: SiteView[], host: string | undefined, urlPath: string): SiteMatch | null {
  const hostSite = siteForHost(sites, host);
  if (!hostSite) return null;
  const m = SITE_PREFIX.exec(urlPath);
  if (m) {
    const code = m[1]!;
    const target = sites.find((s) => s.code === code);
    const root = clusterRootOf(sites, hostSite);
    if (target && clusterRootOf(sites, target).id === root.id) {
      const rest = m[2];
      if (target.id === hostSite.id) {
        // The host's own site needs no prefix. `localPath` keeps `/site/main//evil.example` from leaving the site.
        const canonical = localPath(rest ?? '/') ?? '/';
        return { site: hostSite, prefix: '', path: canonical, redirect: canonical };
      }
      const prefix = `/site/${code}`;
      if (rest === undefined) return { site: target, prefix, path: '/', redirect: `${prefix}/` };
      return { site: target, prefix, path: rest };
    }
  }
  return { site: hostSite, prefix: '', path: urlPath || '/' };
}

/**
 * `back` if it is a path on this site (for redirects after the care-mode switch), else null: no scheme, no
 * `//host`, no backslashes or control characters that browsers might read as another origin.
 */
export function localPath(back: unknown): string | null {
  if (typeof back !== 'string' || back.length === 0 || back.length > 2048) return null;
  if (!back.startsWith('/') || back.startsWith('//') || back.startsWith('/\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a return path with control characters is refused
  if (/[\\\u0000-\u001f\u007f]/.test(back)) return null;
  try {
    const base = 'http://local.invalid';
    const url = new URL(back, base);
    if (url.origin !== base) return null;
  } catch {
    return null;
  }
  return back;
}
