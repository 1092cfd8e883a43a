// Several worker processes share one SQLite file (GOVPORTAL_WORKERS): a transaction that reads and then writes
// must wait for the other process rather than fail with SQLITE_BUSY.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { openSqlite } from './database.ts';

// Each worker thread opens its own connection, as a separate process would.
const WRITER = `
  const { workerData, parentPort } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => (register(), import(workerData.module))).then(async ({ openSqlite }) => {
    const { db, close } = openSqlite(workerData.file);
    const { sql } = await import('kysely');
    // Start together: a worker that finished before the other began would prove nothing.
    await new Promise((go) => { parentPort.once('message', go); parentPort.postMessage('ready'); });
    let failures = 0;
    for (let i = 0; i < workerData.rounds; i++) {
      try {
        await db.transaction().execute(async (trx) => {
          const last = await sql\`select coalesce(max(n), 0) as n from chain\`.execute(trx);
          await new Promise((r) => setTimeout(r, 1));
          await sql\`insert into chain (n, writer) values (\${Number(last.rows[0].n) + 1}, \${workerData.name})\`.execute(trx);
        });
      } catch (error) {
        failures++;
      }
    }
    await close();
    parentPort.postMessage(failures);
  });
`;

test('two processes appending to a chain on one SQLite file both succeed, without gaps or forks', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-sqlite-'));
  const file = path.join(dir, 'shared.sqlite');
  const handle = openSqlite(file);
  await sql`create table chain (n integer primary key, writer text not null)`.execute(handle.db);
  await handle.close();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const module = new URL('./database.ts', import.meta.url).href;
  const workers = ['a', 'b'].map(
    (name) => new Worker(WRITER, { eval: true, workerData: { module, file, name, rounds: 60 } }),
  );
  const message = (worker: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await Promise.all(workers.map(message));
  const done = workers.map(message);
  for (const worker of workers) worker.postMessage('go');
  const failures = await Promise.all(done);
  assert.deepEqual(failures, [0, 0], 'no transaction failed with SQLITE_BUSY');
  const check = openSqlite(file);
  const rows = (await sql<{ n: number; writer: string }>`select n, writer from chain order by n`.execute(check.db))
    .rows;
  await check.close();
  assert.deepEqual(
    rows.map((r) => r.n),
    Array.from({ length: 120 }, (_, i) => i + 1),
  );
  assert.ok(new Set(rows.map((r) => r.writer)).size === 2, 'both wrote');
});
