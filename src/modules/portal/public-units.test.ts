// Pure pieces of the public site: file labels, the published-item index, the page parameter, and content
// negotiation of compressed responses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hrefs } from './html-testing.ts';
import { fileSizeLabel, fileTypeLabel, pageParam } from './public-pages.ts';
import { negotiate } from './compression.ts';
import type { IndexedItem } from './public-content.repository.ts';
import { PublicIndex } from './public-index.ts';
import type { PublicColumn } from './views/types.ts';

describe('public site units', () => {
  it('labels files by type and size', () => {
    assert.equal(fileTypeLabel('application/pdf'), 'PDF文档');
    assert.equal(fileTypeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'Word文档');
    assert.equal(fileTypeLabel('application/msword'), 'Word文档');
    assert.equal(fileTypeLabel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 'Excel表格');
    assert.equal(fileTypeLabel('application/vnd.ms-excel'), 'Excel表格');
    assert.equal(fileTypeLabel('image/png'), '图片');
    assert.equal(fileTypeLabel('application/octet-stream'), '文件');
    assert.equal(fileSizeLabel(500), '0.5 KB');
    assert.equal(fileSizeLabel(12_345), '12.1 KB');
    assert.equal(fileSizeLabel(3_456_789), '3.30 MB');
  });

  it('keeps the index in list order and applies a publication or withdrawal to it', () => {
    const col = (id: number, path: string, columnType = '动态要闻', children: PublicColumn[] = []) =>
      ({ id, path, columnType, kind: 'list', children, parentId: null }) as unknown as PublicColumn;
    const child = col(2, '/a/b/');
    const leaders = col(3, '/ldxx/', '领导信息');
    const parent = col(1, '/a/', '动态要闻', [child]);
    const columns = new Map([
      [1, parent],
      [2, child],
      [3, leaders],
    ]);
    const item = (id: number, columnId: number, pubDate: string, extra: number[] = [], sort = 0): IndexedItem => ({
      id,
      siteId: 1,
      columnId,
      columnIds: [columnId, ...extra],
      type: 'article',
      title: `t${id}`,
      summary: '',
      pubDate,
      updatedAt: null,
      bodyPublic: true,
      indexNo: null,
      docNumber: null,
      issuingOrgan: null,
      writtenDate: null,
      theme: null,
      validity: null,
      sort,
    });
    const index = new PublicIndex(
      [
        item(1, 2, '2026-01-01T00:00:00.000Z'),
        item(2, 2, '2026-03-01T00:00:00.000Z', [1]),
        item(3, 99, '2026-04-01T00:00:00.000Z'),
        item(4, 3, '2026-01-01T00:00:00.000Z', [], 2),
        item(5, 3, '2026-02-01T00:00:00.000Z', [], 1),
      ],
      columns,
    );
    assert.deepEqual(
      index.inColumn(2).map((i) => i.id),
      [2, 1],
      'newest first',
    );
    assert.deepEqual(
      index.inColumn(1).map((i) => i.id),
      [2],
      'also published to column 1',
    );
    assert.deepEqual(
      index.inSubtree(parent).map((i) => i.id),
      [2, 1],
    );
    assert.deepEqual(
      index.inColumn(3).map((i) => i.id),
      [5, 4],
      'leaders by sort',
    );
    assert.equal(index.byId.has(3), false, 'an item whose column is not public is not public');
    assert.equal(index.path(index.byId.get(2)!), '/a/b/2.html');
    const added = index.with(6, item(6, 2, '2026-05-01T00:00:00.000Z'));
    assert.deepEqual(
      added.inColumn(2).map((i) => i.id),
      [6, 2, 1],
    );
    assert.deepEqual(
      added
        .with(2, undefined)
        .inSubtree(parent)
        .map((i) => i.id),
      [6, 1],
    );
    assert.deepEqual(
      index.inColumn(2).map((i) => i.id),
      [2, 1],
      'the old index is unchanged',
    );
  });

  it('reads ?page strictly', () => {
    assert.equal(pageParam(null), 1);
    assert.equal(pageParam('3'), 3);
    for (const bad of ['0', '-1', '1.5', 'abc', '01', '9999999']) assert.equal(pageParam(bad), null, bad);
  });

  it('negotiates br before gzip and honours q=0', () => {
    assert.equal(negotiate('gzip, deflate, br'), 'br');
    assert.equal(negotiate('gzip'), 'gzip');
    assert.equal(negotiate('br;q=0, gzip'), 'gzip');
    assert.equal(negotiate('gzip;q=0.5, br;q=0.4'), 'gzip');
    assert.equal(negotiate('*'), 'br');
    assert.equal(negotiate('identity'), null);
    assert.equal(negotiate(undefined), null);
    assert.equal(hrefs('<a href="/x">x</a>')[0], '/x');
  });
});
