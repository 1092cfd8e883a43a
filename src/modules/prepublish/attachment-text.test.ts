import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import { FONT_FILES } from '../../platform/pdf.ts';
import {
  AttachmentTexts,
  extractAttachmentText,
  uncheckedNote,
  WARM_UP_PDF,
  type AttachmentText,
} from './attachment-text.ts';
import { docx, pptx, zip } from './fixtures/office.ts';
import { TextOut, ZipArchive, parseXml } from './zip-xml.ts';
import type { Dictionaries } from './prepublish.schema.ts';
import { runPrepublishChecks } from './prepublish.service.ts';

// 11010519491231002X is a checksum-valid resident ID number.
const ID = '11010519491231002X';

function pdf(
  pages: string[],
  options: PDFKit.PDFDocumentOptions = {},
  draw?: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ autoFirstPage: false, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.registerFont('cn', FONT_FILES.regular);
    for (const text of pages) doc.addPage().font('cn').fontSize(12).text(text);
    if (draw) draw(doc.addPage());
    doc.end();
  });
}

/**
 * A PDF as many Chinese systems write it (iText and the like): the standard font STSong-Light, not embedded,
 * encoding UniGB-UCS2-H and no ToUnicode map. Its text can be read only with the Adobe-GB1 CMaps.
 */
function standardFontPdf(text: string): Buffer {
  const hex = Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
  const content = `BT /F1 12 Tf 50 700 Td <${hex}> Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** The signature of a compound file (legacy .doc / .wps), padded to a sector. */
const CFB = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

/** The ZIP without its end-of-central-directory record. */
const corrupted = (file: Buffer) => Buffer.from(file).fill(0, file.length - 22);

const partAt = (r: AttachmentText, needle: string) => {
  const at = r.text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${JSON.stringify(r.text)}`);
  return r.parts.filter((p) => p.offset <= at).at(-1)?.label;
};

describe('attachment text: formats', () => {
  it('reads a .docx: body and tables, a text box once, header and comments as parts; no field codes or deleted text', async () => {
    const file = docx(
      ['关于开展2026年度窗口评议工作的通知', `姓名\t身份证号`, `张三\t${ID}`, '请于12月1日前报送 <评议表> & 汇总表'],
      {
        header: '南江市政务服务管理办公室',
        comment: '请核对手机号码13812345678',
        textBox: '文本框中的说明',
        deleted: '已删除的台湾国',
      },
    );
    const r = await extractAttachmentText(file, { name: '通知.docx' });
    assert.equal(r.format, 'docx');
    assert.equal(r.coverage, 'full');
    assert.match(r.text, /^关于开展2026年度窗口评议工作的通知\n/);
    assert.ok(r.text.includes(ID));
    assert.ok(r.text.includes('请于12月1日前报送 <评议表> & 汇总表'), 'entities decoded, runs joined');
    assert.equal(r.text.split('文本框中的说明').length, 2, 'the VML fallback copy is not read twice');
    assert.ok(!r.text.includes('台湾国'), 'deleted revisions are not text');
    assert.ok(!r.text.includes('HYPERLINK'), 'field codes are not text');
    assert.ok(!r.text.includes('\t'), 'tab stops in paragraph properties add no tab');
    assert.equal(partAt(r, '张三'), undefined, 'the body is not a named part');
    assert.equal(partAt(r, '南江市政务服务管理办公室'), '页眉');
    assert.equal(partAt(r, '13812345678'), '批注');
  });

  it('reads a .xlsx written by exceljs: every sheet by name, shared and rich strings, numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('联系人名单');
    ws.addRow(['姓名', '手机', '备注']);
    ws.addRow(['李四', 13812345678, { richText: [{ text: '再接' }, { text: '再励', font: { bold: true } }] }]);
    ws.addRow(['王五', ID, '']);
    const hidden = wb.addWorksheet('隐藏表');
    hidden.state = 'hidden';
    hidden.getCell('C3').value = '隐藏表中的台湾国';
    const r = await extractAttachmentText(Buffer.from(await wb.xlsx.writeBuffer()), { name: '名单.xlsx' });
    assert.equal(r.format, 'xlsx');
    assert.equal(r.coverage, 'full');
    assert.ok(r.text.includes(`姓名\t手机\t备注\n李四\t13812345678\t再接再励\n王五\t${ID}`), r.text);
    assert.equal(partAt(r, '李四'), '工作表“联系人名单”');
    assert.equal(partAt(r, '台湾国'), '工作表“隐藏表”', 'hidden sheets are in the file, so they are read');
  });

  it('reads a .pptx in presentation order with its notes', async () => {
    const file = pptx(
      [['第一张：工作概况'], ['第二张：下一步安排'], ['第三张：联系方式\n电话：88888888']],
      [undefined, `备注：联系人身份证号${ID}`],
      [3, 1, 2],
    );
    const r = await extractAttachmentText(file, { name: '汇报.pptx' });
    assert.equal(r.format, 'pptx');
    assert.deepEqual(
      r.text.split('\n').filter((l) => l.startsWith('第')),
      ['第一张：工作概况', '第二张：下一步安排', '第三张：联系方式'],
    );
    assert.equal(partAt(r, '下一步安排'), '第 2 张幻灯片');
    assert.equal(partAt(r, ID), '第 2 张幻灯片的备注');
    assert.doesNotMatch(r.text, /^\d+$/m, 'the slide number placeholder of the notes page is dropped');
    assert.ok(r.text.endsWith('第三张：联系方式\n电话：88888888'), 'a line break within a paragraph');
  });

  it('reads a PDF page by page, also with the standard Chinese fonts (CMaps)', async () => {
    const r = await extractAttachmentText(await pdf(['关于做好年底工作的通知', `联系人身份证号 ${ID}`]), {
      name: '通知.pdf',
    });
    assert.equal(r.format, 'pdf');
    assert.equal(r.coverage, 'full');
    assert.equal(partAt(r, '通知'), '第 1 页');
    assert.equal(partAt(r, ID), '第 2 页');
    const standard = await extractAttachmentText(standardFontPdf(`禁用词测试，身份证号${ID}`), { name: '表格.pdf' });
    assert.equal(standard.text, `禁用词测试，身份证号${ID}`);
  });

  it('reads plain text and CSV in UTF-8, GBK and UTF-16', async () => {
    const text = '姓名,电话\n张三,13812345678';
    for (const [bytes, label] of [
      [Buffer.from(text), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8 with BOM'],
      [iconv.encode(text, 'gbk'), 'gbk'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16'],
    ] as const) {
      const r = await extractAttachmentText(bytes, { name: '名单.csv', mime: 'text/csv' });
      assert.equal(r.text, text, label);
      assert.equal(r.format, 'text');
    }
  });

  it('says why a file gives no text', async () => {
    const cases: [Buffer, string, AttachmentText['format'], RegExp][] = [
      [PNG, '示意图.png', 'image', /图片/],
      [CFB, '旧版通知.doc', 'legacy-office', /旧版 Office\/WPS/],
      [zip({ 'a.txt': '压缩包里的台湾国' }), '材料.zip', 'archive', /压缩包/],
      [docx([]), '空白.docx', 'docx', /没有可提取的文字/],
      [await pdf([], {}, (doc) => doc.rect(50, 50, 200, 100).fill('#888')), '扫描件.pdf', 'pdf', /扫描件/],
      [await pdf(['机密'], { userPassword: 'secret', ownerPassword: 'owner' }), '加密.pdf', 'pdf', /密码/],
      [Buffer.from('%PDF-1.4\nnot really a pdf'), '损坏.pdf', 'pdf', /损坏/],
      [corrupted(docx(['正文'])), '损坏.docx', 'other', /损坏/],
    ];
    for (const [bytes, name, format, reason] of cases) {
      const r = await extractAttachmentText(bytes, { name });
      assert.equal(r.coverage, 'none', name);
      assert.equal(r.text, '', name);
      assert.match(r.reason ?? '', reason, name);
      if (format !== 'other') assert.equal(r.format, format, name);
      assert.match(uncheckedNote(r) ?? '', /^此附件未能检查：.+请人工核对/, name);
    }
  });
});

describe('attachment text: guards', () => {
  const paragraph = '<w:p><w:r><w:t>一段正文，共十个字。</w:t></w:r></w:p>';
  const big = zip({
    '_rels/.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<w:document xmlns:w="urn:w"><w:body>${paragraph.repeat(200_000)}</w:body></w:document>`,
  });

  it('inflates no more than the budget (a zip bomb is cut, not swallowed) and keeps what it read', async () => {
    assert.ok(big.length < 200_000, `the fixture compresses well (${big.length} bytes for ~10 MB)`);
    const r = await extractAttachmentText(big, { name: '大文件.docx' }, { maxUnzippedBytes: 1024 * 1024 });
    assert.equal(r.coverage, 'partial');
    assert.match(r.reason!, /解压后的内容超过 1 MB/);
    assert.ok(r.text.startsWith('一段正文'));
    assert.ok(
      r.text.length < 200_000,
      `${r.text.length} characters from 1 MB of XML, not the 2.2 million of the whole`,
    );
    assert.match(uncheckedNote(r)!, /^此附件只检查了一部分/);
  });

  it('keeps at most the text limit', async () => {
    const r = await extractAttachmentText(big, { name: '大文件.docx' }, { maxTextLength: 5000 });
    assert.equal(r.coverage, 'partial');
    assert.equal(r.text.length, 5000);
    assert.match(r.reason!, /文字超过 5000 字，只检查了前 5000 字/);
  });

  it('stops at the deadline', async () => {
    const r = await extractAttachmentText(
      big,
      { name: '大文件.docx' },
      { deadline: Date.now() - 1, timeLimitMs: 3000 },
    );
    assert.equal(r.coverage, 'none');
    assert.match(r.reason!, /超过 3 秒/);
    assert.equal(r.transient, true, 'a timeout is not cached');
  });

  it('parses hostile XML without stalling and expands no entity a document declares', () => {
    const started = Date.now();
    let opened = 0;
    parseXml(`<x>${'<a b="'.repeat(200_000)}${'<!--'.repeat(100_000)}`, { open: () => void opened++ });
    assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
    assert.ok(opened > 0);
    // A billion-laughs document: its entities are left unexpanded, so its text stays small.
    const laughs = `<!DOCTYPE d [<!ENTITY a "${'哈'.repeat(10)}">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`,
    ).join('')}]><d>&${'b'.repeat(9)};</d>`;
    let text = '';
    parseXml(laughs, {
      text: (t) => {
        text += t;
      },
    });
    assert.ok(text.length < 100, `${text.length} characters`);
  });

  // A high-ratio archive: a document part of 64 MB (mostly spaces) deflates to about 64 KB.
  const BOMB_SIZE = 64 * 1024 * 1024;
  const head = Buffer.from('<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>开头</w:t></w:r></w:p>');
  const body = Buffer.alloc(BOMB_SIZE, 0x20);
  head.copy(body);
  const part = { deflated: zlib.deflateRawSync(body), size: BOMB_SIZE };
  const officeRels =
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

  it('inflates a high-ratio part only up to the budget and stops there (a zip bomb costs no more)', async () => {
    const bomb = zip({ '_rels/.rels': officeRels, 'word/document.xml': part });
    assert.ok(bomb.length < 200_000, `${bomb.length} bytes hold 64 MB`);
    const archive = await ZipArchive.open(bomb);
    const out = new TextOut(1_000_000, 1024 * 1024, Date.now() + 60_000);
    await archive.xml('word/document.xml', out, {});
    archive.close();
    assert.equal(out.unzipLeft, 0, 'inflated exactly the budget, not a byte more');
    assert.match(out.partial.join(), /解压后的内容超过 1 MB/);
    const r = await extractAttachmentText(bomb, { name: '大文件.docx' }, { maxUnzippedBytes: 1024 * 1024 });
    assert.equal(r.text, '开头');
    assert.equal(r.coverage, 'partial');
  });

  it('refuses a part that inflates past the size its directory entry declares, as soon as it does', async () => {
    const honest = zip({ '_rels/.rels': officeRels, 'word/document.xml': part });
    const lying = declareSize(honest, 'word/document.xml', 1000);
    const archive = await ZipArchive.open(lying);
    const out = new TextOut(1_000_000, 128 * 1024 * 1024, Date.now() + 60_000);
    await assert.rejects(archive.xml('word/document.xml', out, {}), /比它声明的大小更大/);
    archive.close();
    const inflated = out.maxUnzippedBytes - out.unzipLeft;
    assert.ok(inflated < 256 * 1024, `refused after ${inflated} bytes of 64 MB`);
    const r = await extractAttachmentText(lying, { name: '炸弹.docx' });
    assert.equal(r.coverage, 'none');
    assert.match(uncheckedNote(r)!, /此附件未能检查：文件中的压缩数据比它声明的大小更大/);
  });
});

describe('attachment text: the cached worker', () => {
  it('extracts on a worker thread, once per file id', async (t) => {
    const texts = new AttachmentTexts();
    t.after(() => texts.close());
    let reads = 0;
    const file = {
      id: 7,
      original_name: '通知.docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: 1000,
    };
    const read = async () => {
      reads++;
      return docx(['联系电话13812345678']);
    };
    const [a, b] = await Promise.all([texts.textOf(file, read), texts.textOf(file, read)]);
    assert.equal(a.text, '联系电话13812345678');
    assert.deepEqual(b, a);
    assert.deepEqual(await texts.textOf(file, read), a);
    assert.equal(reads, 1, 'cached by id');
    const pdfFile = { id: 8, original_name: '表格.pdf', mime: 'application/pdf', size: 1000 };
    assert.equal((await texts.textOf(pdfFile, async () => standardFontPdf(`身份证号${ID}`))).text, `身份证号${ID}`);
  });

  it('warms up by reading a PDF on the worker (loads what the first attachment would wait for), caching nothing', async (t) => {
    assert.equal((await extractAttachmentText(WARM_UP_PDF, { name: 'warm-up.pdf' })).text, 'warm-up');
    const texts = new AttachmentTexts();
    t.after(() => texts.close());
    assert.ok((await texts.warm()) >= 0);
    const file = { id: 1, original_name: '通知.docx', mime: 'application/octet-stream', size: 1000 };
    assert.equal(texts.isCached(1), false);
    assert.equal((await texts.textOf(file, async () => docx(['正文']))).text, '正文');
  });

  it('ends a job past its time limit and does not cache that; refuses files over the size cap unread', async (t) => {
    const texts = new AttachmentTexts({ timeLimitMs: 1 });
    t.after(() => texts.close());
    const file = { id: 9, original_name: '通知.docx', mime: 'x', size: 1000 };
    const r = await texts.textOf(file, async () => docx(['正文']));
    assert.equal(r.coverage, 'none');
    assert.match(r.reason!, /仍未完成/);
    assert.equal(texts.isCached(9), false);
    let read = false;
    const huge = await texts.textOf(
      { id: 10, original_name: '超大.pdf', mime: 'application/pdf', size: 51 * 1024 * 1024 },
      async () => {
        read = true;
        return Buffer.alloc(0);
      },
    );
    assert.match(huge.reason!, /超过 50 MB/);
    assert.equal(read, false);
  });

  it('keeps a small bounded cache', async () => {
    const texts = new AttachmentTexts({ cacheEntries: 2, inThread: true });
    const file = (id: number) => ({ id, original_name: `${id}.txt`, mime: 'text/plain', size: 10 });
    for (const id of [1, 2, 3]) await texts.textOf(file(id), async () => Buffer.from(`第${id}个`));
    assert.deepEqual(
      [1, 2, 3].map((id) => texts.isCached(id)),
      [false, true, true],
    );
  });
});

describe('attachment findings', () => {
  const dictionaries: Dictionaries = {
    forbidden: ['台湾国'],
    errorProne: [{ wrong: '再接再励', right: '再接再厉' }],
    leaders: [],
  };

  it('name the attachment and the page; an attachment not checked gets a warn note, never a block', async () => {
    const pages = await extractAttachmentText(
      await pdf(['第一页没有问题', `第二页出现了台湾国的说法，联系人身份证号${ID}`]),
      { name: '方案.pdf' },
    );
    const image = await extractAttachmentText(PNG, { name: '示意图.png' });
    const result = runPrepublishChecks(
      {
        title: '关于印发实施方案的通知',
        bodyHtml: '<p>详见附件。</p>',
        attachments: [
          { name: '方案.pdf', text: pages.text, parts: pages.parts, unchecked: uncheckedNote(pages) },
          { name: '示意图.png', text: image.text, parts: image.parts, unchecked: uncheckedNote(image) },
        ],
      },
      { dictionaries },
      [],
      { today: new Date('2026-06-01T00:00:00Z') },
    );
    const forbidden = result.findings.find((f) => f.check === 'forbidden-word')!;
    assert.equal(forbidden.field, 'attachment:方案.pdf');
    assert.equal(forbidden.where, '第 2 页');
    assert.match(forbidden.excerpt, /出现了台湾国的说法/);
    const id = result.findings.find((f) => f.check === 'id-number')!;
    assert.equal(id.where, '第 2 页');
    assert.ok(!id.excerpt.includes(ID), 'masked in the excerpt');
    const note = result.findings.find((f) => f.check === 'attachment-unchecked')!;
    assert.deepEqual(
      { field: note.field, severity: note.severity, confirmable: note.confirmable, length: note.length },
      { field: 'attachment:示意图.png', severity: 'warn', confirmable: false, length: 0 },
    );
    assert.match(note.message, /图片/);
    assert.equal(
      result.findings.filter((f) => f.check === 'attachment-unchecked').length,
      1,
      'the PDF was fully checked',
    );
    assert.deepEqual(result.counts, { block: 2, warn: 1 });
  });

  it('list a finding repeated in an attachment once, at its first place, with the count', () => {
    const row = (i: number) => `第${i}组\t再接再励，争创佳绩\t联系电话13812345678\n`;
    const text = Array.from({ length: 500 }, (_, i) => row(i + 1)).join('');
    const result = runPrepublishChecks(
      {
        title: '通报',
        bodyHtml: '<p>再接再励</p><p>再接再励</p>',
        attachments: [{ name: '汇总表.xlsx', text, parts: [{ offset: 0, label: '工作表“汇总”' }] }],
      },
      { dictionaries },
    );
    const inBody = result.findings.filter((f) => f.field === 'body');
    assert.equal(inBody.length, 2, 'the body still lists every place');
    const attached = result.findings.filter((f) => f.field === 'attachment:汇总表.xlsx');
    assert.deepEqual(
      attached.map((f) => [f.check, f.occurrences, f.offset]),
      [
        ['error-prone', 500, text.indexOf('再接再励')],
        ['mobile', 500, text.indexOf('138')],
      ],
    );
    assert.match(attached[0].message, /此附件中共 500 处/);
    assert.equal(result.blocking, true);
    const confirmed = runPrepublishChecks(
      { title: '通报', bodyHtml: '', attachments: [{ name: '汇总表.xlsx', text }] },
      { dictionaries },
      [attached[1].key],
    );
    assert.equal(confirmed.blocking, false, 'one confirmation covers every occurrence');
  });
});

/** The same ZIP with `name`'s uncompressed size declared as `size` (central directory and local header). */
function declareSize(bytes: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(bytes);
  for (let p = 0; p + 46 <= out.length; p++) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + nameLength) !== name) continue;
    out.writeUInt32LE(size, p + 24);
    out.writeUInt32LE(size, out.readUInt32LE(p + 42) + 22);
    return out;
  }
  throw new Error(`no entry ${name}`);
}
