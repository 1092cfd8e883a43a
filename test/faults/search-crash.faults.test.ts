// kill -9 between a publication's commit and its indexing: after the restart the item is published but not in the
// index, and the index is reconciled with published_items (at start, before the first search, periodically), so
// the item is found without anyone rebuilding the index. SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/context.ts';
import { buildApp } from '../../src/app.ts';
import { sdb } from '../../src/modules/search/search.tables.ts';
import { DIALECT, TEST_PG_URL } from '../helpers.ts';

async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (!TEST_PG_URL) return null;
  const name = `gp_crash_${process.pid}_${randomBytes(4).toString('hex')}`;
  const run = async (query: string) => {
    const client = new pg.Client({ connectionString: TEST_PG_URL ?? undefined });
    await client.connect();
    await client.query(query);
    await client.end();
  };
  await run(`create database ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Runs the child until its second publication has committed and is being indexed, then kills it. */
async function killWhileIndexing(args: string[]): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'search-crash-child.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, signal) => resolve(signal)));
  let out = '';
  const id = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /INDEXING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error('the child ended before it was killed')));
  });
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  return id;
}

test(`nothing published stays out of search after kill -9 between commit and indexing (${DIALECT})`, {
  timeout: 300_000,
}, async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-search-crash-'));
  const keyFile = path.join(`${dataDir}-keys`, 'audit.key');
  const database = await pgDatabase();
  t.after(async () => {
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
  });
  const id = await killWhileIndexing([dataDir, keyFile, ...(database ? [database.url] : [])]);

  const env = database ? { DATABASE_URL: database.url } : {};
  const ctx = await createContext(loadConfig(env, { dataDir, logLevel: 'silent', auditKeyFile: keyFile }));
  const app = await buildApp(ctx, { logger: false });
  t.after(async () => {
    await app.close();
    await ctx.search.idle();
    await ctx.close();
  });
  const published = await ctx.db.selectFrom('published_items').select('content_id').execute();
  assert.equal(published.length, 2);
  assert.ok(
    published.some((p) => p.content_id === id),
    'the publication had committed',
  );
  const indexed = async () =>
    (await sdb(ctx.db).selectFrom('search_docs').select('content_id').execute()).map((d) => d.content_id);
  assert.equal((await indexed()).includes(id), false, 'the process ended before indexing it');

  // The first search after the restart reconciles the index in the background; the next one finds the item.
  const search = async () =>
    (await app.inject({ url: `/api/search?q=${encodeURIComponent('防汛抗旱')}` })).json() as {
      items: { titleText: string }[];
    };
  await search();
  await ctx.search.idle();
  assert.ok((await indexed()).includes(id));
  assert.deepEqual(
    (await search()).items.map((i) => i.titleText),
    ['关于做好防汛抗旱准备工作的通知'],
  );
  // Reconciling again finds nothing to do.
  assert.deepEqual(await ctx.search.index.reconcile(), { indexed: 0, removed: 0 });
});
