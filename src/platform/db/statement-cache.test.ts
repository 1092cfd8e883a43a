import { test } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { StatementCache } from './statement-cache.ts';

function open(max?: number) {
  const connection = new SQLite(':memory:');
  const cache = new StatementCache(connection, max);
  const db = new Kysely<{ notes: { id: Generated<number>; text: string } }>({
    dialect: new SqliteDialect({ database: cache }),
  });
  return { connection, cache, db };
}

test('the same query runs from one compiled statement; different queries each get theirs, up to the bound', async () => {
  const { connection, cache, db } = open(3);
  const compiled: string[] = [];
  const prepare = connection.prepare.bind(connection);
  connection.prepare = ((text: string) => {
    compiled.push(text);
    return prepare(text);
  }) as typeof connection.prepare;
  await sql`create table notes (id integer primary key, text text)`.execute(db);
  for (const text of ['甲', '乙', '丙']) await db.insertInto('notes').values({ text }).execute();
  assert.equal(compiled.length, 2, 'the three inserts share one statement');
  for (let i = 0; i < 5; i++) await db.selectFrom('notes').selectAll().where('id', '=', 1).execute();
  assert.equal(compiled.length, 3, 'five selects, one compilation');
  const rows = await db.selectFrom('notes').select('text').orderBy('id').execute();
  assert.deepEqual(
    rows.map((r) => r.text),
    ['甲', '乙', '丙'],
  );
  for (let i = 0; i < 10; i++) await sql.raw(`select ${i} as n`).execute(db);
  assert.equal(cache.size, 3, 'ten different texts, at most the bound kept');
  await db.destroy();
});

test('a kept statement follows a change of the table (a migration adds a column)', async () => {
  const { db } = open();
  await sql`create table notes (id integer primary key, text text)`.execute(db);
  await db.insertInto('notes').values({ text: '一' }).execute();
  await db.insertInto('notes').values({ text: '二' }).execute();
  const read = () => sql<Record<string, unknown>>`select * from notes order by id`.execute(db);
  assert.deepEqual(Object.keys((await read()).rows[0]!), ['id', 'text']);
  await sql`alter table notes add column status text default '已发布'`.execute(db);
  assert.deepEqual((await read()).rows[0], { id: 1, text: '一', status: '已发布' }, 'the new column is read');

  await db.destroy();
});

test('a statement still being iterated is not handed out twice: the same SQL gets a fresh one meanwhile', () => {
  const connection = new SQLite(':memory:');
  const cache = new StatementCache(connection);
  connection.exec(
    "create table notes (id integer primary key, text text); insert into notes (text) values ('一'), ('二')",
  );
  const text = 'select text from notes order by id';
  const streaming = cache.prepare(text).iterate([]);
  assert.deepEqual(streaming.next().value, { text: '一' });
  assert.deepEqual(cache.prepare(text).all([]), [{ text: '一' }, { text: '二' }]);
  assert.deepEqual(streaming.next().value, { text: '二' });
  streaming.return?.();
  assert.deepEqual(cache.prepare(text).all([]), [{ text: '一' }, { text: '二' }], 'the kept one is free again');
  cache.close();
});

test('closing the cache closes the connection', () => {
  const { connection, cache } = open();
  cache.prepare('select 1').all([]);
  cache.close();
  assert.equal(connection.open, false);
});
