// Plain text of Office Open XML files (.docx, .xlsx, .pptx) for the pre-publish checks, read with guards:
// a ZIP reader that inflates only the parts it needs, each through a streaming inflater that stops at the
// remaining byte budget (a zip bomb costs at most the budget), and a small XML tokenizer that takes the text
// elements and ignores the rest (formatting, revisions' deleted text, field codes, the duplicate fallback
// copies of text boxes). No DOM is built, so memory stays near the size of the parts read.
import zlib from 'node:zlib';

/** Why a file could not be read (Chinese, shown to the reviewer). */
export class ExtractError extends Error {}

/** The time limit passed: what was extracted so far is kept as a partial result. */
export class TimeUp extends Error {}

export interface TextPart {
  offset: number;
  label: string;
}

/** Collects the text of one file up to the limits, with the parts (page, slide, sheet) and why it is partial. */
export class TextOut {
  text = '';
  readonly parts: TextPart[] = [];
  /** Reasons the text is partial (Chinese). */
  readonly partial: string[] = [];
  full = false;
  unzipLeft: number;

  constructor(
    readonly maxTextLength: number,
    readonly maxUnzippedBytes: number,
    readonly deadline: number,
  ) {
    this.unzipLeft = maxUnzippedBytes;
  }

  checkTime(): void {
    if (Date.now() > this.deadline) throw new TimeUp();
  }

  note(reason: string): void {
    if (!this.partial.includes(reason)) this.partial.push(reason);
  }

  newline(): void {
    if (this.text.length > 0 && !this.text.endsWith('\n')) this.add('\n');
  }

  /** Starts a labelled part (“第 2 页”) on a new line. */
  part(label: string): void {
    if (this.full) return;
    this.newline();
    this.parts.push({ offset: this.text.length, label });
  }

  add(s: string): void {
    if (this.full || s.length === 0) return;
    const room = this.maxTextLength - this.text.length;
    if (s.length <= room) {
      this.text += s;
      return;
    }
    let cut = room;
    const code = s.charCodeAt(cut - 1);
    if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut--;
    this.text += s.slice(0, cut);
    this.full = true;
    this.note(tooLong(this.maxTextLength));
  }
}

/** “文字超过 200 万字，只检查了前 200 万字”. */
export function tooLong(maxTextLength: number): string {
  const n = maxTextLength >= 10000 ? `${Math.round(maxTextLength / 10000)} 万` : String(maxTextLength);
  return `文字超过 ${n} 字，只检查了前 ${n} 字`;
}

// ───────────────────────────── ZIP ─────────────────────────────

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MAX_ZIP_ENTRIES = 20_000;
const corrupt = () => new ExtractError('文件已损坏或不是有效的 Office 文档，无法读取');

/** The central directory of a ZIP file; parts are read one at a time, within the budget of a TextOut. */
export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly bytes: Buffer) {
    try {
      this.readDirectory();
    } catch (error) {
      if (error instanceof ExtractError) throw error;
      throw corrupt();
    }
  }

  private readDirectory(): void {
    const b = this.bytes;
    const min = Math.max(0, b.length - 22 - 0xffff);
    let e = b.length - 22;
    while (e >= min && b.readUInt32LE(e) !== 0x06054b50) e--;
    if (e < min) throw corrupt();
    let count = b.readUInt16LE(e + 10);
    let offset = b.readUInt32LE(e + 16);
    if ((count === 0xffff || offset === 0xffffffff) && e >= 20 && b.readUInt32LE(e - 20) === 0x07064b50) {
      const z = Number(b.readBigUInt64LE(e - 12));
      if (b.readUInt32LE(z) !== 0x06064b50) throw corrupt();
      count = Number(b.readBigUInt64LE(z + 32));
      offset = Number(b.readBigUInt64LE(z + 48));
    }
    if (count > MAX_ZIP_ENTRIES) throw new ExtractError(`压缩包内的条目超过 ${MAX_ZIP_ENTRIES} 个`);
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (b.readUInt32LE(p) !== 0x02014b50) throw corrupt();
      const nameLength = b.readUInt16LE(p + 28);
      const extraLength = b.readUInt16LE(p + 30);
      const commentLength = b.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: b.toString('utf8', p + 46, p + 46 + nameLength),
        flags: b.readUInt16LE(p + 8),
        method: b.readUInt16LE(p + 10),
        compressedSize: b.readUInt32LE(p + 20),
        size: b.readUInt32LE(p + 24),
        localOffset: b.readUInt32LE(p + 42),
      };
      if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
        // ZIP64 extra field: the 8-byte values, in this order, of those that are 0xFFFFFFFF.
        let x = p + 46 + nameLength;
        const end = x + extraLength;
        while (x + 4 <= end) {
          const id = b.readUInt16LE(x);
          const length = b.readUInt16LE(x + 2);
          if (id === 0x0001) {
            let v = x + 4;
            if (entry.size === 0xffffffff) (entry.size = Number(b.readBigUInt64LE(v))), (v += 8);
            if (entry.compressedSize === 0xffffffff) (entry.compressedSize = Number(b.readBigUInt64LE(v))), (v += 8);
            if (entry.localOffset === 0xffffffff) entry.localOffset = Number(b.readBigUInt64LE(v));
            break;
          }
          x += 4 + length;
        }
      }
      // OPC part names are case-insensitive.
      this.entries.set(entry.name.replace(/^\/+/, '').toLowerCase(), entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** Part names (as stored). */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  /**
   * The part as UTF-8 text, or null when there is no such part. Inflates at most `out.unzipLeft` bytes; a part
   * larger than that is cut (and `out` notes it).
   */
  async text(name: string, out: TextOut): Promise<string | null> {
    const entry = this.entries.get(name.replace(/^\/+/, '').toLowerCase());
    if (!entry) return null;
    out.checkTime();
    if (entry.flags & 1) throw new ExtractError('文件已加密，无法读取');
    const b = this.bytes;
    let data: Buffer;
    try {
      const p = entry.localOffset;
      if (b.readUInt32LE(p) !== 0x04034b50) throw corrupt();
      const start = p + 30 + b.readUInt16LE(p + 26) + b.readUInt16LE(p + 28);
      if (start + entry.compressedSize > b.length) throw corrupt();
      data = b.subarray(start, start + entry.compressedSize);
    } catch {
      throw corrupt();
    }
    const cap = Math.max(0, out.unzipLeft);
    let bytes: Buffer;
    let truncated: boolean;
    if (entry.method === 0) {
      bytes = data.subarray(0, cap);
      truncated = data.length > cap;
    } else if (entry.method === 8) {
      ({ bytes, truncated } = await inflateCapped(data, cap));
    } else {
      throw new ExtractError(`不支持的压缩方式（${entry.method}）`);
    }
    out.unzipLeft -= bytes.length;
    if (truncated) out.note(`解压后的内容超过 ${Math.round(out.maxUnzippedBytes / 1024 / 1024)} MB，只检查了前面部分`);
    out.checkTime();
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Inflates raw DEFLATE data, stopping once more than `cap` bytes came out (the rest is never produced). */
export function inflateCapped(data: Buffer, cap: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const inflater = zlib.createInflateRaw();
    const finish = (truncated: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ bytes: Buffer.concat(chunks, Math.min(size, cap)), truncated });
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size > cap) {
        finish(true);
        inflater.destroy();
      }
    });
    inflater.on('end', () => finish(false));
    inflater.on('error', () => {
      if (settled) return;
      settled = true;
      reject(corrupt());
    });
    inflater.end(data);
  });
}

// ───────────────────────────── XML ─────────────────────────────

// Declarations, comments and processing instructions are skipped; CDATA does not occur in these parts. No
// alternative scans past the next '<' ('<' cannot occur inside a tag), so tokenizing is linear even for a
// hostile part.
const TOKEN = /<[?!][^<>]*>|<(\/?)([^\s/<>]+)((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>|([^<]+)/g;

export interface XmlToken {
  kind: 'open' | 'close' | 'empty' | 'text';
  /** Local name (prefix dropped): `w:t` → `t`. */
  name: string;
  /** Raw attribute text of a tag. */
  attrs: string;
  /** Decoded text of a text token. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Tokens of an XML document (tolerant: a part cut at the byte budget just ends early). */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  const re = new RegExp(TOKEN.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    if (m[5] !== undefined) yield { kind: 'text', name: '', attrs: '', text: decodeXml(m[5]) };
    else if (m[2] !== undefined) {
      const colon = m[2].indexOf(':');
      const name = colon >= 0 ? m[2].slice(colon + 1) : m[2];
      yield { kind: m[1] ? 'close' : m[4] ? 'empty' : 'open', name, attrs: m[3], text: '' };
    }
  }
}

/** Attribute values by their qualified names (`r:id`, `name`). */
export function attributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of raw.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1], decodeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** The relationship id attribute (`r:id`, whatever its prefix), not the plain `id`. */
function relationshipId(attrs: Map<string, string>): string | undefined {
  for (const [k, v] of attrs) if (k.endsWith(':id')) return v;
  return undefined;
}

// Elements whose subtree has no text to show: formatting (which also holds tab stops), the VML fallback copy
// of text boxes (the DrawingML choice is read), field instructions, deleted text, phonetic guides.
const SKIP = new Set(['Fallback', 'pPr', 'rPr', 'tabs', 'instrText', 'delText', 'rPh', 'sectPr']);

/** The text of a WordprocessingML / DrawingML part: `t` elements, a line per paragraph, tabs and breaks. */
export function ooxmlText(xml: string, out: TextOut): void {
  let skip = 0;
  let inText = 0;
  let n = 0;
  for (const tok of xmlTokens(xml)) {
    if (out.full) return;
    if (++n % 4096 === 0) out.checkTime();
    if (skip > 0) {
      if (tok.kind === 'open') skip++;
      else if (tok.kind === 'close') skip--;
      continue;
    }
    switch (tok.kind) {
      case 'open':
        if (SKIP.has(tok.name)) skip = 1;
        else if (tok.name === 't') inText++;
        // DrawingML's line break carries its run properties: <a:br><a:rPr/></a:br>.
        else if (tok.name === 'br') out.add('\n');
        break;
      case 'close':
        if (tok.name === 't') inText = Math.max(0, inText - 1);
        else if (tok.name === 'p') out.newline();
        break;
      case 'empty':
        if (tok.name === 'tab') out.add('\t');
        else if (tok.name === 'br' || tok.name === 'cr') out.add('\n');
        else if (tok.name === 'noBreakHyphen') out.add('-');
        break;
      case 'text':
        if (inText > 0) out.add(tok.text);
        break;
    }
  }
}

// ───────────────────────────── packages ─────────────────────────────

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** Resolves a relationship target against the part it belongs to. */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = from.split('/').slice(0, -1);
  for (const s of target.split('/')) {
    if (s === '..') segments.pop();
    else if (s !== '.' && s !== '') segments.push(s);
  }
  return segments.join('/');
}

async function relationships(zip: ZipArchive, part: string, out: TextOut): Promise<Relationship[]> {
  const slash = part.lastIndexOf('/');
  const relsName = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const xml = await zip.text(relsName, out);
  if (xml === null) return [];
  const rels: Relationship[] = [];
  for (const tok of xmlTokens(xml)) {
    if (tok.name !== 'Relationship' || (tok.kind !== 'empty' && tok.kind !== 'open')) continue;
    const a = attributes(tok.attrs);
    if (a.get('TargetMode') === 'External') continue;
    const id = a.get('Id');
    const type = a.get('Type');
    const target = a.get('Target');
    if (!id || !type || !target) continue;
    let decoded = target;
    try {
      decoded = decodeURI(target);
    } catch {
      // a malformed escape: use the target as written
    }
    rels.push({ id, type, target: resolvePart(part, decoded) });
  }
  return rels;
}

const ofType = (rels: Relationship[], suffix: string) => rels.filter((r) => r.type.endsWith(`/${suffix}`));

export type OoxmlFormat = 'docx' | 'xlsx' | 'pptx';

/** Which kind of Office document a ZIP holds (by its main part), or null when it is none of them. */
export async function ooxmlFormat(
  zip: ZipArchive,
  out: TextOut,
): Promise<{ format: OoxmlFormat; main: string } | null> {
  const main = ofType(await relationships(zip, '', out), 'officeDocument')[0]?.target;
  const candidates: [OoxmlFormat, string][] = [
    ['docx', 'word/document.xml'],
    ['xlsx', 'xl/workbook.xml'],
    ['pptx', 'ppt/presentation.xml'],
  ];
  for (const [format, fallback] of candidates) {
    const folder = fallback.split('/')[0];
    if (main && main.toLowerCase().startsWith(`${folder}/`) && zip.has(main)) return { format, main };
  }
  for (const [format, fallback] of candidates) if (zip.has(fallback)) return { format, main: fallback };
  return null;
}

/** A .docx: the body, then headers, footers, footnotes, endnotes and comments (each a labelled part). */
export async function docxText(zip: ZipArchive, main: string, out: TextOut): Promise<void> {
  const rels = await relationships(zip, main, out);
  ooxmlText((await zip.text(main, out)) ?? '', out);
  const extra: [string, string][] = [
    ['header', '页眉'],
    ['footer', '页脚'],
    ['footnotes', '脚注'],
    ['endnotes', '尾注'],
    ['comments', '批注'],
  ];
  for (const [type, label] of extra) {
    for (const rel of ofType(rels, type)) {
      const xml = await zip.text(rel.target, out);
      if (!xml || out.full) continue;
      out.part(label);
      const start = out.text.length;
      ooxmlText(xml, out);
      // A header with no text (the usual empty one) leaves no part behind.
      if (!/\S/.test(out.text.slice(start))) out.parts.pop();
    }
  }
}

/** A .pptx: each slide in presentation order (“第 N 张幻灯片”), with its SmartArt text, then its notes. */
export async function pptxText(zip: ZipArchive, main: string, out: TextOut): Promise<void> {
  const rels = await relationships(zip, main, out);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const slides: string[] = [];
  for (const tok of xmlTokens((await zip.text(main, out)) ?? '')) {
    if (tok.name !== 'sldId' || tok.kind === 'close') continue;
    const rel = byId.get(relationshipId(attributes(tok.attrs)) ?? '');
    if (rel && rel.type.endsWith('/slide')) slides.push(rel.target);
  }
  if (slides.length === 0) {
    // No slide list: the slide parts by number.
    const number = (n: string) => Number(/(\d+)\.xml$/i.exec(n)?.[1] ?? 0);
    slides.push(
      ...zip
        .names()
        .filter((n) => /^\/?ppt\/slides\/slide\d+\.xml$/i.test(n))
        .sort((a, b) => number(a) - number(b)),
    );
  }
  for (const [i, slide] of slides.entries()) {
    if (out.full) return;
    out.part(`第 ${i + 1} 张幻灯片`);
    ooxmlText((await zip.text(slide, out)) ?? '', out);
    const slideRels = await relationships(zip, slide, out);
    for (const rel of ofType(slideRels, 'diagramData')) ooxmlText((await zip.text(rel.target, out)) ?? '', out);
    for (const rel of ofType(slideRels, 'notesSlide')) {
      const xml = await zip.text(rel.target, out);
      if (!xml) continue;
      const notes = new TextOut(out.maxTextLength, Number.MAX_SAFE_INTEGER, out.deadline);
      ooxmlText(xml, notes);
      // A notes page repeats the slide number in a placeholder; only real notes are worth a part.
      const text = notes.text.replace(/^\s*\d*\s*$/gm, '').trim();
      if (!text) continue;
      out.part(`第 ${i + 1} 张幻灯片的备注`);
      out.add(text);
    }
  }
}

/** A .xlsx: each worksheet (“工作表“名称””) with its name on the first line, a line per row, cells by tabs. */
export async function xlsxText(zip: ZipArchive, main: string, out: TextOut): Promise<void> {
  const rels = await relationships(zip, main, out);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const shared: string[] = [];
  for (const rel of ofType(rels, 'sharedStrings')) {
    let current: string | null = null;
    let skip = 0;
    let inText = 0;
    for (const tok of xmlTokens((await zip.text(rel.target, out)) ?? '')) {
      if (skip > 0) {
        if (tok.kind === 'open') skip++;
        else if (tok.kind === 'close') skip--;
        continue;
      }
      if (tok.kind === 'open' && tok.name === 'si') current = '';
      else if (tok.kind === 'empty' && tok.name === 'si') shared.push('');
      else if (tok.kind === 'close' && tok.name === 'si') {
        shared.push(current ?? '');
        current = null;
      } else if (tok.kind === 'open' && SKIP.has(tok.name)) skip = 1;
      else if (tok.kind === 'open' && tok.name === 't') inText++;
      else if (tok.kind === 'close' && tok.name === 't') inText = Math.max(0, inText - 1);
      else if (tok.kind === 'text' && inText > 0 && current !== null) current += tok.text;
    }
  }
  const sheets: { name: string; part: string }[] = [];
  for (const tok of xmlTokens((await zip.text(main, out)) ?? '')) {
    if (tok.name !== 'sheet' || tok.kind === 'close') continue;
    const a = attributes(tok.attrs);
    const rel = byId.get(relationshipId(a) ?? '');
    if (rel && rel.type.endsWith('/worksheet')) sheets.push({ name: a.get('name') ?? '', part: rel.target });
  }
  for (const sheet of sheets) {
    if (out.full) return;
    out.part(`工作表“${sheet.name}”`);
    out.add(`${sheet.name}\n`);
    const xml = await zip.text(sheet.part, out);
    if (xml) sheetText(xml, shared, out);
    for (const rel of ofType(await relationships(zip, sheet.part, out), 'comments')) {
      const comments = await zip.text(rel.target, out);
      if (!comments) continue;
      out.part(`工作表“${sheet.name}”的批注`);
      ooxmlText(comments, out);
    }
  }
}

function sheetText(xml: string, shared: string[], out: TextOut): void {
  let cells: string[] = [];
  let type = '';
  let value = '';
  let inline = '';
  let inValue = false;
  let inInline = 0;
  let inText = 0;
  let skip = 0;
  let n = 0;
  for (const tok of xmlTokens(xml)) {
    if (out.full) return;
    if (++n % 4096 === 0) out.checkTime();
    if (skip > 0) {
      if (tok.kind === 'open') skip++;
      else if (tok.kind === 'close') skip--;
      continue;
    }
    if (tok.kind === 'text') {
      if (inValue) value += tok.text;
      else if (inInline > 0 && inText > 0) inline += tok.text;
      continue;
    }
    const { kind, name } = tok;
    if (name === 'row') {
      if (cells.length && kind !== 'open') out.add(`${cells.join('\t')}\n`);
      cells = [];
    } else if (name === 'c') {
      if (kind !== 'close') {
        type = attributes(tok.attrs).get('t') ?? 'n';
        value = '';
        inline = '';
      }
      if (kind !== 'open') {
        const shown =
          type === 's'
            ? (shared[Number(value)] ?? '')
            : type === 'inlineStr'
              ? inline
              : type === 'b' || type === 'e'
                ? ''
                : value;
        if (shown.trim()) cells.push(shown.replace(/[\t\n\r]+/g, ' '));
      }
    } else if (name === 'v') inValue = kind === 'open';
    else if (name === 'is') inInline += kind === 'open' ? 1 : kind === 'close' ? -1 : 0;
    else if (name === 't' && inInline > 0) inText += kind === 'open' ? 1 : kind === 'close' ? -1 : 0;
    else if (kind === 'open' && SKIP.has(name)) skip = 1;
  }
  if (cells.length) out.add(`${cells.join('\t')}\n`);
}
