// The open data API's rules: which data sets a request sees, filtered and paged; a version's rows with
// filters, sorting and pages; downloads in CSV, XLSX and JSON; chart SVGs. Reads only what is published.
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import type { DatasetReader, PublicDataset } from './datasets.public.ts';
import type { OpenDataset, OpenListQuery, RowsQuery, RowsResult } from './datasets.schema.ts';
import { parseConditions, rowObjects, selectRows, toCsv, toJson, toXlsx } from './table-data.ts';
import * as repo from './datasets.repository.ts';

export const OPEN_API = '/api/open/datasets';
export const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;
export type Format = keyof typeof FORMATS;

export const downloadUrl = (d: { id: number }, seq: number, format: Format) =>
  `${OPEN_API}/${d.id}/versions/${seq}/data.${format}`;
export const chartSvgUrl = (d: { id: number }, chartId: number) => `${OPEN_API}/${d.id}/charts/${chartId}.svg`;

/** The public page of a data set: its item's address in its column. */
export type PagePath = (d: PublicDataset) => Promise<string>;

export function openDataset(d: PublicDataset, url: string): OpenDataset {
  return {
    id: d.id,
    ...d.metadata,
    format: ['CSV', 'XLSX', 'JSON'],
    url,
    publishedAt: d.publishedAt,
    updatedAt: d.updatedAt,
    columns: d.columns,
    versions: d.versions.map((v) => ({
      version: v.seq,
      label: v.label,
      rowCount: v.rowCount,
      releasedAt: v.releasedAt,
      downloads: {
        csv: downloadUrl(d, v.seq, 'csv'),
        xlsx: downloadUrl(d, v.seq, 'xlsx'),
        json: downloadUrl(d, v.seq, 'json'),
      },
    })),
    charts: d.charts.map((c) => ({ id: c.id, title: c.title, kind: c.kind, svg: chartSvgUrl(d, c.id) })),
  };
}

/** A strong validator of a response body. */
export const etagOf = (body: string | Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

export class OpenDataService {
  private readonly downloads = new Map<string, Buffer>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly reader: DatasetReader,
    private readonly perMinute: number,
  ) {}

  async list(siteId: number | null, query: OpenListQuery, pagePath: PagePath) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const q = query.q?.trim();
    const all = (await this.reader.list(siteId)).filter(
      (d) =>
        (!query.theme || d.metadata.theme === query.theme) &&
        (!query.department || d.metadata.departmentName === query.department) &&
        (!q || [d.metadata.title, d.metadata.description, d.metadata.keywords].some((t) => t.includes(q))),
    );
    const items = [];
    for (const d of all.slice((page - 1) * pageSize, page * pageSize)) {
      const { columns: _c, charts: _ch, ...rest } = openDataset(d, await pagePath(d));
      items.push(rest);
    }
    return { total: all.length, page, pageSize, items };
  }

  async dataset(id: number, pagePath: PagePath): Promise<OpenDataset> {
    const d = await this.reader.require(id);
    return openDataset(d, await pagePath(d));
  }

  async rows(id: number, query: RowsQuery): Promise<RowsResult> {
    const d = await this.reader.require(id);
    const version = this.reader.version(d, query.version);
    const table = await this.reader.table(version);
    const sort = query.sort === undefined ? undefined : table.columns.findIndex((c) => c.name === query.sort);
    if (sort === -1) throw new AppError('DATASET_COLUMN_UNKNOWN', { column: query.sort! });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const selected = selectRows(table, {
      conditions: parseConditions(table.columns, query.filter ?? []),
      q: query.q,
      sort,
      order: query.order,
      page,
      pageSize,
    });
    return {
      dataset: d.id,
      version: version.seq,
      columns: table.columns,
      total: selected.total,
      page,
      pageSize,
      rows: rowObjects(table.columns, selected.rows),
    };
  }

  /** A version's file; made once per (version, format) and kept while this node runs (versions never change). */
  async download(id: number, seq: number, format: Format): Promise<{ body: Buffer; fileName: string }> {
    const d = await this.reader.require(id);
    const version = this.reader.version(d, seq);
    const fileName = `${d.metadata.title}_${version.label}.${format}`;
    const key = `${version.id}.${format}`;
    let body = this.downloads.get(key);
    if (!body) {
      const table = await this.reader.table(version);
      body =
        format === 'csv'
          ? toCsv(table)
          : format === 'xlsx'
            ? await toXlsx(table, version.label)
            : toJson(
                {
                  dataset: d.id,
                  identifier: d.metadata.identifier,
                  title: d.metadata.title,
                  version: version.seq,
                  label: version.label,
                  releasedAt: version.releasedAt,
                },
                table,
              );
      if (this.downloads.size > 200) this.downloads.delete(this.downloads.keys().next().value!);
      this.downloads.set(key, body);
    }
    return { body, fileName };
  }

  async chartSvg(id: number, chartId: number): Promise<string> {
    const d = await this.reader.require(id);
    return (await this.reader.chart(d, chartId)).svg;
  }

  /**
   * Counts a request of `ip` in the current minute (shared by every node through the database) and says
   * whether it is within the limit, with the numbers for the RateLimit headers.
   */
  async admit(ip: string): Promise<{ allowed: boolean; limit: number; remaining: number; resetSeconds: number }> {
    const now = this.clock.now().getTime();
    const windowStart = new Date(Math.floor(now / 60_000) * 60_000);
    const count = await repo.countRequest(this.db, `ip:${ip}`, windowStart.toISOString());
    const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now) / 1000));
    return {
      allowed: count <= this.perMinute,
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - count),
      resetSeconds,
    };
  }

  prune(): Promise<void> {
    return repo.pruneCounters(this.db, new Date(this.clock.now().getTime() - 10 * 60_000).toISOString());
  }
}
