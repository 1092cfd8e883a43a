// Reads that may be answered by PostgreSQL streaming replicas (DATABASE_REPLICA_URLS): searches and public page
// renders that miss the cache. Replicas are taken in turn, checked every second (down ones are skipped until they
// answer again), and a read a replica fails (it went away, or cancelled the statement for a recovery conflict)
// is run again on the primary, so a replica leaving never fails a request. Writes, and every read that must see
// its own writes, stay on the primary: only work passed to read() goes to a replica.
//
// Freshness: a replica is used only once it has replayed the primary's write-ahead log past the fence — the
// primary's position after the latest change this node knows of (its own publications at once; other nodes'
// through the publication generation, see portal/generation.ts). A cached page rendered from a replica therefore
// never misses a publication that happened before it; a lagging replica simply is not used.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.ts';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export type ReadSource = 'primary' | 'replica';

export interface ReplicaStatus {
  /** The replica's address without its password. */
  name: string;
  healthy: boolean;
  /** Write-ahead log replayed ('X/Y'), as last seen. */
  replayed: string | null;
  reads: number;
  failures: number;
  lastError: string | null;
}

export interface ReadReplicaOptions {
  /** How often each replica is checked (ms); 1000 unless a test says otherwise. */
  checkIntervalMs?: number;
  /** Connections per replica. */
  poolSize?: number;
}

/** '16/B374D848' → a comparable number. */
export function lsnValue(lsn: string | null | undefined): bigint {
  if (!lsn) return 0n;
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** Connection-level failures: the replica is marked down until a check finds it answering again. */
const CONNECTION_ERRORS = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|terminated|timeout|Connection|not queryable/i;
const isConnectionFailure = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return (
    (typeof e?.code === 'string' && /^(08|57P)/.test(e.code)) ||
    CONNECTION_ERRORS.test(`${e?.code ?? ''} ${e?.message ?? ''}`)
  );
};

class Replica {
  readonly db: Db;
  healthy = false;
  replayed = 0n;
  replayedText: string | null = null;
  reads = 0;
  failures = 0;
  lastError: string | null = null;
  /** When the replay position was last read (performance.now()). */
  lookedAt = 0;

  constructor(
    readonly name: string,
    url: string,
    poolSize: number,
  ) {
    const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 2000 });
    // A connection the replica closes must not crash the process: pg emits 'error' on an idle pooled client
    // (the pool's event) and on a checked-out client between two statements of a transaction (the client's own
    // event, with no listener of the pool's). The statement in flight fails as usual and read() retries.
    pool.on('error', (error) => this.down(error));
    pool.on('connect', (client) => client.on('error', (error) => this.down(error)));
    this.db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }

  down(error: unknown): void {
    this.healthy = false;
    this.failures += 1;
    this.lastError = (error as Error)?.message ?? String(error);
  }

  /** Reads whether it is a standby and how far it has replayed; false when it does not answer as one. */
  async look(): Promise<boolean> {
    try {
      const r = await sql<{
        standby: boolean;
        lsn: string | null;
      }>`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn`.execute(this.db);
      const row = r.rows[0];
      this.lookedAt = performance.now();
      if (!row?.standby || !row.lsn) {
        // Promoted, or not a standby at all: it no longer follows the primary's data.
        this.healthy = false;
        this.lastError = 'not a standby';
        return false;
      }
      this.healthy = true;
      this.replayed = lsnValue(row.lsn);
      this.replayedText = row.lsn;
      return true;
    } catch (error) {
      this.down(error);
      return false;
    }
  }
}

export class ReadReplicas {
  private readonly replicas: Replica[];
  private next = 0;
  /** The primary's write-ahead log position every replica read must have replayed; null until first needed. */
  private fence: bigint | null = null;
  private fencing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private primaryReads = 0;

  constructor(
    private readonly primary: Db,
    urls: string[],
    private readonly options: ReadReplicaOptions = {},
  ) {
    this.replicas = urls.map((url, i) => new Replica(redact(url, i), url, options.poolSize ?? 10));
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** Starts the periodic checks (the first one at once). */
  async start(): Promise<void> {
    if (!this.enabled || this.timer) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs ?? 1000);
    this.timer.unref();
  }

  async check(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.look()));
  }

  /**
   * Runs read-only work on a replica that is up and has replayed past the fence (the next in turn), else on the
   * primary. Work a replica fails is run again on the primary. `replica: false` keeps this read on the primary.
   */
  async read<T>(work: (db: Db, source: ReadSource) => Promise<T>, options: { replica?: boolean } = {}): Promise<T> {
    const replica = options.replica === false ? null : await this.pick();
    if (!replica) {
      this.primaryReads += 1;
      return work(this.primary, 'primary');
    }
    try {
      const result = await work(replica.db, 'replica');
      replica.reads += 1;
      return result;
    } catch (error) {
      // A refusal of the request itself would be the same on the primary.
      if (error instanceof AppError) throw error;
      if (isConnectionFailure(error)) replica.down(error);
      else replica.lastError = (error as Error)?.message ?? String(error);
      this.primaryReads += 1;
      return work(this.primary, 'primary');
    }
  }

  /**
   * After a change readers must see (a publication, another node's change noticed): replicas serve reads again
   * once they have replayed the primary's log up to here.
   */
  advanceFence(): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    const run = (async () => {
      const r = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(this.primary);
      const lsn = lsnValue(r.rows[0]?.lsn);
      if (this.fence === null || lsn > this.fence) this.fence = lsn;
    })();
    this.fencing = run.catch(() => undefined);
    return run;
  }

  private async pick(): Promise<Replica | null> {
    if (!this.enabled) return null;
    // The first read waits for the primary's position: until then nothing says how fresh a replica must be.
    if (this.fence === null) await (this.fencing ?? this.advanceFence().catch(() => undefined));
    const fence = this.fence;
    if (fence === null) return null;
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.next++ % this.replicas.length]!;
      if (!replica.healthy) continue;
      if (replica.replayed >= fence) return replica;
      // Behind as last seen: look again, at most every 50 ms per replica (a paused replica costs no round trip
      // per request).
      if (performance.now() - replica.lookedAt > 50 && (await replica.look()) && replica.replayed >= fence)
        return replica;
    }
    return null;
  }

  status(): { primaryReads: number; replicas: ReplicaStatus[] } {
    return {
      primaryReads: this.primaryReads,
      replicas: this.replicas.map((r) => ({
        name: r.name,
        healthy: r.healthy,
        replayed: r.replayedText,
        reads: r.reads,
        failures: r.failures,
        lastError: r.lastError,
      })),
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.replicas.map((r) => r.db.destroy().catch(() => undefined)));
  }
}

/** host:port/database of a connection string, for logs and status (never the password). */
function redact(url: string, index: number): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return `replica ${index + 1}`;
  }
}
