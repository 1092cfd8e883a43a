import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { MAX_DATA_FILE_BYTES, assertSize, readTable } from './table-file.ts';
import { inferType, parseCell } from './column-types.ts';

/** What a clerk's Excel saves as “CSV（逗号分隔）” on a Chinese Windows: GBK, CRLF, no BOM. */
const GBK_CSV = iconv.encode(
  '月份,受理件数,办结件数,按时办结率,备注\r\n2026年1月,"1,204",1198,99.5,\r\n2026年2月,986,980,99.39,春节假期\r\n2026年3月,1310,1302,99.4,"含""一件事""套餐"\r\n',
  'gbk',
);

async function refused(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code, error.message);
    return error.message;
  }
  assert.fail(`expected ${code}`);
}

test('a GBK CSV without a BOM is read: header, quoted cells, thousands separators, types guessed', async () => {
  const table = await readTable(GBK_CSV, '2026年一季度办件量.csv');
  assert.equal(table.encoding, 'gb18030');
  assert.deepEqual(table.header, ['月份', '受理件数', '办结件数', '按时办结率', '备注']);
  assert.equal(table.rows.length, 3);
  assert.deepEqual(table.rows[0], ['2026年1月', '1,204', '1198', '99.5', null]);
  assert.equal(table.rows[2][4], '含"一件事"套餐');
  const types = table.header.map((name, i) =>
    inferType(
      name,
      table.rows.map((r) => r[i]),
    ),
  );
  assert.deepEqual(types, ['month', 'integer', 'integer', 'number', 'text']);
  assert.equal(parseCell('1,204', 'integer'), 1204);
  assert.equal(parseCell('2026年1月', 'month'), '2026-01');
});

test('UTF-8 with and without a BOM, UTF-16 from “Unicode 文本”, tabs and semicolons', async () => {
  const text = '地区,人数\n南江区,12\n北岸区,30\n';
  for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
    const table = await readTable(bytes, 'a.csv');
    assert.deepEqual(table.header, ['地区', '人数']);
    assert.deepEqual(table.rows, [
      ['南江区', '12'],
      ['北岸区', '30'],
    ]);
  }
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('地区\t人数\r\n南江区\t12\r\n', 'utf-16le')]);
  const t16 = await readTable(utf16, 'b.txt');
  assert.equal(t16.encoding, 'utf-16le');
  assert.deepEqual(t16.rows, [['南江区', '12']]);
  assert.deepEqual((await readTable(Buffer.from('a;b\n1;2\n'), 'c.csv')).rows, [['1', '2']]);
});

test('malformed CSV is refused in Chinese with its line', async () => {
  assert.equal(
    await refused(readTable(Buffer.from('名称,数量\n"南江,1\n北岸,2\n'), 'x.csv'), 'DATASET_CSV_MALFORMED'),
    'CSV 格式错误：第 2 行的引号没有闭合',
  );
  assert.match(
    await refused(readTable(Buffer.from('名称,数量\n南江,1,多余\n'), 'x.csv'), 'DATASET_CSV_MALFORMED'),
    /^CSV 格式错误：第 2 行有 3 个单元格，比表头的 2 列多/,
  );
  assert.match(
    await refused(readTable(Buffer.from('名称,数量\n南"江,1\n'), 'x.csv'), 'DATASET_CSV_MALFORMED'),
    /第 2 行的单元格中间出现引号/,
  );
  assert.equal(
    await refused(readTable(Buffer.from('名称,,数量\n南江,1,2\n'), 'x.csv'), 'DATASET_HEADER_INVALID'),
    '表头有误：第 2 列没有列名（第一行须是表头）',
  );
  assert.equal(
    await refused(readTable(Buffer.from('名称,名称\n1,2\n'), 'x.csv'), 'DATASET_HEADER_INVALID'),
    '表头有误：列名“名称”重复',
  );
  assert.match(await refused(readTable(Buffer.from('名称,数量\n'), 'x.csv'), 'DATASET_EMPTY'), /只有表头/);
});

test('wrong encodings, binary files and other types are refused; a 100 MB file is refused by its size alone', async () => {
  // Latin-1 bytes that are neither UTF-8 nor GBK.
  assert.match(
    await refused(
      readTable(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xff, 0x2c, 0x31, 0x0a]), 'x.csv'),
      'DATASET_ENCODING',
    ),
    /既不是 UTF-8 也不是 GBK 编码/,
  );
  assert.match(await refused(readTable(Buffer.from([0x61, 0x00, 0x62]), 'x.csv'), 'DATASET_ENCODING'), /二进制/);
  assert.equal(
    await refused(readTable(Buffer.from('%PDF-1.4'), '统计表.pdf'), 'DATASET_FILE_TYPE'),
    '只能上传 CSV 或 XLSX 格式的数据文件，“统计表.pdf”不是',
  );
  assert.throws(
    () => assertSize(100 * 1024 * 1024),
    (e: unknown) =>
      e instanceof AppError &&
      e.code === 'DATASET_FILE_TOO_LARGE' &&
      e.message === '数据文件过大（100.0 MB），单个数据文件不能超过 20.0 MB，请拆分后分版本上传',
  );
  assert.doesNotThrow(() => assertSize(MAX_DATA_FILE_BYTES));
});

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Sheet1'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('XLSX: the first sheet with its header; dates, formulas and numbers read as shown', async () => {
  const bytes = await xlsx((sheet) => {
    sheet.addRow(['日期', '窗口', '受理件数', '合计']);
    sheet.addRow([new Date(Date.UTC(2026, 0, 5)), '综合窗口', 120, { formula: 'C2*2', result: 240 }]);
    sheet.addRow([new Date(Date.UTC(2026, 0, 6)), '社保窗口', 98, { formula: 'C3*2', result: 196 }]);
    sheet.addRow([]);
  });
  const table = await readTable(bytes, '窗口业务量.xlsx');
  assert.equal(table.kind, 'xlsx');
  assert.deepEqual(table.header, ['日期', '窗口', '受理件数', '合计']);
  assert.deepEqual(table.rows, [
    ['2026-01-05', '综合窗口', '120', '240'],
    ['2026-01-06', '社保窗口', '98', '196'],
  ]);
});

test('XLSX with merged header cells (a title row over the table) is refused with the cells named', async () => {
  const bytes = await xlsx((sheet) => {
    sheet.addRow(['2026年政务服务办件量统计表']);
    sheet.mergeCells('A1:C1');
    sheet.addRow(['月份', '受理件数', '办结件数']);
    sheet.addRow(['2026-01', 1204, 1198]);
  });
  assert.equal(
    await refused(readTable(bytes, '办件量.xlsx'), 'DATASET_XLSX_MERGED'),
    'Excel 表头含合并单元格（A1:C1），请取消合并、让每列只有一个列名后再上传',
  );
  assert.match(
    await refused(readTable(Buffer.concat([bytes.subarray(0, 200)]), '坏.xlsx'), 'DATASET_XLSX_UNREADABLE'),
    /^Excel 文件无法读取：/,
  );
});
