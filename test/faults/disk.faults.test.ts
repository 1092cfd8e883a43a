// A full disk and a read-only data directory, for real: the data directory (SQLite database and uploaded files)
// is a small tmpfs mounted for the test, filled up and then remounted read-only. Uploads and saves are refused
// with a Chinese 503 naming the reason, /healthz reports it, nothing is half-written, and everything works again
// once space is freed or the directory is writable. Needs root (mount); skipped otherwise — the fast suite covers
// the same boundary with injected ENOSPC/EROFS (file-store.test.ts, http-guards.http.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/context.ts';
import { buildApp } from '../../src/app.ts';
import { createSiteWithAnnex1 } from '../../src/modules/setup/setup.service.ts';
import { sha256Of } from '../../src/platform/files/file-store.ts';
import { draftNews, team } from '../workflow.ts';
import type { App } from '../../src/platform/http.ts';
import type { Session } from '../helpers.ts';

function tryMount(dir: string): string | null {
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs';
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { encoding: 'utf8' });
  return run.status === 0 ? null : `mount failed: ${run.stderr.trim()}`;
}

async function upload(app: App, who: Session, siteId: number, name: string, bytes: Buffer) {
  const boundary = '----disk';
  return app.inject({
    method: 'POST',
    url: `/api/sites/${siteId}/files`,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

/** /healthz is checked at most once a second: wait until it reports what is expected. */
async function healthUntil(app: App, want: (body: { status: string; problems: { code: string }[] }) => boolean) {
  let last: unknown;
  for (let i = 0; i < 40; i++) {
    const res = await app.inject({ url: '/healthz' });
    last = { status: res.statusCode, body: res.json() };
    if (want(res.json())) return res;
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.fail(`/healthz never reported it: ${JSON.stringify(last)}`);
}

function fill(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const block = Buffer.alloc(256 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-tinydisk-'));
const cannotMount = tryMount(mountPoint);
if (cannotMount) fs.rmdirSync(mountPoint);

test('a full disk, then a read-only data directory: 503 with the reason, /healthz says so, recovery', {
  timeout: 600_000,
  skip: cannotMount ?? false,
}, async (t) => {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-tinydisk-key-'));
  t.after(() => {
    spawnSync('umount', ['-l', path.join(mountPoint, 'files')]);
    spawnSync('umount', ['-l', mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
    fs.rmSync(keyDir, { recursive: true, force: true });
  });
  const config = loadConfig(
    {},
    { dataDir: mountPoint, logLevel: 'silent', auditKeyFile: path.join(keyDir, 'audit.key') },
  );
  const ctx = await createContext(config);
  t.after(() => ctx.close());
  await createSiteWithAnnex1(ctx);
  const app = await buildApp(ctx, { logger: false });
  t.after(() => app.close());
  const team1 = await team(app, ctx);
  const before = await upload(app, team1.editor, team1.siteId, '一.txt', Buffer.from('通知一'));
  assert.equal(before.statusCode, 200, before.body);
  await healthUntil(app, (b) => b.status === 'ok');

  // The disk fills up.
  const filler = fill(mountPoint);
  const full = await healthUntil(app, (b) => b.problems.some((p) => p.code === 'disk-full'));
  assert.equal(full.statusCode, 503);
  const refused = await upload(app, team1.editor, team1.siteId, '二.txt', Buffer.from('政'.repeat(170_000)));
  assert.equal(refused.statusCode, 503, refused.body);
  assert.equal(refused.json().error.code, 'STORAGE_FULL');
  assert.match(refused.json().error.message, /存储空间已满/);
  const save = await app.inject({
    method: 'POST',
    url: `/api/sites/${team1.siteId}/content`,
    headers: { cookie: team1.editor.cookie, 'x-csrf-token': team1.editor.csrf },
    payload: { type: 'article', columnId: 1, title: '满盘时保存', bodyHtml: `<p>${'内容'.repeat(20_000)}</p>` },
  });
  assert.notEqual(save.statusCode, 500, save.body);
  const leftovers = fs
    .readdirSync(path.join(mountPoint, 'files'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile());
  for (const entry of leftovers) {
    const file = path.join(entry.parentPath, entry.name);
    assert.ok(!entry.name.endsWith('.tmp'), `no temporary file left: ${entry.name}`);
    assert.equal(sha256Of(fs.readFileSync(file)), entry.name, 'every stored file is whole');
  }

  // Space is freed: everything works again.
  fs.rmSync(filler);
  await healthUntil(app, (b) => b.status === 'ok');
  const bytes = Buffer.from('政'.repeat(170_000));
  const after = await upload(app, team1.editor, team1.siteId, '二.txt', bytes);
  assert.equal(after.statusCode, 200, after.body);
  const served = await app.inject({ url: after.json().url, headers: { cookie: team1.editor.cookie } });
  assert.equal(sha256Of(served.rawPayload), sha256Of(bytes));
  assert.equal((await draftNews(app, ctx, team1, '恢复后保存')).status, 'draft');

  // The files directory becomes read-only (a read-only file system mounted over it: the database file, open for
  // writing, keeps the data directory's own mount from being remounted read-only).
  const filesDir = path.join(mountPoint, 'files');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,ro', 'tmpfs', filesDir]);
  const readOnly = await healthUntil(app, (b) => b.problems.some((p) => p.code === 'read-only'));
  assert.equal(readOnly.statusCode, 503);
  const refusedRo = await upload(app, team1.editor, team1.siteId, '三.txt', Buffer.from('只读时上传'));
  assert.equal(refusedRo.statusCode, 503, refusedRo.body);
  assert.equal(refusedRo.json().error.code, 'STORAGE_READ_ONLY');
  assert.match(refusedRo.json().error.message, /只读/);
  execFileSync('umount', [filesDir]);
  await healthUntil(app, (b) => b.status === 'ok');
  assert.equal((await upload(app, team1.editor, team1.siteId, '三.txt', Buffer.from('恢复后上传'))).statusCode, 200);
  const verify = await ctx.audit.verify();
  assert.equal(verify.ok, true, verify.problems.join('\n'));
});
