// Read replicas against a real PostgreSQL primary and streaming replica started here (pg_basebackup): searches
// give the same results from the replica as from the primary; a replica that has not replayed the latest
// withdrawal is not read, so no page or result shows the withdrawn item; a replica stopped under load fails
// no request. PostgreSQL tier only (TEST_DATABASE_URL set, Debian's server binaries installed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TEST_PG_URL } from '../../../test/helpers.ts';
import { type PgCluster, postgresBin, sqlOn, startCluster } from '../../../test/pg-cluster.ts';
import { buildApp } from '../../app.ts';
import { type AppContext, createContext } from '../../context.ts';
import { generateCorpus } from '../../modules/search/quality/corpus.ts';
import { type LoadedItem, loadCorpus } from '../../modules/search/quality/load.ts';
import { createSiteWithAnnex1 } from '../../modules/setup/setup.service.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { loadConfig } from '../config.ts';
import type { App } from '../http.ts';

const bin = postgresBin();
const skip = !TEST_PG_URL
  ? 'PostgreSQL tier only (TEST_DATABASE_URL)'
  : !bin
    ? 'PostgreSQL server binaries not installed'
    : false;

const QUERIES = ['社保', '医疗保险', '关于做好 工作', '营商环境', '公积金', '南江市 实施意见', 'shebao', '城乡居民'];

describe('read replicas (streaming replication)', { skip }, () => {
  let cluster: PgCluster;
  let ctx: AppContext;
  let primaryOnly: AppContext;
  let app: App;
  let primaryApp: App;
  let withdrawnId = 0;
  let siteId: number;
  let items: LoadedItem[];
  const dirs: string[] = [];
  const pages = new Map<number, string>();

  const context = async (replicas: boolean) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-replica-data-'));
    dirs.push(dataDir);
    const env = {
      DATABASE_URL: cluster.primary.url('govportal'),
      DATABASE_REPLICA_URLS: replicas ? cluster.replica.url('govportal') : '',
    };
    return createContext(loadConfig(env, { dataDir, logLevel: 'silent' }));
  };

  before(async () => {
    cluster = await startCluster(bin!);
    await sqlOn(cluster.primary.url(), 'create database govportal');
    ctx = await context(true);
    siteId = (await createSiteWithAnnex1(ctx)).siteId;
    items = await loadCorpus(ctx, siteId, generateCorpus(400, 7));
    await ctx.search.reindex();
    const tree = await ctx.columns.tree(siteId);
    for (const item of items) pages.set(item.id, `${tree.byId.get(item.columnId)!.path}${item.id}.html`);
    primaryOnly = await context(false);
    app = await buildApp(ctx, { logger: false });
    primaryApp = await buildApp(primaryOnly, { logger: false });
    await cluster.caughtUp();
    await ctx.reads.check();
  });

  after(async () => {
    await app?.close();
    await primaryApp?.close();
    await ctx?.close();
    await primaryOnly?.close();
    cluster?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const replicaReads = () => ctx.reads.status().replicas[0]!.reads;

  test('searches read the replica and find exactly what the primary finds', async () => {
    const scope = { siteId, prefix: '' };
    const before = replicaReads();
    for (const q of QUERIES) {
      for (const input of [{ q }, { q, sort: 'date' as const, page: 2 }, { q, kind: 'policy' as const }]) {
        const fromReplica = await ctx.search.search(scope, input);
        const fromPrimary = await primaryOnly.search.search(scope, input);
        const shape = (r: typeof fromReplica) => ({
          total: r.total,
          kinds: r.kinds,
          items: r.items,
          correctedQuery: r.correctedQuery,
          fuzzy: r.fuzzy,
        });
        assert.deepEqual(shape(fromReplica), shape(fromPrimary), `${JSON.stringify(input)}`);
      }
    }
    assert.equal(replicaReads() - before, QUERIES.length * 3, 'every search was answered by the replica');
    assert.ok((await ctx.search.search(scope, { q: '社保' })).total > 0, 'the corpus has matches');
  });

  test('a replica that has not replayed a withdrawal is not read: neither the page nor the search shows the item', async () => {
    const [item] = items.filter((i) => i.title.includes('社保') || i.title.includes('医疗')).slice(-1);
    assert.ok(item, 'an item to withdraw');
    withdrawnId = item.id;
    const url = pages.get(item.id)!;
    const first = await app.inject({ method: 'GET', url });
    assert.equal(first.statusCode, 200);
    assert.ok(first.body.includes(item.title.slice(0, 10)));

    await sqlOn(cluster.replica.url(), 'select pg_wal_replay_pause()');
    try {
      await ctx.publication.withdraw(SYSTEM_ACTOR, item.id, '测试撤稿');
      const readsBefore = replicaReads();
      const page = await app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 404, 'the withdrawn item is gone although the replica still has it');
      const again = await app.inject({ method: 'GET', url });
      assert.equal(again.statusCode, 404, 'and no stale copy was cached');
      const found = await ctx.search.search({ siteId, prefix: '' }, { q: item.title });
      assert.ok(!found.items.some((i) => i.id === item.id), 'the search does not list it');
      assert.equal(replicaReads(), readsBefore, 'the lagging replica served nothing');
    } finally {
      await sqlOn(cluster.replica.url(), 'select pg_wal_replay_resume()');
    }
    await cluster.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const other = items.find((i) => i.id !== item.id && !i.title.includes('社保'))!;
    const readsBefore = replicaReads();
    assert.equal((await app.inject({ method: 'GET', url: pages.get(other.id)! })).statusCode, 200);
    assert.ok(replicaReads() > readsBefore, 'once caught up the replica serves renders again');
  });

  test('the replica stopped under load: not one request fails', async () => {
    await ctx.reads.check();
    assert.equal(ctx.reads.status().replicas[0]!.healthy, true);
    const urls = items.filter((i) => i.id !== withdrawnId).map((i) => pages.get(i.id)!);
    const statuses = new Map<number, number>();
    const notOk = new Map<string, number>();
    let n = 0;
    let stopping = false;
    const worker = async (w: number) => {
      while (!stopping) {
        const k = n++;
        const url =
          k % 2 === 0
            ? urls[k % urls.length]!
            : `/api/search?q=${encodeURIComponent(QUERIES[k % QUERIES.length]!)}&page=${1 + (w % 3)}`;
        const res = await app.inject({ method: 'GET', url });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode !== 200) notOk.set(url, res.statusCode);
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const servedByReplica = replicaReads();
    const sentBefore = n;
    cluster.killReplica();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    stopping = true;
    await load;
    assert.ok(servedByReplica > 0, 'the replica served part of the load before it stopped');
    assert.ok(
      sentBefore >= 8 && n - sentBefore >= 8,
      `requests before (${sentBefore}) and after (${n - sentBefore}) the stop`,
    );
    assert.ok(
      [...statuses.keys()].every((status) => status < 500),
      `no request failed: ${JSON.stringify([...statuses])}`,
    );
    // Pages that are not public (a column without pages) answer the same from the primary alone.
    for (const [url, status] of notOk)
      assert.equal((await primaryApp.inject({ method: 'GET', url })).statusCode, status, url);
    assert.equal(ctx.reads.status().replicas[0]!.healthy, false, 'the stopped replica is marked down');
    const after = ctx.reads.status().primaryReads;
    assert.equal(
      (await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent('公积金')}` })).statusCode,
      200,
    );
    assert.ok(ctx.reads.status().primaryReads > after, 'reads go to the primary now');
  });
});
