// kill -9 during publication and during an upload (SQLite, files on disk): after each kill, every item and
// file the API had confirmed is there and whole, published items are complete (working copy, review register,
// public projection and audit record together or not at all), the audit chain verifies, the database is intact,
// and no file is half-written under its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/context.ts';
import { type DiskFileStore, sha256Of } from '../../src/platform/files/file-store.ts';

const ROUNDS = 3;

/** Runs the child until it confirmed `atLeast` operations plus a random moment, then kills it with SIGKILL. */
async function killDuring(mode: 'publish' | 'upload', dataDir: string, keyFile: string, atLeast: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'kill-child.ts'), mode, dataDir, keyFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const confirmed: string[] = [];
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (/^(PUBLISHED|UPLOADED) /.test(line)) confirmed.push(line);
      if (confirmed.length >= atLeast) resolve();
    });
    child.once('exit', () => reject(new Error(`the ${mode} child ended before it was killed`)));
  });
  await new Promise((r) => setTimeout(r, Math.random() * 400));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  return confirmed.slice();
}

async function reopen(dataDir: string, keyFile: string) {
  return createContext(loadConfig({}, { dataDir, logLevel: 'silent', auditKeyFile: keyFile }));
}

test('kill -9 during publication loses nothing confirmed and leaves nothing half-done', {
  timeout: 900_000,
}, async (t) => {
  for (let round = 1; round <= ROUNDS; round++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-kill-publish-'));
    const keyFile = path.join(`${dataDir}-keys`, 'audit.key');
    t.after(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
    });
    const confirmed = (await killDuring('publish', dataDir, keyFile, 2 + round)).map((l) => Number(l.split(' ')[1]));
    const ctx = await reopen(dataDir, keyFile);
    try {
      const published = new Set(
        (await ctx.db.selectFrom('published_items').select('content_id').execute()).map((r) => r.content_id),
      );
      for (const id of confirmed) assert.ok(published.has(id), `round ${round}: item ${id} was confirmed published`);
      const items = await ctx.db.selectFrom('content_items').select(['id', 'status']).execute();
      for (const item of items) {
        assert.equal(item.status === 'published', published.has(item.id), `round ${round}: item ${item.id} consistent`);
        if (published.has(item.id)) {
          const audit = await ctx.db
            .selectFrom('audit_log')
            .select('id')
            .where('target_id', '=', String(item.id))
            .where('action', '=', 'content.publish')
            .execute();
          assert.ok(audit.length > 0, `round ${round}: item ${item.id} has its publication audited`);
        }
      }
      const verify = await ctx.audit.verify();
      assert.equal(verify.ok, true, verify.problems.join('\n'));
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(ctx.db);
      assert.equal(integrity.rows[0]?.integrity_check, 'ok');
      t.diagnostic(`round ${round}: ${confirmed.length} confirmed, ${published.size} published, ${items.length} items`);
    } finally {
      await ctx.close();
    }
  }
});

test('kill -9 during an upload loses nothing confirmed and leaves no half-written file', {
  timeout: 900_000,
}, async (t) => {
  for (let round = 1; round <= ROUNDS; round++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-kill-upload-'));
    const keyFile = path.join(`${dataDir}-keys`, 'audit.key');
    t.after(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
    });
    const confirmed = (await killDuring('upload', dataDir, keyFile, 2 + round)).map((l) => l.split(' '));
    const ctx = await reopen(dataDir, keyFile);
    try {
      for (const [, id, sha] of confirmed) {
        const file = await ctx.files.get(Number(id));
        assert.equal(file.sha256, sha);
        assert.equal(sha256Of(await ctx.files.read(file)), sha, `round ${round}: file ${id} whole`);
      }
      for (const row of await ctx.db.selectFrom('files').selectAll().execute())
        assert.equal(sha256Of(await ctx.fileStore.read(row.storage_key)), row.sha256, `file ${row.id} whole`);
      const disk = ctx.fileStore as DiskFileStore;
      let named = 0;
      for await (const key of disk.keys()) {
        named += 1;
        assert.equal(await disk.has(key), true, `round ${round}: ${key} is whole under its name`);
      }
      const verify = await ctx.audit.verify();
      assert.equal(verify.ok, true, verify.problems.join('\n'));
      t.diagnostic(`round ${round}: ${confirmed.length} confirmed, ${named} files stored`);
    } finally {
      await ctx.close();
    }
  }
});
