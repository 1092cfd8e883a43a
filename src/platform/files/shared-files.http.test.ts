// Several app nodes on one PostgreSQL database: a file uploaded through node A is served by node B, which has
// its own (empty) data directory. The embedded SQLite installation is one node by design, so this runs on
// PostgreSQL only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testEnv, staff, login, mainSiteId, TEST_PG_URL } from '../../../test/helpers.ts';
import { createContext } from '../../context.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../config.ts';
import { openPostgres } from '../db/database.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a file uploaded on node A is served by node B (two nodes, one PostgreSQL database)', {
  skip: TEST_PG_URL ? false : 'needs TEST_DATABASE_URL (PostgreSQL): SQLite installations are one node',
}, async (t) => {
  const a = await testEnv();
  const dataDirB = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-node-b-'));
  t.after(() => fs.rmSync(dataDirB, { recursive: true, force: true }));
  // Node B shares the database and the audit key (copied to every node), nothing else.
  const configB = loadConfig({}, { dataDir: dataDirB, logLevel: 'silent', auditKeyFile: a.config.auditKeyFile });
  const ctxB = await createContext(configB, {
    dbh: openPostgres(a.ctx.dbh.url!, 2),
    migrate: false,
    clock: a.clock,
  });
  const appB = await buildApp(ctxB, { logger: false });
  t.after(async () => {
    await appB.close();
    await ctxB.close();
    await a.close();
  });

  await staff(a.ctx, 'ed1', ['editor'], '综合处');
  const session = await login(a.app, 'ed1');
  const boundary = '----govportalnodes';
  const res = await a.app.inject({
    method: 'POST',
    url: `/api/sites/${await mainSiteId(a.ctx)}/files`,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="示意图.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  assert.equal(res.statusCode, 200, res.body);
  const served = await appB.inject({ method: 'GET', url: res.json().url, headers: { cookie: session.cookie } });
  assert.equal(served.statusCode, 200, served.body);
  assert.deepEqual(served.rawPayload, PNG);
  assert.equal(fs.readdirSync(dataDirB).length, 0, 'node B wrote nothing to its own disk');
});
