// Loading data for a page, the page title, and the site a page works on (remembered across pages).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';
import { showError } from './feedback';
import type { SiteView as Site } from '../../src/modules/sites/sites.schema.ts';
import type { Items } from './api-types';

export const APP_TITLE = '政务门户管理后台';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} - ${APP_TITLE}` : APP_TITLE;
  }, [title]);
}

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => Promise<void>;
  setData: (value: T) => void;
}

/** Runs `load` when `deps` change (and on reload()); reports failures with the server's message. */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState<boolean>(!!load);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const fn = loadRef.current;
    if (!fn) {
      setLoading(false);
      return;
    }
    const mine = ++generation.current;
    setLoading(true);
    try {
      const result = await fn();
      if (mine === generation.current) {
        setData(result);
        setError(null);
      }
    } catch (err) {
      if (mine === generation.current) {
        setError(err);
        showError(err);
      }
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(
    () => {
      void reload();
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's list decides when to load again (as for useEffect); `load` is read through a ref
    deps,
  );

  return { data, loading, error, reload, setData };
}

// Sites change rarely; one request serves every page until a site is saved.
let sitesPromise: Promise<Site[]> | null = null;

export function loadSites(force = false): Promise<Site[]> {
  if (!sitesPromise || force) {
    sitesPromise = api.get<Items<Site>>('/api/sites').then((r) => r.items);
    sitesPromise.catch(() => {
      sitesPromise = null;
    });
  }
  return sitesPromise;
}

export function useSites(): Loaded<Site[]> {
  return useLoad(() => loadSites(), []);
}

const SITE_KEY = 'govportal.admin.siteId';

/** The site the staff member is working on, remembered across pages; defaults to the first site. */
export function useCurrentSite(sites: Site[] | undefined): [Site | null, (id: number) => void] {
  const [siteId, setSiteId] = useState<number | null>(() => {
    const stored = Number(window.localStorage.getItem(SITE_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  });
  const choose = useCallback((id: number) => {
    setSiteId(id);
    try {
      window.localStorage.setItem(SITE_KEY, String(id));
    } catch {
      // Storage unavailable (private mode): the choice lasts for this page only.
    }
  }, []);
  const site = sites?.find((s) => s.id === siteId) ?? sites?.[0] ?? null;
  return [site, choose];
}

export interface SiteScope {
  sites: Loaded<Site[]>;
  /** The site the page works on (null while the sites load, or when the staff member may see none). */
  site: Site | null;
  siteId: number | undefined;
  chooseSite: (id: number) => void;
}

/** The sites, and the one the page works on (shared by every site-scoped page, remembered across pages). */
export function useSiteScope(): SiteScope {
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  return { sites, site, siteId: site?.id, chooseSite };
}
