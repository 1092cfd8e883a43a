// The file store against failed writes (a full disk leaves nothing reusable), damaged files, and the database
// store that lets every node of a PostgreSQL installation serve every file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { testEnv, DIALECT } from '../../../test/helpers.ts';
import {
  CHUNK_BYTES,
  DatabaseFileStore,
  DiskFileStore,
  keyOf,
  migrateDiskToDatabase,
  sha256Of,
  type DiskIo,
} from './file-store.ts';

/** A disk that fills up half-way through the write, as a real one does: part of the bytes land, then ENOSPC. */
const fullDisk: DiskIo = {
  async writeFile(file, bytes) {
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  },
};

const tempRoot = (t: import('node:test').TestContext) => {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'govportal-files-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

const listAll = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

test('a write that fails on a full disk leaves nothing that a later upload of the same content reuses', async (t) => {
  const root = tempRoot(t);
  const bytes = randomBytes(64 * 1024);
  await assert.rejects(new DiskFileStore(root, fullDisk).put(bytes), { code: 'STORAGE_FULL' });
  assert.deepEqual(listAll(root), [], 'no final file and no temporary file left');

  const store = new DiskFileStore(root);
  assert.equal(await store.has(keyOf(sha256Of(bytes))), false);
  const stored = await store.put(bytes);
  assert.deepEqual(await store.read(stored.key), bytes, 'the full content is served, not 0 bytes');
});

test('a 0-byte or damaged file left by an older version is not counted as present and is replaced', async (t) => {
  const root = tempRoot(t);
  const store = new DiskFileStore(root);
  const bytes = Buffer.from('南江市政务服务事项目录（2026 年版）');
  const key = keyOf(sha256Of(bytes));
  fs.mkdirSync(path.dirname(store.pathOf(key)), { recursive: true });
  fs.writeFileSync(store.pathOf(key), '');
  assert.equal(await store.has(key), false);
  await assert.rejects(store.read(key), { code: 'FILE_DAMAGED' }, 'never served as 0 bytes');
  await store.put(bytes);
  assert.deepEqual(await store.read(key), bytes);
  fs.writeFileSync(store.pathOf(key), 'tampered');
  await assert.rejects(store.read(key), { code: 'FILE_DAMAGED' });
});

test('a read-only data directory is reported as such', async (t) => {
  const root = tempRoot(t);
  const readOnly: DiskIo = {
    async writeFile() {
      throw Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS' });
    },
  };
  await assert.rejects(new DiskFileStore(root, readOnly).put(Buffer.from('x')), { code: 'STORAGE_READ_ONLY' });
});

test(`the database store keeps files whole, in chunks, once per content (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const store = new DatabaseFileStore(env.ctx.db);
  const big = randomBytes(CHUNK_BYTES * 2 + 123);
  const stored = await store.put(big);
  await store.put(big);
  assert.deepEqual(await store.read(stored.key), big);
  const blobs = await env.ctx.db.selectFrom('file_blobs').selectAll().execute();
  assert.equal(blobs.length, 1);
  assert.equal(blobs[0].chunk_count, 3);
  const [a, b] = await Promise.all([store.put(Buffer.from('同时上传')), store.put(Buffer.from('同时上传'))]);
  assert.equal(a.key, b.key);
  assert.equal((await store.read(a.key)).toString(), '同时上传');
});

test(`files on disk are migrated into the database; damaged ones are named, not copied (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const disk = new DiskFileStore(path.join(env.config.dataDir, 'legacy-files'));
  const kept = await disk.put(Buffer.from('旧版本上传的附件'));
  const broken = await disk.put(Buffer.from('将被损坏的附件'));
  fs.writeFileSync(disk.pathOf(broken.key), '');
  const store = new DatabaseFileStore(env.ctx.db, disk);
  assert.equal((await store.read(kept.key)).toString(), '旧版本上传的附件', 'read from disk until migrated');
  const report = await migrateDiskToDatabase(disk, store);
  assert.deepEqual(report, { copied: 1, present: 0, damaged: [broken.key] });
  fs.rmSync(disk.root, { recursive: true });
  assert.equal((await store.read(kept.key)).toString(), '旧版本上传的附件', 'now from the database');
  assert.deepEqual(await migrateDiskToDatabase(disk, store), { copied: 0, present: 0, damaged: [] });
});
