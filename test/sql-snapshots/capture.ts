// SQL snapshots: the SQL every repository function sends, on SQLite and on PostgreSQL, written beside the repository
// (<dir>/__sql__/<name>.sqlite.sql and .postgres.sql) and reviewed like code, so a change of a query, or a query
// that compiles differently on the two dialects, shows in a diff.
//
// No database is needed: each exported function of every src/**/*.repository.ts whose first parameter is a Kysely
// executor is called with a Kysely instance whose driver records the compiled SQL and answers every query with one
// row in which every column reads 1. The other arguments are synthesised from the parameters' TypeScript types
// (every optional property filled in, to reach the branches that add conditions) unless cases.ts gives them.
//   node --import tsx test/sql-snapshots/capture.ts --write    (npm run sql:snapshots)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';
import { CASES, type Case } from './cases.ts';
import { formatSql } from './format.ts';

export type SqlDialect = 'sqlite' | 'postgres';
export const DIALECTS: SqlDialect[] = ['sqlite', 'postgres'];
const DIALECT_NAMES: Record<SqlDialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** A function that issues more queries than this in one call is stopped (a loop over the canned answer). */
const QUERY_LIMIT = 40;

// ───────────────────────────── recording database ─────────────────────────────

class Recorder {
  statements: string[] = [];

  record(statement: string): void {
    if (this.statements.length >= QUERY_LIMIT) throw new Error(`more than ${QUERY_LIMIT} queries`);
    this.statements.push(statement);
  }
}

/** Every column of the canned row reads 1 (a number that also parses as JSON and as a count). */
const cannedRow = (): Record<string, unknown> =>
  new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => (typeof key === 'symbol' || key === 'then' || key === 'toJSON' ? undefined : 1),
  });

class RecordingConnection implements DatabaseConnection {
  constructor(private readonly recorder: Recorder) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    this.recorder.record(compiled.sql);
    return { rows: [cannedRow() as R], numAffectedRows: 1n, insertId: 1n };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    this.recorder.record(compiled.sql);
    yield { rows: [cannedRow() as R] };
  }
}

class RecordingDriver implements Driver {
  private readonly connection: RecordingConnection;

  constructor(private readonly recorder: Recorder) {
    this.connection = new RecordingConnection(recorder);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(_c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const options = [
      settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
      settings.accessMode ?? '',
    ].filter(Boolean);
    this.recorder.record(['begin', ...options].join(' '));
  }
  async commitTransaction(): Promise<void> {
    this.recorder.record('commit');
  }
  async rollbackTransaction(): Promise<void> {
    this.recorder.record('rollback');
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

function recordingDatabase(dialect: SqlDialect, recorder: Recorder): Kysely<Database> {
  const postgres = dialect === 'postgres';
  const config: Dialect = {
    createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
    createDriver: () => new RecordingDriver(recorder),
    createIntrospector: (db) => (postgres ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
    createQueryCompiler: () => (postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
  };
  return new Kysely<Database>({ dialect: config });
}

// ───────────────────────────── arguments from types ─────────────────────────────

const DATE_LIKE = /(At|_at|date|Date|since|until|before|after|day|Day|from|to|time|Time)$/;
const FIXED_DATE = '2026-01-01T00:00:00.000Z';

class ArgumentSynthesiser {
  constructor(
    private readonly checker: ts.TypeChecker,
    /** The dialect being captured: what a parameter typed 'sqlite' | 'postgres' receives. */
    private readonly dialect: SqlDialect,
  ) {}

  value(type: ts.Type, name: string, depth = 0): unknown {
    const { checker } = this;
    if (depth > 6) return undefined;
    const flags = type.flags;
    if (type.isUnion()) return this.union(type, name, depth);
    if (type.isStringLiteral() || type.isNumberLiteral()) return type.value;
    if (flags & ts.TypeFlags.BooleanLiteral) return (type as { intrinsicName?: string }).intrinsicName === 'true';
    if (flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return DATE_LIKE.test(name) ? FIXED_DATE : 'text';
    if (flags & ts.TypeFlags.Number) return 1;
    if (flags & ts.TypeFlags.Boolean) return true;
    if (flags & ts.TypeFlags.BigInt) return 1n;
    if (flags & ts.TypeFlags.Null) return null;
    if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return undefined;
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return 1;
    if (type.getCallSignatures().length) return async () => undefined;
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      return element ? [this.value(element, name.replace(/s$/, ''), depth + 1)] : [];
    }
    const symbolName = (type.aliasSymbol ?? type.getSymbol())?.getName();
    const typeArguments = checker.getTypeArguments(type as ts.TypeReference) ?? [];
    if (symbolName === 'Date') return new Date(FIXED_DATE);
    if (symbolName === 'Buffer' || symbolName === 'Uint8Array') return Buffer.from('data');
    if (symbolName === 'Set' || symbolName === 'ReadonlySet')
      return new Set(typeArguments.length ? [this.value(typeArguments[0]!, name, depth + 1)] : []);
    if (symbolName === 'Map' || symbolName === 'ReadonlyMap')
      return new Map(
        typeArguments.length === 2
          ? [[this.value(typeArguments[0]!, name, depth + 1), this.value(typeArguments[1]!, name, depth + 1)]]
          : [],
      );
    if (symbolName === 'Promise') return Promise.resolve(undefined);
    return Object.fromEntries(
      checker.getPropertiesOfType(type).map((property) => {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        const propertyType = declaration
          ? checker.getTypeOfSymbolAtLocation(property, declaration)
          : checker.getTypeOfSymbol(property);
        return [
          property.getName(),
          this.value(checker.getNonNullableType(propertyType), property.getName(), depth + 1),
        ];
      }),
    );
  }

  /** One member, chosen the same way on every run: the smallest literal, or the first type by its name. */
  private union(type: ts.UnionType, name: string, depth: number): unknown {
    const members = type.types.filter(
      (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)),
    );
    if (members.length === 0) return null;
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return true;
    if (members.every((t) => t.isStringLiteral() || t.isNumberLiteral())) {
      const values = members.map((t) => (t as ts.LiteralType).value).sort();
      if (values.join() === [...DIALECTS].sort().join()) return this.dialect;
      return values[0];
    }
    const byName = [...members].sort((a, b) =>
      this.checker.typeToString(a).localeCompare(this.checker.typeToString(b)),
    );
    return this.value(byName[0]!, name, depth);
  }
}

// ───────────────────────────── repositories ─────────────────────────────

export interface RepositoryFunction {
  name: string;
  /** Argument lists after the database, each with a label ('' for the synthesised one). */
  cases: ((dialect: SqlDialect) => Case)[];
}

export interface Repository {
  file: string;
  /** Key of cases.ts entries: the file name without `.repository.ts`, e.g. `content` → `content.listItems`. */
  key: string;
  functions: RepositoryFunction[];
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full);
    return e.name.endsWith('.repository.ts') ? [full] : [];
  });
}

export const repositoryFiles = (root = 'src'): string[] => walk(root).sort();

const keyOf = (file: string) => path.basename(file).replace(/\.repository\.ts$/, '');

/** Reads the exported functions of every repository and how to call them. */
export function discover(files = repositoryFiles()): Repository[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    'tsconfig.json',
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram(files, parsed.options);
  const checker = program.getTypeChecker();
  return files.map((file) => {
    const source = program.getSourceFile(path.resolve(file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file}: not a module`);
    const key = keyOf(file);
    const functions: RepositoryFunction[] = [];
    for (const symbol of checker.getExportsOfModule(module)) {
      const declaration = symbol.valueDeclaration;
      if (!declaration) continue;
      const [signature] = checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures();
      const [first, ...rest] = signature?.getParameters() ?? [];
      if (!signature || !first) continue;
      const firstType = checker.getTypeOfSymbolAtLocation(first, first.valueDeclaration ?? declaration);
      if (!checker.getPropertyOfType(checker.getNonNullableType(firstType), 'selectFrom')) continue;
      const name = symbol.getName();
      const given = CASES[`${key}.${name}`];
      const synthesised = (dialect: SqlDialect): Case => ({
        label: '',
        args: rest.map((p) =>
          new ArgumentSynthesiser(checker, dialect).value(
            checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(p, p.valueDeclaration ?? declaration)),
            p.getName(),
          ),
        ),
      });
      functions.push({ name, cases: given ? given.map((c) => () => c) : [synthesised] });
    }
    functions.sort((a, b) => a.name.localeCompare(b.name));
    return { file, key, functions };
  });
}

// ───────────────────────────── capture and files ─────────────────────────────

const errorLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

async function capture(fn: (...args: unknown[]) => unknown, dialect: SqlDialect, args: unknown[]) {
  const recorder = new Recorder();
  const db = recordingDatabase(dialect, recorder);
  let stopped: string | null = null;
  try {
    const result = await fn(db, ...args);
    const compile = (result as { compile?: () => CompiledQuery } | null)?.compile;
    if (typeof compile === 'function') recorder.record(compile.call(result).sql);
    // A generator of rows: read a few (enough to see the query of the next batch), then stop it.
    if (result && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      for (let i = 0; i < 3; i++) if ((await iterator.next()).done) break;
      await iterator.return?.();
    }
  } catch (error) {
    stopped = errorLine(error);
  }
  await db.destroy();
  return { statements: [...new Set(recorder.statements)], stopped };
}

export const snapshotPath = (file: string, dialect: SqlDialect) =>
  path.join(path.dirname(file), '__sql__', `${keyOf(file)}.${dialect}.sql`);

async function render(repository: Repository, dialect: SqlDialect): Promise<string> {
  const module = (await import(pathToFileURL(path.resolve(repository.file)).href)) as Record<string, unknown>;
  const blocks = [
    `-- The SQL of ${repository.file.split(path.sep).join('/')} on ${DIALECT_NAMES[dialect]}, one block per exported function.\n` +
      '-- Generated by `npm run sql:snapshots` (test/sql-snapshots); review changes to this file like code.\n',
  ];
  for (const fn of repository.functions) {
    for (const makeCase of fn.cases) {
      const { label, args } = makeCase(dialect);
      const { statements, stopped } = await capture(module[fn.name] as (...a: unknown[]) => unknown, dialect, args);
      const title = `-- ${fn.name}${label ? ` (${label})` : ''}`;
      const body = statements.map((s) => `${formatSql(s)};`).join('\n');
      const note = stopped ? `\n-- stopped here: ${stopped}` : '';
      blocks.push(`${title}\n${body || '-- (no query)'}${note}\n`);
    }
  }
  return blocks.join('\n');
}

/** The snapshot files as they should be: path → text. */
export async function expectedSnapshots(repositories = discover()): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const repository of repositories) {
    for (const dialect of DIALECTS) out.set(snapshotPath(repository.file, dialect), await render(repository, dialect));
  }
  return out;
}

/** Snapshot files on disk (every __sql__ folder under src). */
export function existingSnapshots(root = 'src'): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (path.basename(dir) === '__sql__' && e.name.endsWith('.sql')) found.push(full);
    }
  };
  visit(root);
  return found.sort();
}

/** What differs between the files on disk and the expected snapshots. */
export function compare(expected: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, text] of expected) {
    if (!fs.existsSync(file)) problems.push(`missing  ${file}`);
    else if (fs.readFileSync(file, 'utf8') !== text) problems.push(`differs  ${file}`);
  }
  for (const file of existingSnapshots()) if (!expected.has(file)) problems.push(`stale    ${file}`);
  return problems;
}

async function main(): Promise<void> {
  const expected = await expectedSnapshots();
  if (!process.argv.includes('--write')) {
    const problems = compare(expected);
    for (const p of problems) console.log(p);
    process.exitCode = problems.length ? 1 : 0;
    return;
  }
  for (const file of existingSnapshots()) if (!expected.has(file)) fs.rmSync(file);
  let written = 0;
  for (const [file, text] of expected) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written++;
    console.log(`wrote ${file}`);
  }
  console.log(`${expected.size} SQL snapshots, ${written} changed`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
