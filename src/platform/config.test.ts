import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError, VARIABLES } from './config.ts';

test('defaults: port 3000 on :: (dual-stack), embedded SQLite under ./data', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '::');
  assert.equal(c.databaseUrl, null);
  assert.match(c.dataDir, /data$/);
  assert.equal(c.auditRetentionDays, 184);
});

test('environment overrides are validated with a clear message', () => {
  assert.equal(loadConfig({ PORT: '8080', HOST: '127.0.0.1' }).port, 8080);
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl, 'postgres://u@h/db');
  assert.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /postgres/);
  assert.throws(() => loadConfig({ GOVPORTAL_AUDIT_RETENTION_DAYS: '30' }), /180/);
  assert.throws(() => loadConfig({ GOVPORTAL_SECURE_COOKIES: 'maybe' }), /true 或 false/);
});

test('every variable is documented in the README and .env.example', async () => {
  const fs = await import('node:fs');
  const readme = fs.readFileSync('README.md', 'utf8');
  const example = fs.readFileSync('.env.example', 'utf8');
  for (const v of VARIABLES) {
    assert.ok(readme.includes(`\`${v.name}\``), `README documents ${v.name}`);
    assert.ok(example.includes(v.name), `.env.example lists ${v.name}`);
  }
});

test('GOVPORTAL_WORKERS: one per CPU by default, a number, or auto', async () => {
  const os = await import('node:os');
  assert.equal(loadConfig({}).workers, Math.min(64, os.availableParallelism()));
  assert.equal(loadConfig({ GOVPORTAL_WORKERS: '1' }).workers, 1);
  assert.equal(loadConfig({ GOVPORTAL_WORKERS: '4' }).workers, 4);
  assert.equal(loadConfig({ GOVPORTAL_WORKERS: 'auto' }).workers, Math.min(64, os.availableParallelism()));
  assert.throws(() => loadConfig({ GOVPORTAL_WORKERS: '0' }), /GOVPORTAL_WORKERS/);
  assert.throws(() => loadConfig({ GOVPORTAL_WORKERS: 'many' }), /GOVPORTAL_WORKERS/);
});

test('the audit key lives beside the data directory, not in it; the worker index is read here too', () => {
  const c = loadConfig({ GOVPORTAL_DATA_DIR: '/srv/govportal/data' });
  assert.equal(c.auditKeyFile, '/srv/govportal/data.keys/audit.key');
  assert.equal(
    loadConfig({ GOVPORTAL_AUDIT_KEY_FILE: '/etc/govportal/audit.key' }).auditKeyFile,
    '/etc/govportal/audit.key',
  );
  assert.equal(c.workerIndex, null);
  assert.equal(loadConfig({ GOVPORTAL_WORKER_INDEX: '1' }).workerIndex, 1);
  assert.deepEqual(loadConfig({ GOVPORTAL_INSPECT_ALLOW: ' 10.0.0.0/8, Intranet.Example.gov.cn ' }).inspectAllow, [
    '10.0.0.0/8',
    'intranet.example.gov.cn',
  ]);
});
