// The text of an attached file, for the pre-publish checks (the checks cover the body, the title and
// every attachment whose text can be extracted).
//
// The type is taken from the bytes (file-type, as at upload), not the name: .docx, .xlsx and .pptx are read by
// ooxml.ts (yauzl and saxes underneath, zip-xml.ts), PDF by pdf.js (pdfjs-dist, legacy build, with its CMaps so that PDFs with the standard Chinese fonts
// — STSong-Light and the like — give their text), plain text and CSV as UTF-8 or GBK. Images, legacy .doc/.xls/
// .ppt/.wps, OFD, archives and media give no text: the result says so (`coverage: 'none'` and a reason), and the
// gate turns that into a warn finding naming the attachment, so nothing is skipped silently.
//
// Guards against huge or hostile files: at most MAX_ATTACHMENT_BYTES are read, at most MAX_UNZIPPED_BYTES
// inflated, at most MAX_TEXT_LENGTH characters kept (the rest is reported as not checked), and the work runs on
// a worker thread with a memory ceiling that is terminated after TIME_LIMIT_MS. Any failure becomes a “could
// not be checked” result, never an exception. Results are cached by file id (stored files never change) in a
// small LRU cache.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import iconv from 'iconv-lite';
import { MAX_UPLOAD_BYTES, extensionOf } from '../../platform/files/upload-policy.ts';
import {
  ExtractError,
  TextOut,
  TimeUp,
  ZipArchive,
  docxText,
  ooxmlFormat,
  pptxText,
  tooLong,
  xlsxText,
  type TextPart,
} from './ooxml.ts';

export const MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES;
export const MAX_TEXT_LENGTH = 2_000_000;
export const MAX_UNZIPPED_BYTES = 128 * 1024 * 1024;
/** Per file. */
export const TIME_LIMIT_MS = 20_000;
/** For all the attachments of one check (an item with many large files). */
export const CHECK_TIME_BUDGET_MS = 60_000;
/** Memory ceiling of the extraction worker's heap. */
const WORKER_HEAP_MB = 512;

export type AttachmentFormat =
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'pdf'
  | 'text'
  | 'image'
  | 'legacy-office'
  | 'ofd'
  | 'archive'
  | 'media'
  | 'other';

export interface AttachmentText {
  format: AttachmentFormat;
  /** Plain text: a line per paragraph or row, tabs between cells. */
  text: string;
  /** Where each page, slide, worksheet or part (页眉, 批注 …) begins in `text`. */
  parts: TextPart[];
  /** full: all of the file was read; partial: only some (see reason); none: no text (see reason). */
  coverage: 'full' | 'partial' | 'none';
  /** Why the text is partial or missing, in Chinese. */
  reason?: string;
  /** A failure of this attempt (time, a missing file), not of the file: not cached. */
  transient?: boolean;
}

export interface ExtractLimits {
  maxTextLength?: number;
  maxUnzippedBytes?: number;
  /** Used for the message; the deadline defaults to now + timeLimitMs. */
  timeLimitMs?: number;
  /** Epoch milliseconds after which extraction stops and keeps what it has. */
  deadline?: number;
}

export interface AttachmentFile {
  name: string;
  /** The stored (content-detected) type; used for plain text, which has no magic number. */
  mime?: string;
}

const NO_TEXT: Record<AttachmentFormat, string> = {
  docx: '文档中没有可提取的文字（可能只有图片或扫描件）',
  xlsx: '表格中没有内容',
  pptx: '演示文稿中没有可提取的文字（可能只有图片）',
  pdf: 'PDF 中没有可提取的文字（可能是扫描件或图片）',
  text: '文件中没有文字',
  image: '图片中的文字无法自动提取',
  'legacy-office': '旧版 Office/WPS 格式（.doc、.xls、.ppt、.wps 等）不能提取文字，可改传 .docx、.xlsx、.pptx 或 PDF',
  ofd: 'OFD 版式文件暂不能提取文字',
  archive: '压缩包内的文件不做检查',
  media: '音视频文件不能提取文字',
  other: '此类型的文件不能提取文字',
};

/** The sentence shown to editors and reviewers for an attachment not (fully) checked; undefined when it was. */
export function uncheckedNote(result: Pick<AttachmentText, 'coverage' | 'reason'>): string | undefined {
  if (result.coverage === 'full') return undefined;
  if (result.coverage === 'none')
    return `此附件未能检查：${result.reason ?? '无法提取文字'}。请人工核对附件内容，确认没有错敏词和个人信息`;
  return `此附件只检查了一部分：${result.reason ?? '无法完整提取文字'}。其余内容请人工核对`;
}

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} 秒`;

function none(format: AttachmentFormat, reason = NO_TEXT[format], transient = false): AttachmentText {
  return { format, text: '', parts: [], coverage: 'none', reason, ...(transient ? { transient } : {}) };
}

function finish(format: AttachmentFormat, out: TextOut): AttachmentText {
  const text = out.text.replace(/\s+$/, '');
  if (!/\S/.test(text)) return none(format, out.partial[0] ?? NO_TEXT[format]);
  const parts = out.parts.filter((p) => p.offset < text.length);
  if (out.partial.length === 0) return { format, text, parts, coverage: 'full' };
  return { format, text, parts, coverage: 'partial', reason: out.partial.join('；') };
}

const IMAGE = new Set(['png', 'jpg', 'gif', 'webp', 'bmp', 'tif', 'ico', 'heic', 'avif', 'jxl', 'psd']);
const MEDIA = /^(audio|video)\//;

/** The text of a file's bytes. Never throws: failures are results with coverage 'none' and a reason. */
export async function extractAttachmentText(
  input: Uint8Array,
  file: AttachmentFile,
  limits: ExtractLimits = {},
): Promise<AttachmentText> {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const timeLimitMs = limits.timeLimitMs ?? TIME_LIMIT_MS;
  const out = new TextOut(
    limits.maxTextLength ?? MAX_TEXT_LENGTH,
    limits.maxUnzippedBytes ?? MAX_UNZIPPED_BYTES,
    limits.deadline ?? Date.now() + timeLimitMs,
  );
  let format: AttachmentFormat = 'other';
  try {
    if (bytes.length === 0) return none('other', '文件是空的');
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      return none('other', `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，未读取`);
    const textual = /^text\//.test(file.mime ?? '') || ['txt', 'csv'].includes(extensionOf(file.name));
    // A byte-order mark marks text (file-type takes UTF-16's for MPEG audio).
    const bom =
      (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
      (bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (bytes[0] === 0xfe && bytes[1] === 0xff);
    const detected = textual && bom ? undefined : await fileTypeFromBuffer(bytes).catch(() => undefined);
    const ext = detected?.ext as string | undefined;
    const mime = detected?.mime ?? file.mime ?? '';
    if (ext === 'pdf') {
      format = 'pdf';
      await pdfText(bytes, out);
    } else if (ext === 'docx' || ext === 'xlsx' || ext === 'pptx' || ext === 'zip') {
      const zip = await ZipArchive.open(bytes);
      try {
        const office = await ooxmlFormat(zip, out);
        if (!office) return none(extensionOf(file.name) === 'ofd' ? 'ofd' : 'archive');
        format = office.format;
        if (office.format === 'docx') await docxText(zip, office.main, out);
        else if (office.format === 'xlsx') await xlsxText(zip, office.main, out);
        else await pptxText(zip, office.main, out);
      } finally {
        zip.close();
      }
    } else if (ext === 'cfb') return none('legacy-office');
    else if ((ext && IMAGE.has(ext)) || mime.startsWith('image/')) return none('image');
    else if (MEDIA.test(mime)) return none('media');
    else if (!detected && textual) {
      format = 'text';
      out.add(decodePlainText(bytes, out.maxTextLength));
      if (bytes.length > out.maxTextLength * 4) out.note(tooLong(out.maxTextLength));
    } else return none('other');
    return finish(format, out);
  } catch (error) {
    if (error instanceof TimeUp) {
      out.note(`提取文字超过 ${seconds(timeLimitMs)}，只检查了前面部分`);
      const partial = finish(format, out);
      return partial.coverage === 'none'
        ? none(format, `提取文字超过 ${seconds(timeLimitMs)} 仍未完成`, true)
        : { ...partial, transient: true };
    }
    if (error instanceof ExtractError) return none(format, error.message);
    return none(format, '文件已损坏或格式不正确，无法读取');
  }
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, otherwise GB18030 (a superset of GBK and GB2312). */
export function decodePlainText(bytes: Buffer, maxLength = MAX_TEXT_LENGTH): string {
  const head = bytes.subarray(0, maxLength * 4);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head, { stream: true });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head, { stream: true });
  try {
    // stream: a multi-byte character cut at the end of `head` is not an error.
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return iconv.decode(head, 'gb18030');
  }
}

// ───────────────────────────── PDF ─────────────────────────────

let pdfAssets: { cMapUrl: string; standardFontDataUrl: string } | null = null;

/** Text of each page (“第 N 页”), a line where pdf.js sees the end of one. */
async function pdfText(bytes: Buffer, out: TextOut): Promise<void> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  if (!pdfAssets) {
    const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    pdfAssets = {
      cMapUrl: `${path.join(dir, 'cmaps')}${path.sep}`,
      standardFontDataUrl: `${path.join(dir, 'standard_fonts')}${path.sep}`,
    };
  }
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    ...pdfAssets,
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    if ((error as Error)?.name === 'PasswordException') throw new ExtractError('PDF 设有打开密码，无法读取');
    throw new ExtractError('PDF 文件已损坏或格式不正确，无法读取');
  }
  try {
    const failed: number[] = [];
    for (let n = 1; n <= doc.numPages && !out.full; n++) {
      out.checkTime();
      out.part(`第 ${n} 页`);
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        for (const item of content.items) {
          if (!('str' in item)) continue;
          out.add(item.str);
          if (item.hasEOL) out.add('\n');
        }
        page.cleanup();
      } catch (error) {
        if (error instanceof TimeUp) throw error;
        failed.push(n);
      }
    }
    if (failed.length) out.note(`第 ${failed.slice(0, 10).join('、')}${failed.length > 10 ? ' 等' : ''} 页无法读取`);
  } finally {
    await doc.destroy().catch(() => {});
  }
}

// ───────────────────────────── worker and cache ─────────────────────────────

export interface StoredAttachment {
  id: number;
  original_name: string;
  mime: string;
  size: number;
}

export interface AttachmentTextsOptions {
  timeLimitMs?: number;
  maxTextLength?: number;
  maxUnzippedBytes?: number;
  /** Cached results (by file id). */
  cacheEntries?: number;
  /** Characters of text held by the cache at most. */
  cacheChars?: number;
  /** Run in this thread (no hard time limit: only for when a worker cannot start). */
  inThread?: boolean;
}

interface Job {
  bytes: Uint8Array;
  file: AttachmentFile;
  timeLimitMs: number;
  resolve: (r: AttachmentText) => void;
}

/**
 * One worker thread, jobs one at a time. A job that runs past its time limit, or a worker that runs out of
 * memory or dies, ends that job with a “could not be checked” result and the worker is replaced.
 */
class ExtractionWorker {
  private worker: Worker | null = null;
  private ready = false;
  private broken = false;
  private current: (Job & { timer: NodeJS.Timeout }) | null = null;
  private readonly queue: Job[] = [];

  constructor(private readonly limits: { maxTextLength?: number; maxUnzippedBytes?: number }) {}

  run(bytes: Uint8Array, file: AttachmentFile, timeLimitMs: number): Promise<AttachmentText> {
    return new Promise((resolve) => {
      this.queue.push({ bytes, file, timeLimitMs, resolve });
      this.pump();
    });
  }

  private start(): Worker {
    // The bootstrap registers tsx itself, so this works however the main thread loaded TypeScript.
    const worker = new Worker(new URL('./attachment-text-worker.mjs', import.meta.url), {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.ready = false;
    worker.on('message', (m: { ready?: true; result?: AttachmentText }) => {
      if (worker !== this.worker) return;
      if (m.ready) {
        this.ready = true;
        return;
      }
      if (m.result) this.done(m.result);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      // A worker that fails before it is ready cannot be started here at all: fall back to this thread.
      if (!this.ready && !memory) this.broken = true;
      this.replace(memory ? '提取文字时占用内存超过上限' : '提取文字时出错');
    });
    worker.on('exit', () => {
      if (worker === this.worker) this.replace('提取文字时出错');
    });
    return worker;
  }

  /** Ends the current job (if any) with a failure, drops the worker and goes on with the queue. */
  private replace(reason: string, transient = false): void {
    const old = this.worker;
    this.worker = null;
    if (old) void old.terminate();
    if (this.current) this.done(none('other', reason, transient));
    else this.pump();
  }

  private done(result: AttachmentText): void {
    const job = this.current;
    if (!job) return;
    clearTimeout(job.timer);
    this.current = null;
    job.resolve(result);
    this.pump();
  }

  private pump(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) {
      this.worker?.unref();
      return;
    }
    if (this.broken) {
      void extractAttachmentText(job.bytes, job.file, { ...this.limits, timeLimitMs: job.timeLimitMs }).then((r) => {
        job.resolve(r);
        this.pump();
      });
      return;
    }
    try {
      this.worker ??= this.start();
    } catch {
      this.broken = true;
      this.queue.unshift(job);
      this.pump();
      return;
    }
    this.worker.ref();
    const timer = setTimeout(
      () => this.replace(`提取文字超过 ${seconds(job.timeLimitMs)} 仍未完成`, true),
      job.timeLimitMs,
    );
    this.current = { ...job, timer };
    // The worker stops by itself a little before the hard limit, so a long file still gives its first part.
    const deadline = Date.now() + Math.max(job.timeLimitMs * 0.5, job.timeLimitMs - 2000);
    const limits: ExtractLimits = { ...this.limits, timeLimitMs: job.timeLimitMs, deadline };
    this.worker.postMessage({ bytes: job.bytes, file: job.file, limits });
  }

  /** Terminates the worker; jobs still waiting end as not checked. */
  async close(): Promise<void> {
    const old = this.worker;
    this.worker = null;
    const stopped = none('other', '服务正在停止，未能读取此附件', true);
    for (const job of this.queue.splice(0)) job.resolve(stopped);
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.resolve(stopped);
      this.current = null;
    }
    if (old) await old.terminate();
  }
}

/**
 * A one-page PDF with a line of text: reading it loads everything the first real attachment would otherwise wait
 * for (the worker thread and its TypeScript loader, pdf.js and its fonts). pdf.js rebuilds the missing xref table.
 */
export const WARM_UP_PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 50] /Contents 4 0 R',
    '/Resources <</Font <</F1 5 0 R>>>>>> endobj',
    '4 0 obj <</Length 35>> stream',
    'BT /F1 12 Tf 10 20 Td (warm-up) Tj ET',
    'endstream endobj',
    '5 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> endobj',
    'trailer <</Root 1 0 R>>',
    '%%EOF',
  ].join('\n'),
  'latin1',
);

/** Text of stored files, by id, cached; what the pre-publish gate uses. */
export class AttachmentTexts {
  private readonly cache = new Map<number, AttachmentText>();
  private cachedChars = 0;
  private readonly running = new Map<number, Promise<AttachmentText>>();
  private readonly worker: ExtractionWorker;
  private readonly timeLimitMs: number;
  private readonly cacheEntries: number;
  private readonly cacheChars: number;

  constructor(private readonly options: AttachmentTextsOptions = {}) {
    this.worker = new ExtractionWorker({
      maxTextLength: options.maxTextLength,
      maxUnzippedBytes: options.maxUnzippedBytes,
    });
    this.timeLimitMs = options.timeLimitMs ?? TIME_LIMIT_MS;
    this.cacheEntries = options.cacheEntries ?? 32;
    this.cacheChars = options.cacheChars ?? 8_000_000;
  }

  /**
   * The text of a stored file. `read` is called only when the result is not cached and the file is within
   * MAX_ATTACHMENT_BYTES; `deadline` (epoch ms) shortens the time limit for the last files of a check.
   */
  async textOf(
    file: StoredAttachment,
    read: () => Promise<Buffer>,
    deadline = Number.POSITIVE_INFINITY,
  ): Promise<AttachmentText> {
    const cached = this.cache.get(file.id);
    if (cached) {
      this.cache.delete(file.id);
      this.cache.set(file.id, cached);
      return cached;
    }
    const running = this.running.get(file.id);
    if (running) return running;
    const job = this.extract(file, read, deadline).then((result) => {
      this.running.delete(file.id);
      if (!result.transient) this.remember(file.id, result);
      return result;
    });
    this.running.set(file.id, job);
    return job;
  }

  private async extract(
    file: StoredAttachment,
    read: () => Promise<Buffer>,
    deadline: number,
  ): Promise<AttachmentText> {
    if (file.size > MAX_ATTACHMENT_BYTES)
      return none('other', `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，未读取`);
    const timeLimitMs = Math.min(this.timeLimitMs, Math.floor(deadline - Date.now()));
    if (timeLimitMs <= 0) return none('other', '本次检查的时间已用完，未能读取此附件', true);
    let bytes: Buffer;
    try {
      bytes = await read();
    } catch {
      return none('other', '附件文件无法读取', true);
    }
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      return none('other', `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，未读取`);
    const name = file.original_name;
    if (this.options.inThread) {
      return extractAttachmentText(
        bytes,
        { name, mime: file.mime },
        { maxTextLength: this.options.maxTextLength, maxUnzippedBytes: this.options.maxUnzippedBytes, timeLimitMs },
      );
    }
    return this.worker.run(bytes, { name, mime: file.mime }, timeLimitMs);
  }

  private remember(id: number, result: AttachmentText): void {
    this.cache.set(id, result);
    this.cachedChars += result.text.length;
    for (const [oldId, old] of this.cache) {
      if (this.cache.size <= this.cacheEntries && this.cachedChars <= this.cacheChars) break;
      if (oldId === id && this.cache.size === 1) break;
      this.cache.delete(oldId);
      this.cachedChars -= old.text.length;
    }
  }

  /** Whether a file's result is cached (tests). */
  isCached(id: number): boolean {
    return this.cache.has(id);
  }

  /**
   * Starts the extraction worker and reads a small PDF in it, so that the first submission of a process does
   * not wait seconds for the worker to start and pdf.js to load (the first attachment's time limit would count
   * that too). Resolves with the time it took; never throws.
   */
  async warm(): Promise<number> {
    const started = Date.now();
    if (!this.options.inThread) await this.worker.run(WARM_UP_PDF, { name: 'warm-up.pdf' }, this.timeLimitMs);
    return Date.now() - started;
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
