// Writes generated items straight into content_items and published_items, as publication would leave them,
// for the quality set and the benchmark (the publish workflow itself is exercised in search.test.ts).
import type { AppContext } from '../../../context.ts';
import type { ContentSnapshot, TypeFields } from '../../content/content-types.ts';
import { plainText } from '../../content/sanitize.ts';
import type { CorpusItem } from './corpus.ts';

export interface LoadedItem extends CorpusItem {
  id: number;
  siteId: number;
  columnId: number;
}

/** Inserts the items as published in the site; returns them with their content ids. */
export async function loadCorpus(
  ctx: AppContext,
  siteId: number,
  items: CorpusItem[],
  onProgress?: (done: number, total: number) => void,
): Promise<LoadedItem[]> {
  const tree = await ctx.columns.tree(siteId);
  const byPath = new Map(tree.flat.map((c) => [c.path, c.id]));
  let userId = (await ctx.db.selectFrom('users').select('id').orderBy('id').executeTakeFirst())?.id;
  if (userId === undefined) {
    userId = (
      await ctx.db
        .insertInto('users')
        .values({
          username: 'corpus',
          display_name: '语料',
          password_hash: '-',
          must_change_password: 0,
          password_changed_at: '2026-01-01T00:00:00.000Z',
          failed_logins: 0,
          disabled: 0,
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const out: LoadedItem[] = [];
  const BATCH = 500;
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    await ctx.db.transaction().execute(async (trx) => {
      const rows = batch.map((item) => {
        const columnId = byPath.get(item.column);
        if (!columnId) throw new Error(`no column ${item.column}`);
        return { item, columnId };
      });
      const ids = await trx
        .insertInto('content_items')
        .values(
          rows.map(({ item, columnId }) => ({
            site_id: siteId,
            column_id: columnId,
            type: item.type,
            status: 'published',
            title: item.title,
            subtitle: '',
            source: '',
            author: '',
            summary: item.summary,
            keywords: '',
            cover_file_id: null,
            body_html: item.bodyHtml,
            index_no: null,
            sort: 0,
            department_id: null,
            publish_at: null,
            withdraw_at: null,
            withdrawn_at: null,
            withdraw_reason: null,
            fields: JSON.stringify(item.fields),
            created_by: userId!,
            version: 1,
            published_version: 1,
            first_published_at: item.pubDate,
            last_published_at: item.pubDate,
            created_at: item.pubDate,
            updated_at: item.pubDate,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('published_items')
        .values(
          rows.map(({ item, columnId }, i) => {
            const snapshot: ContentSnapshot = {
              type: item.type,
              columnId,
              extraColumnIds: [],
              title: item.title,
              subtitle: '',
              source: '',
              author: '',
              summary: item.summary,
              keywords: '',
              coverFileId: null,
              bodyHtml: item.bodyHtml,
              fields: item.fields as TypeFields,
              attachments: [],
              policyIds: [],
              sort: 0,
            };
            return {
              content_id: ids[i]!.id,
              site_id: siteId,
              column_id: columnId,
              type: item.type,
              title: item.title,
              summary: item.summary || plainText(item.bodyHtml).slice(0, 120),
              pub_date: item.pubDate,
              updated_at: null,
              version: 1,
              body_public: 1 as const,
              index_no: null,
              doc_number: item.fields.docNumber ?? null,
              issuing_organ: item.fields.issuingOrgan ?? null,
              written_date: item.fields.writtenDate ?? null,
              theme: item.fields.theme ?? null,
              validity: item.fields.validity ?? null,
              sort: 0,
              snapshot: JSON.stringify(snapshot),
            };
          }),
        )
        .execute();
      for (const [i, { item, columnId }] of rows.entries()) out.push({ ...item, id: ids[i]!.id, siteId, columnId });
    });
    onProgress?.(Math.min(items.length, start + BATCH), items.length);
  }
  return out;
}
