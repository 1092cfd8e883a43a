// Crawls the built application with app.inject, from seed URLs and every internal link of what it gets, and
// writes each answer into a directory, byte for byte as served (uncompressed: no Accept-Encoding is sent),
// except that exported HTML gets its pagination links rewritten (export-paths.ts).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { App } from '../../platform/http.ts';
import type { Progress } from '../../platform/backup/backup.ts';
import { classifyLink, cssLinks, fileForUrl, htmlLinks, rewritePagination, xmlLinks } from './export-paths.ts';
import { sha256, type FileEntry } from './manifest.ts';

export interface CrawlInput {
  app: App;
  /** Host header: selects the site. */
  host: string;
  /** Origin of the site's absolute URLs; links to it are internal. */
  baseUrl: string;
  seeds: string[];
  /** A URL the site answers 404 for; its page is written to `notFound.file`. */
  notFound?: { url: string; file: string };
  outDir: string;
  progress?: Progress;
  concurrency?: number;
}

export interface CrawlProblem {
  url: string;
  /** HTTP status for broken links; for skipped ones, why. */
  status?: number;
  reason?: 'dynamic' | 'query' | 'path' | 'duplicate';
  /** Pages linking to it (at most five). */
  from: string[];
}

export interface CrawlResult {
  files: Map<string, FileEntry>;
  /** Internal URL → where it redirects. */
  redirects: Map<string, string>;
  /** Internal links answered with neither 200 nor a redirect. */
  broken: CrawlProblem[];
  /** Internal links not exported: dynamic pages, other query strings. */
  skipped: CrawlProblem[];
}

const isRedirect = (status: number) =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

export async function writeFileIn(root: string, rel: string, bytes: Buffer | string): Promise<void> {
  const file = path.join(root, ...rel.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
}

export async function crawl(input: CrawlInput): Promise<CrawlResult> {
  const { app, host, baseUrl, outDir } = input;
  const files = new Map<string, FileEntry>();
  const redirects = new Map<string, string>();
  const broken: CrawlProblem[] = [];
  const skipped = new Map<string, CrawlProblem>();
  const referrers = new Map<string, string[]>();
  const seen = new Set<string>();
  let queue: string[] = [];
  let done = 0;

  const note = (url: string, from: string | null) => {
    if (!from) return;
    const list = referrers.get(url) ?? [];
    if (list.length < 5 && !list.includes(from)) list.push(from);
    referrers.set(url, list);
  };
  const enqueue = (url: string, from: string | null) => {
    note(url, from);
    if (seen.has(url)) return;
    seen.add(url);
    queue.push(url);
  };
  const skip = (url: string, reason: NonNullable<CrawlProblem['reason']>, from: string) => {
    const found = skipped.get(url) ?? { url, reason, from: [] };
    if (found.from.length < 5 && !found.from.includes(from)) found.from.push(from);
    skipped.set(url, found);
  };
  const follow = (links: string[], from: string) => {
    for (const raw of links) {
      const target = classifyLink(raw, from, baseUrl);
      if (!target) continue;
      if (target.kind === 'internal') enqueue(target.url, from);
      else skip(target.url, target.kind, from);
    }
  };

  const save = async (url: string, rel: string, body: Buffer) => {
    if (files.has(rel)) {
      skip(url, 'duplicate', referrers.get(url)?.[0] ?? url);
      return;
    }
    files.set(rel, { sha256: sha256(body), size: body.length });
    await writeFileIn(outDir, rel, body);
  };

  const visit = async (url: string) => {
    const special = input.notFound?.url === url ? input.notFound : null;
    const res = await app.inject({ method: 'GET', url, headers: { host } });
    const type = String(res.headers['content-type'] ?? '').toLowerCase();
    if (isRedirect(res.statusCode)) {
      const location = String(res.headers.location ?? '');
      const target = classifyLink(location, url, baseUrl);
      if (target?.kind === 'internal') {
        redirects.set(url, target.url);
        enqueue(target.url, url);
      } else {
        redirects.set(url, location);
      }
      return;
    }
    if (res.statusCode !== 200 && !(special && res.statusCode === 404)) {
      broken.push({ url, status: res.statusCode, from: referrers.get(url) ?? [] });
      return;
    }
    const rel = special ? special.file : fileForUrl(url);
    if (!rel) {
      skip(url, 'path', referrers.get(url)?.[0] ?? url);
      return;
    }
    let body = res.rawPayload;
    if (type.startsWith('text/html')) {
      const html = body.toString('utf8');
      follow(htmlLinks(html), url);
      const rewritten = rewritePagination(html);
      if (rewritten !== html) body = Buffer.from(rewritten, 'utf8');
    } else if (type.startsWith('text/css')) {
      follow(cssLinks(body.toString('utf8')), url);
    } else if (/^(application|text)\/([a-z+.-]+\+)?xml/.test(type)) {
      follow(xmlLinks(body.toString('utf8')), url);
    }
    await save(url, rel, body);
  };

  for (const seed of input.seeds) enqueue(seed, null);
  if (input.notFound) enqueue(input.notFound.url, null);
  const concurrency = Math.max(1, input.concurrency ?? 8);
  while (queue.length > 0) {
    const batch = queue;
    queue = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
        while (next < batch.length) {
          const url = batch[next++]!;
          await visit(url);
          done += 1;
          input.progress?.('抓取页面', done, seen.size);
        }
      }),
    );
  }
  return { files, redirects, broken, skipped: [...skipped.values()] };
}
