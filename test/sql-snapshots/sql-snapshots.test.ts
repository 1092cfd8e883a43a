// The committed SQL snapshots (src/**/__sql__/*.sql) are what the repositories compile to today, on both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CASES } from './cases.ts';
import { compare, discover, expectedSnapshots } from './capture.ts';

test('the SQL snapshots of every repository are current on SQLite and PostgreSQL', async () => {
  const repositories = discover();
  for (const repository of repositories)
    assert.ok(repository.functions.length > 0, `${repository.file}: no exported function takes a database first`);
  const known = new Set(repositories.flatMap((r) => r.functions.map((f) => `${r.key}.${f.name}`)));
  assert.deepEqual(
    Object.keys(CASES).filter((key) => !known.has(key)),
    [],
    'test/sql-snapshots/cases.ts names functions no repository exports',
  );
  const problems = compare(await expectedSnapshots(repositories));
  assert.deepEqual(problems, [], 'the SQL changed: run `npm run sql:snapshots` and review the diff of the .sql files');
});
