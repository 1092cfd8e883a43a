// Static export and tamper detection: the exported site is complete (every internal link of every exported page
// resolves to an exported file), byte for byte what the application serves; verify finds edited, added and
// removed files and a forged manifest; restore repairs them; the watch job alerts the security administrators.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { testEnv, call, login, staff, DIALECT, type TestEnv } from '../../../test/helpers.ts';
import { team, draftNews, publishThroughReview, type Team } from '../../../test/workflow.ts';
import { MINUTE } from '../../platform/time.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import { exportSite, restoreExport, verifyExport, type ExportResult } from './export.service.ts';
import { exportCommand, verifyCommand } from './export.cli.ts';
import { runExportWatch, AUTO_RESTORE_SETTING, WATCH_DIR_SETTING } from './export.watch.ts';
import { MANIFEST_KEY_SETTING, canonicalJson, type Manifest } from './manifest.ts';
import { classifyLink, fileForUrl, isDynamicPath, rewritePagination } from './export-paths.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  Buffer.alloc(2000, 0x20),
  Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
]);
const HOST = 'zwb.nanjiang.gov.cn';
const BASE = `http://${HOST}`;

describe('export paths', () => {
  it('maps public URLs to files as a static server looks them up', () => {
    assert.equal(fileForUrl('/'), 'index.html');
    assert.equal(fileForUrl('/gzdt/bmdt/'), 'gzdt/bmdt/index.html');
    assert.equal(fileForUrl('/gzdt/bmdt/?page=1'), 'gzdt/bmdt/index.html');
    assert.equal(fileForUrl('/gzdt/bmdt/?page=3'), 'gzdt/bmdt/index_3.html');
    assert.equal(fileForUrl('/gzdt/bmdt/123.html'), 'gzdt/bmdt/123.html');
    assert.equal(fileForUrl('/files/7/%E9%80%9A%E7%9F%A5.pdf'), 'files/7/通知.pdf');
    assert.equal(fileForUrl('/gzdt/bmdt/?q=1'), null);
    assert.equal(fileForUrl('/files/7/..%2F..%2Fetc%2Fpasswd'), null);
    assert.equal(fileForUrl('/a/%2e%2e/b'), null);
    assert.equal(fileForUrl('/a/%E0%A4%A'), null);
  });

  it('follows internal links only, and sets dynamic ones apart', () => {
    assert.deepEqual(classifyLink('/gzdt/', '/', BASE), { kind: 'internal', url: '/gzdt/' });
    assert.deepEqual(classifyLink('123.html#top', '/gzdt/bmdt/', BASE), {
      kind: 'internal',
      url: '/gzdt/bmdt/123.html',
    });
    assert.deepEqual(classifyLink(`${BASE}/gzdt/?page=2`, '/', BASE), { kind: 'internal', url: '/gzdt/?page=2' });
    assert.deepEqual(classifyLink('/gzdt/?page=1', '/', BASE), { kind: 'internal', url: '/gzdt/' });
    assert.equal(classifyLink('https://www.gov.cn/', '/', BASE), null);
    assert.equal(classifyLink('mailto:a@b.cn', '/', BASE), null);
    assert.equal(classifyLink('#main', '/', BASE), null);
    assert.equal(classifyLink('//evil.example/x', '/', BASE), null);
    assert.equal(classifyLink('/accessibility/toggle?back=%2F', '/', BASE)?.kind, 'dynamic');
    assert.equal(classifyLink('/site/zwfw/search', '/', BASE)?.kind, 'dynamic');
    assert.equal(classifyLink('/zwgk/catalog/?theme=x&page=2', '/', BASE)?.kind, 'query');
  });

  it('rewrites pagination links of internal directory URLs only', () => {
    const html =
      '<link rel="next" href="/gzdt/bmdt/?page=2"/><a href="/gzdt/bmdt/?page=1">1</a><a href="https://x.cn/a/?page=2">x</a><a href="/zwgk/catalog/?theme=a&amp;page=2">c</a>';
    assert.equal(
      rewritePagination(html),
      '<link rel="next" href="/gzdt/bmdt/index_2.html"/><a href="/gzdt/bmdt/">1</a><a href="https://x.cn/a/?page=2">x</a><a href="/zwgk/catalog/?theme=a&amp;page=2">c</a>',
    );
  });

  it('signs a canonical form of the manifest', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: 'z' } }),
      '{"a":{"c":"z","d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });
});

/** Every file under dir, relative, `/`-separated. */
function listFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, child) : [child];
  });
}

/** Where a static server finds an internal URL (independent of the export's own mapping). */
function staticFile(dir: string, urlPath: string): string {
  const decoded = decodeURIComponent(urlPath);
  return path.join(dir, decoded.endsWith('/') ? `${decoded}index.html` : decoded);
}

describe(`static export and tamper detection (${DIALECT})`, () => {
  let env: TestEnv;
  let t: Team;
  let root: string;
  let out: string;
  let exported: ExportResult;
  const ids: number[] = [];
  let pdf: { id: number; url: string };
  let png: { id: number; url: string };

  async function upload(name: string, bytes: Buffer) {
    const boundary = '----govportalExportTest';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/sites/${t.siteId}/files`,
      payload,
      headers: {
        cookie: t.editor.cookie,
        'x-csrf-token': t.editor.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { id: number; url: string };
  }

  async function publishNews(title: string, extra: Record<string, unknown> = {}) {
    env.clock.advance(MINUTE);
    const item = await draftNews(env.app, env.ctx, t, title, extra);
    await publishThroughReview(env.app, t, item.id);
    ids.push(item.id);
    return item.id;
  }

  const served = (url: string) => env.app.inject({ method: 'GET', url, headers: { host: HOST } });
  const read = (rel: string) => fs.readFileSync(path.join(out, ...rel.split('/')));

  before(async () => {
    env = await testEnv();
    t = await team(env.app, env.ctx);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-export-test-'));
    out = path.join(root, 'www');
    pdf = await upload('工作方案.pdf', PDF);
    png = await upload('会场.png', PNG);
    await publishNews('市政务办召开2026年第四季度工作推进会', {
      bodyHtml: `<p>会议部署年底重点工作。</p><p><img src="${png.url}" alt="会场"></p>`,
      attachments: [{ fileId: pdf.id, name: '工作方案.pdf' }],
    });
    // 21 more: 部门动态 gets a second page.
    for (let i = 1; i <= 21; i++) await publishNews(`政务服务工作简报第${i}期`);
    exported = await exportSite(env.ctx, { out, baseUrl: BASE });
  });

  after(async () => {
    await env.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes every public page, feed, asset and published file, with a signed manifest', async () => {
    assert.deepEqual(exported.broken, []);
    const files = listFiles(out).sort();
    for (const rel of [
      'index.html',
      'sitemap/index.html',
      'sitemap.xml',
      'robots.txt',
      '404.html',
      'gzdt/bmdt/index.html',
      'gzdt/bmdt/index_2.html',
      'nginx.conf.example',
      'manifest.json',
    ]) {
      assert.ok(files.includes(rel), `${rel} exported`);
    }
    for (const id of ids) assert.ok(files.includes(`gzdt/bmdt/${id}.html`), `content page ${id}`);
    assert.ok(files.includes(`files/${pdf.id}/工作方案.pdf`));
    assert.ok(files.includes(`files/${png.id}/会场.png`));
    assert.ok(
      files.some((f) => /^gzdt\/bmdt\/rss\.xml$/.test(f)) || files.some((f) => f.endsWith('/rss.xml')),
      'RSS feeds',
    );
    assert.ok(
      files.some((f) => /^zwgk\/catalog\/index\.html$/.test(f)),
      '主动公开目录',
    );
    assert.ok(files.some((f) => /^assets\/portal\.[0-9a-f]{10}\.css$/.test(f)));

    const manifest = JSON.parse(read('manifest.json').toString('utf8')) as Manifest;
    assert.equal(manifest.format, 'govportal-static-export');
    assert.equal(manifest.version, 1);
    assert.deepEqual(manifest.site, { id: t.siteId, code: 'main', name: '南江市政务服务管理办公室' });
    assert.equal(manifest.createdAt, env.clock.now().toISOString());
    assert.equal(manifest.signature?.alg, 'HMAC-SHA256');
    assert.deepEqual(
      Object.keys(manifest.files).sort(),
      files.filter((f) => f !== 'manifest.json'),
    );
    const { createHash } = await import('node:crypto');
    for (const [rel, entry] of Object.entries(manifest.files)) {
      const bytes = read(rel);
      assert.equal(entry.size, bytes.length, rel);
      assert.equal(entry.sha256, createHash('sha256').update(bytes).digest('hex'), rel);
    }
    assert.ok(await readSetting<string>(env.ctx.db, MANIFEST_KEY_SETTING), 'key kept in the database');

    const conf = read('nginx.conf.example').toString('utf8');
    assert.match(conf, new RegExp(`root ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};`));
    assert.match(conf, /try_files \$uri \$uri\/index\.html =404;/);
    assert.match(conf, /error_page 404 \/404\.html;/);
    assert.match(conf, /location \/assets\/ \{[^}]*max-age=31536000, immutable/);
  });

  it('writes the bytes the application serves (uncompressed), pagination links pointing at index_N.html', async () => {
    const id = ids[0]!;
    assert.deepEqual(read(`gzdt/bmdt/${id}.html`), (await served(`/gzdt/bmdt/${id}.html`)).rawPayload);
    assert.deepEqual(read(`files/${pdf.id}/工作方案.pdf`), PDF);
    assert.deepEqual(read('sitemap.xml'), (await served('/sitemap.xml')).rawPayload);
    const notFound = await served('/404.html');
    assert.equal(notFound.statusCode, 404);
    assert.deepEqual(read('404.html'), notFound.rawPayload);

    const first = read('gzdt/bmdt/index.html').toString('utf8');
    const live = (await served('/gzdt/bmdt/')).body;
    assert.match(live, /href="\/gzdt\/bmdt\/\?page=2"/);
    assert.equal(first, rewritePagination(live));
    assert.match(first, /<link rel="next" href="\/gzdt\/bmdt\/index_2\.html"\/>/);
    assert.doesNotMatch(first, /\?page=/);
    const second = read('gzdt/bmdt/index_2.html').toString('utf8');
    assert.equal(second, rewritePagination((await served('/gzdt/bmdt/?page=2')).body));
    assert.match(second, /<link rel="prev" href="\/gzdt\/bmdt\/"\/>/);

    // Exporting again from an unchanged database changes nothing.
    const again = await exportSite(env.ctx, { out, baseUrl: BASE });
    assert.deepEqual([again.sync.created, again.sync.replaced, again.sync.removed], [[], [], []]);
    assert.ok((await verifyExport(env.ctx, out)).ok);
  });

  it('every internal link of every exported page resolves to an exported file', () => {
    const problems: string[] = [];
    let checked = 0;
    const check = (rel: string, raw: string) => {
      const url = new URL(raw, `http://export.invalid/${rel}`);
      if (url.origin !== 'http://export.invalid' && url.origin !== BASE) return;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
      // The care-mode switch, search, the public account and the forms (依申请公开, surveys, solicitations) are
      // answered by the application (nginx.conf.example forwards them).
      if (isDynamicPath(url.pathname)) return;
      checked += 1;
      if (url.search) problems.push(`${rel}: ${raw} carries a query string`);
      else if (!fs.existsSync(staticFile(out, url.pathname))) problems.push(`${rel}: ${raw} does not resolve`);
    };
    for (const rel of listFiles(out).filter((f) => f.endsWith('.html'))) {
      const $ = cheerio.load(read(rel).toString('utf8'));
      $('a[href], link[href]').each((_i, el) => check(rel, $(el).attr('href')!));
      $('img[src], script[src]').each((_i, el) => check(rel, $(el).attr('src')!));
    }
    for (const loc of read('sitemap.xml')
      .toString('utf8')
      .matchAll(/<loc>([^<]+)<\/loc>/g))
      check('sitemap.xml', loc[1]!);
    assert.deepEqual(problems, []);
    assert.ok(checked > 500, `${checked} links checked`);
  });

  it('verify finds edited, added and removed files, and a forged manifest; restore repairs them', async () => {
    const auditBefore =
      (
        await env.ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id ?? 0;
    const page = `gzdt/bmdt/${ids[0]}.html`;
    const original = read(page);
    fs.writeFileSync(
      path.join(out, page),
      original.toString('utf8').replace('会议部署年底重点工作。', '此网站已被入侵'),
    );
    fs.writeFileSync(path.join(out, 'gzdt', 'bmdt', 'shell.php'), '<?php system($_GET["c"]); ?>');
    fs.rmSync(path.join(out, 'files', String(pdf.id), '工作方案.pdf'));

    const report = await verifyExport(env.ctx, out);
    assert.equal(report.ok, false);
    assert.equal(report.manifestStatus, 'valid');
    assert.deepEqual(report.changed, [page]);
    assert.deepEqual(report.added, ['gzdt/bmdt/shell.php']);
    assert.deepEqual(report.missing, [`files/${pdf.id}/工作方案.pdf`]);

    // The CLI's view: exit code 1 and every difference listed.
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.join(' '));
    };
    const [log, error] = [console.log, console.error];
    console.log = capture;
    console.error = capture;
    let code: number;
    try {
      code = await verifyCommand(
        env.ctx,
        { dir: out },
        () => undefined,
        () => undefined,
      );
    } finally {
      console.log = log;
      console.error = error;
    }
    assert.equal(code, 1);
    assert.match(lines.join('\n'), /新增文件 1 个：gzdt\/bmdt\/shell\.php/);
    assert.match(lines.join('\n'), /被改动的文件 1 个/);
    assert.match(lines.join('\n'), /缺失的文件 1 个/);

    const restored = await restoreExport(env.ctx, out);
    assert.equal(restored.mode, 'manifest', 'the database still publishes what the manifest lists');
    assert.deepEqual(restored.removed, ['gzdt/bmdt/shell.php']);
    assert.deepEqual(restored.replaced, [page]);
    assert.deepEqual(restored.created, [`files/${pdf.id}/工作方案.pdf`]);
    assert.ok(restored.after.ok);
    assert.deepEqual(read(page), original);
    assert.deepEqual(read(`files/${pdf.id}/工作方案.pdf`), PDF);
    assert.ok((await verifyExport(env.ctx, out)).ok, 'a second verify is clean');

    // Editing the manifest along with the files does not hide them: its signature no longer matches.
    fs.writeFileSync(path.join(out, 'index.html'), '<!DOCTYPE html><title>hacked</title>');
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    const { createHash } = await import('node:crypto');
    const forged = Buffer.from('<!DOCTYPE html><title>hacked</title>');
    manifest.files['index.html'] = { sha256: createHash('sha256').update(forged).digest('hex'), size: forged.length };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    const tampered = await verifyExport(env.ctx, out);
    assert.equal(tampered.manifestStatus, 'invalid');
    assert.deepEqual(
      [tampered.added, tampered.changed, tampered.missing],
      [[], [], []],
      'the forged manifest agrees with the files…',
    );
    assert.equal(tampered.ok, false, '…but is reported');

    const repaired = await restoreExport(env.ctx, out);
    assert.equal(repaired.mode, 'republish', 'a forged manifest is never trusted');
    assert.deepEqual(repaired.replaced, ['index.html']);
    assert.ok(repaired.after.ok);
    assert.equal(repaired.after.manifestStatus, 'valid');
    assert.deepEqual(read('index.html'), (await served('/')).rawPayload);

    const actions = await env.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'export.%')
      .where('id', '>', Number(auditBefore))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['export.tamper', 'export.restore', 'export.restore'],
      "the CLI's finding and both repairs are audited",
    );
  });

  it('restores from the current database when the published content changed since the export', async () => {
    const newer = await publishNews('市政务办开展政务服务“好差评”专项检查');
    fs.rmSync(path.join(out, 'index.html'));
    const restored = await restoreExport(env.ctx, out);
    assert.equal(restored.mode, 'republish');
    assert.ok(restored.created.includes('index.html'));
    assert.ok(restored.created.includes(`gzdt/bmdt/${newer}.html`), 'the newly published page is written too');
    assert.ok(restored.after.ok);
    assert.match(read('index.html').toString('utf8'), /好差评/);
  });

  it('the watch job alerts the security administrators, once per incident, and restores when configured', async () => {
    await staff(env.ctx, 'sec1', ['sec_admin']);
    const secSession = await login(env.app, 'sec1');
    assert.equal((await runExportWatch(env.ctx)).status, 'off', 'nothing registered yet');

    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => {
      lines.push(args.join(' '));
    };
    try {
      assert.equal(
        await exportCommand(
          env.ctx,
          { out, baseUrl: BASE, watch: true },
          () => undefined,
          () => undefined,
        ),
        0,
      );
    } finally {
      console.log = log;
    }
    assert.match(lines.join('\n'), /已登记防篡改监测/);
    assert.equal(await readSetting<string>(env.ctx.db, WATCH_DIR_SETTING), out);
    assert.equal((await runExportWatch(env.ctx)).status, 'intact');

    fs.writeFileSync(path.join(out, 'gzdt', 'index.html'), '<h1>篡改</h1>');
    const first = await runExportWatch(env.ctx);
    assert.equal(first.status, 'alerted');
    assert.deepEqual(first.report!.changed, ['gzdt/index.html']);
    const tamper = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export.tamper')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(tamper.outcome, 'failure');
    assert.deepEqual(JSON.parse(tamper.detail).changed, ['gzdt/index.html']);

    const rows = await env.ctx.db.selectFrom('notifications').selectAll().where('kind', '=', 'tamper').execute();
    assert.equal(rows.filter((r) => r.user_id === null && r.department_id === null).length, 1, 'one for the site');
    const mine = await call(env.app, secSession, 'GET', '/api/notifications');
    assert.equal(mine.statusCode, 200);
    const alerts = (mine.json().items as { kind: string; title: string; body: string }[]).filter(
      (n) => n.kind === 'tamper',
    );
    assert.equal(alerts.length, 1, 'the security administrator sees it');
    assert.match(alerts[0]!.title, /网页防篡改告警/);
    assert.match(alerts[0]!.body, /gzdt\/index\.html/);

    // The same, unhandled difference ten minutes later is not reported again.
    env.clock.advance(10 * MINUTE);
    assert.equal((await runExportWatch(env.ctx)).status, 'known');
    assert.equal(
      (await env.ctx.db.selectFrom('notifications').select('id').where('kind', '=', 'tamper').execute()).length,
      rows.length,
    );

    // With export.autoRestore the job repairs the directory itself.
    await writeSetting(env.ctx.db, AUTO_RESTORE_SETTING, true, env.clock.now().toISOString());
    const repaired = await runExportWatch(env.ctx);
    assert.equal(repaired.restore?.after.ok, true);
    assert.ok((await verifyExport(env.ctx, out)).ok);
    assert.equal((await runExportWatch(env.ctx)).status, 'intact');

    // A new incident after the repair is reported again, and repaired at once.
    fs.writeFileSync(path.join(out, 'evil.html'), 'x');
    env.clock.advance(10 * MINUTE);
    const again = await runExportWatch(env.ctx);
    assert.equal(again.status, 'alerted');
    assert.deepEqual(again.restore?.removed, ['evil.html']);
    assert.equal(fs.existsSync(path.join(out, 'evil.html')), false);
    const later = (await call(env.app, secSession, 'GET', '/api/notifications'))
      .json()
      .items.filter((n: { kind: string }) => n.kind === 'tamper');
    assert.equal(later.length, 2);
    assert.match(later[0].body, /已按发布版本自动恢复/);
  });

  it('refuses to export into a directory that is not an export', async () => {
    const other = path.join(root, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'keep.txt'), 'x');
    await assert.rejects(exportSite(env.ctx, { out: other }), /不是本平台的导出目录/);
    assert.ok(fs.existsSync(path.join(other, 'keep.txt')));
  });
});
