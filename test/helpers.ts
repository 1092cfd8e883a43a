// Test fixtures: every test file gets its own fresh database — a temporary SQLite file, or, when
// TEST_DATABASE_URL points at a PostgreSQL server, a freshly created PostgreSQL database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { openPostgres, openSqlite, type DatabaseHandle } from '../src/platform/db/database.ts';
import { createContext, type AppContext } from '../src/context.ts';
import { buildApp } from '../src/app.ts';
import type { App } from '../src/platform/http.ts';
import { ManualClock, type Clock } from '../src/platform/time.ts';
import { createSiteWithAnnex1, initDemo } from '../src/modules/setup/setup.service.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.service.ts';
import type { Role } from '../src/platform/auth/roles.ts';
import type { Mailer } from '../src/platform/mail.ts';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL || null;
export const DIALECT = TEST_PG_URL ? 'postgres' : 'sqlite';

export interface TestDatabase {
  dbh: DatabaseHandle;
  dataDir: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-test-'));
  if (!TEST_PG_URL) {
    const dbh = openSqlite(path.join(dataDir, 'test.sqlite'));
    return {
      dbh,
      dataDir,
      drop: async () => {
        await dbh.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `gp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const dbh = openPostgres(url.toString(), 4);
  return {
    dbh,
    dataDir,
    drop: async () => {
      await dbh.close();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      // pg's pool resolves end() before its sockets are closed; a forced drop would then kill backends whose
      // clients still listen and raise an uncaught error. Wait for them to leave first (force is the fallback).
      for (let i = 0; i < 50; i++) {
        const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestEnv {
  ctx: AppContext;
  app: App;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

/**
 * A fresh installation. By default it has the demo site with 附件1's departments and columns but no content
 * (fast); `demoContent: true` seeds the full demo (staff, content, register, subordinate site) as `npm start` does.
 */
export async function testEnv(
  options: {
    clock?: ManualClock;
    demo?: boolean;
    demoContent?: boolean;
    mailer?: Mailer;
    config?: Partial<Config>;
  } = {},
): Promise<TestEnv> {
  const tdb = await freshDatabase();
  const clock = options.clock ?? new ManualClock();
  const config = loadConfig(
    {},
    {
      dataDir: tdb.dataDir,
      logLevel: 'silent',
      auditKeyFile: path.join(tdb.dataDir, 'keys', 'audit.key'),
      // Test sites are fixtures on loopback: allowed to the inspection engine as an installation would allow them.
      inspectAllow: ['127.0.0.1', '::1', 'localhost'],
      ...options.config,
    },
  );
  const ctx = await createContext(config, { dbh: tdb.dbh, clock: clock as Clock, mailer: options.mailer });
  if (options.demoContent) await initDemo(ctx);
  else if (options.demo !== false) await createSiteWithAnnex1(ctx);
  const app = await buildApp(ctx, { logger: false });
  return {
    ctx,
    app,
    clock,
    config,
    close: async () => {
      await app.close();
      await ctx.search.idle();
      await tdb.drop();
    },
  };
}

export const TEST_PASSWORD = 'Init-Passw0rd!';
export const CHANGED_PASSWORD = 'Changed-Passw0rd#2';

/** Creates a staff account whose password is already changed, so it can work at once. */
export async function staff(
  ctx: AppContext,
  username: string,
  roles: Role[],
  departmentName?: string,
  siteId: number | null = null,
) {
  let departmentId: number | null = null;
  if (departmentName) {
    const dep = await ctx.db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', departmentName)
      .executeTakeFirstOrThrow();
    departmentId = dep.id;
  }
  const { user } = await ctx.users.create(
    SYSTEM_ACTOR,
    {
      username,
      displayName: `测试${username}`,
      departmentId,
      email: null,
      roles: roles.map((role) => ({ role, siteId })),
    },
    { byOperator: true, password: TEST_PASSWORD },
  );
  await ctx.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  return user;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(app: App, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gp_session');
  return { cookie: `gp_session=${cookie!.value}`, csrf: res.json().csrfToken };
}

export async function call(app: App, session: Session | null, method: string, url: string, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

export async function mainSiteId(ctx: AppContext): Promise<number> {
  return (await ctx.db.selectFrom('sites').select('id').where('code', '=', 'main').executeTakeFirstOrThrow()).id;
}

export async function columnByName(ctx: AppContext, name: string, parentName?: string) {
  const tree = await ctx.columns.tree(await mainSiteId(ctx));
  const found = tree.flat.find(
    (c) => c.name === name && (!parentName || tree.byId.get(c.parentId ?? -1)?.name === parentName),
  );
  if (!found) throw new Error(`column ${name} not found`);
  return found;
}
