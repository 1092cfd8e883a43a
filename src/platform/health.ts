// What /healthz reports: the database answering, and — where the installation writes to the data directory
// (SQLite, files on disk) — the disk not full and the directory writable. Checked once a second in the background
// and answered from the last result, so a load balancer's probes cost nothing and answer at once under load.
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db, Dialect } from './db/database.ts';
import { unavailableCode } from './unavailable.ts';

export type ProblemCode = 'database-unavailable' | 'disk-full' | 'read-only' | 'data-dir-unwritable';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  dialect: Dialect;
  time: string;
  problems: { code: ProblemCode; message: string }[];
}

const MESSAGES: Record<ProblemCode, string> = {
  'database-unavailable': '数据库无法访问',
  'disk-full': '数据目录所在磁盘已满',
  'read-only': '数据目录为只读',
  'data-dir-unwritable': '数据目录无法写入',
};

/** Below this much free space the disk counts as full: SQLite and uploads fail well before 0 bytes. */
const MIN_FREE_BYTES = 16 * 1024 * 1024;
const CHECK_INTERVAL_MS = 1000;
const DATABASE_TIMEOUT_MS = 2000;

export interface HealthOptions {
  db: Db;
  dialect: Dialect;
  /** The directories this installation writes to (SQLite, files on disk); empty when it writes nothing (PostgreSQL). */
  dataDirs: readonly string[];
}

export class HealthMonitor {
  private last: HealthReport | null = null;
  private pending: Promise<HealthReport> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: HealthOptions) {}

  /**
   * The latest result at once: a probe never waits for the database or the disk, whatever the load. From the first
   * probe on, a check runs every second in the background, so the answer is at most about a second old.
   */
  async report(): Promise<HealthReport> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.refresh(), CHECK_INTERVAL_MS);
      this.timer.unref();
    }
    return this.last ?? this.refresh();
  }

  private refresh(): Promise<HealthReport> {
    this.pending ??= this.check().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs every check now. */
  async check(): Promise<HealthReport> {
    const problems: ProblemCode[] = [];
    const [database, ...dirs] = await Promise.all([
      this.checkDatabase(),
      ...this.options.dataDirs.map((dir) => this.checkDataDir(dir)),
    ]);
    for (const problem of [database, ...dirs]) if (problem && !problems.includes(problem)) problems.push(problem);
    this.last = {
      status: problems.length ? 'unavailable' : 'ok',
      dialect: this.options.dialect,
      time: new Date().toISOString(),
      problems: problems.map((code) => ({ code, message: MESSAGES[code] })),
    };
    return this.last;
  }

  private async checkDatabase(): Promise<ProblemCode | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), DATABASE_TIMEOUT_MS);
    });
    try {
      await Promise.race([sql`select 1`.execute(this.options.db), timeout]);
      return null;
    } catch (error) {
      const code = unavailableCode(error);
      return code === 'STORAGE_FULL'
        ? 'disk-full'
        : code === 'STORAGE_READ_ONLY'
          ? 'read-only'
          : 'database-unavailable';
    } finally {
      clearTimeout(timer);
    }
  }

  /** A small write that is removed again (a read-only directory fails here), then the free space. */
  private async checkDataDir(dir: string): Promise<ProblemCode | null> {
    try {
      await fs.mkdir(dir, { recursive: true });
      const probe = path.join(dir, `.healthz-${process.pid}`);
      const handle = await fs.open(probe, 'w');
      try {
        // Not flushed: a read-only or full file system refuses the write itself, and free space is read below.
        await handle.writeFile('ok');
      } finally {
        await handle.close();
        await fs.rm(probe, { force: true });
      }
      const stats = await fs.statfs(dir);
      return stats.bavail * stats.bsize < MIN_FREE_BYTES ? 'disk-full' : null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
      if (code === 'EROFS') return 'read-only';
      return 'data-dir-unwritable';
    }
  }
}
