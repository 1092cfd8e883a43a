// Child process of kill9.faults.test.ts: an app node on a data directory that keeps publishing items through the
// review workflow (`publish`) or uploading files (`upload`), printing each one the moment the API confirmed it.
// The parent kills it with SIGKILL at a random moment and checks that nothing confirmed is lost and nothing is
// half-written.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/context.ts';
import { buildApp } from '../../src/app.ts';
import { createSiteWithAnnex1 } from '../../src/modules/setup/setup.service.ts';
import { draftNews, publishThroughReview, team } from '../workflow.ts';

const [mode, dataDir, keyFile] = process.argv.slice(2) as ['publish' | 'upload', string, string];
const config = loadConfig({}, { dataDir, logLevel: 'silent', auditKeyFile: keyFile });
const ctx = await createContext(config);
await createSiteWithAnnex1(ctx);
const app = await buildApp(ctx, { logger: false });
const t = await team(app, ctx);
process.stdout.write('READY\n');

for (let n = 1; ; n++) {
  if (mode === 'publish') {
    const item = await draftNews(app, ctx, t, `第${n}期政务服务工作简报`);
    await publishThroughReview(app, t, item.id);
    process.stdout.write(`PUBLISHED ${item.id}\n`);
  } else {
    // A few megabytes each, so the kill often lands in the middle of a write.
    const bytes = Buffer.from(`第${n}号附件\n${randomBytes(1536 * 1024).toString('base64')}\n`);
    const boundary = `----kill${n}`;
    const res = await app.inject({
      method: 'POST',
      url: `/api/sites/${t.siteId}/files`,
      headers: {
        cookie: t.editor.cookie,
        'x-csrf-token': t.editor.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="附件${n}.txt"\r\nContent-Type: text/plain\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    if (res.statusCode !== 200) throw new Error(`upload ${n}: ${res.statusCode} ${res.body}`);
    process.stdout.write(
      `UPLOADED ${res.json().id} ${(await import('node:crypto')).createHash('sha256').update(bytes).digest('hex')}\n`,
    );
  }
}
