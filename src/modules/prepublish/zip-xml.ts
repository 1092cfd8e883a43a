// Reading the XML parts of an Office Open XML package (an uploaded, untrusted ZIP) with two well-kept streaming
// libraries: yauzl reads the ZIP's central directory and inflates one part at a time, checking as it inflates
// that no part grows past the size its directory entry declares (a zip bomb that lies about its size is
// refused the moment it does); saxes parses the inflated bytes as they come, so no part is ever held whole and
// no DOM is built. Every part draws on one byte budget (TextOut.unzipLeft): a part larger than what is left is
// cut there, and the text is reported as partial. saxes expands only XML's predefined entities and character
// references, never a DTD's, so an entity bomb has nothing to expand.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';

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

/** What a part's parser reports: elements by their local name (`w:t` → `t`), attributes by qualified name. */
export interface XmlHandler {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

export const MAX_ZIP_ENTRIES = 20_000;
const corrupt = () => new ExtractError('文件已损坏或不是有效的 Office 文档，无法读取');
const lyingSize = () => new ExtractError('文件中的压缩数据比它声明的大小更大（可能是恶意构造的压缩文件），未读取');
const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);
/** OPC part names are case-insensitive and may be written with a leading slash. */
const partKey = (name: string) => name.replace(/^\/+/, '').toLowerCase();

export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /** Reads the central directory (entry names and sizes; nothing is inflated yet). */
  static async open(bytes: Buffer): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(bytes, { validateEntrySizes: true, decodeStrings: true });
    } catch {
      throw corrupt();
    }
    if (zip.entryCount > MAX_ZIP_ENTRIES) {
      zip.close();
      throw new ExtractError(`压缩包内的条目超过 ${MAX_ZIP_ENTRIES} 个`);
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) entries.set(partKey(entry.fileName), entry);
    } catch {
      zip.close();
      throw corrupt();
    }
    return new ZipArchive(zip, entries);
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /** Part names (as stored). */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.fileName);
  }

  /**
   * Streams the part's XML through `handler`; false when there is no such part. Inflates at most
   * `out.unzipLeft` bytes (a larger part is cut and `out` notes it) and stops early once `out` is full.
   */
  async xml(name: string, out: TextOut, handler: XmlHandler): Promise<boolean> {
    const entry = this.entries.get(partKey(name));
    if (!entry) return false;
    out.checkTime();
    if (entry.isEncrypted()) throw new ExtractError('文件已加密，无法读取');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw new ExtractError(`不支持的压缩方式（${entry.compressionMethod}）`);
    const { parser, failed } = xmlParser(handler);
    const decoder = new TextDecoder('utf-8');
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch {
      throw corrupt();
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        // The inflater hands out a few kilobytes at a time: the budget is kept to that.
        const room = Math.max(0, out.unzipLeft);
        const take = chunk.length > room ? chunk.subarray(0, room) : chunk;
        out.unzipLeft -= take.length;
        parser.write(decoder.decode(take, { stream: true }));
        out.checkTime();
        if (take.length < chunk.length) {
          out.note(`解压后的内容超过 ${Math.round(out.maxUnzippedBytes / 1024 / 1024)} MB，只检查了前面部分`);
          return true;
        }
        if (failed()) {
          out.note('文件中有损坏的部分，只检查了能读出的文字');
          return true;
        }
        if (out.full) return true;
      }
    } catch (error) {
      if (error instanceof TimeUp || error instanceof ExtractError) throw error;
      throw /too many bytes/.test(String((error as Error)?.message)) ? lyingSize() : corrupt();
    }
    parser.write(decoder.decode());
    return true;
  }

  close(): void {
    this.zip.close();
  }
}

/**
 * A parser that stops at the first error: a malformed (or hostile) part keeps the text read up to the damage,
 * and costs no more than that.
 */
function xmlParser(handler: XmlHandler): { parser: SaxesParser; failed: () => boolean } {
  const parser = new SaxesParser({ position: false });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    if (!failed) handler.open?.(localName(tag.name), tag.attributes as Record<string, string>, tag.isSelfClosing);
  });
  parser.on('closetag', (tag) => {
    if (!failed) handler.close?.(localName(tag.name));
  });
  parser.on('text', (text) => {
    if (!failed) handler.text?.(text);
  });
  parser.on('cdata', (text) => {
    if (!failed) handler.text?.(text);
  });
  return { parser, failed: () => failed };
}

/** Parses an XML string with the same handler (and the same stop at the first error). */
export function parseXml(xml: string, handler: XmlHandler): void {
  const { parser, failed } = xmlParser(handler);
  for (let i = 0; i < xml.length && !failed(); i += 16_384) parser.write(xml.slice(i, i + 16_384));
}
