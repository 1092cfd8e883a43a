// What may be uploaded: the type is decided from the bytes, not the file name, and must agree with the
// extension. No SVG or HTML (they carry script), no executables. And how a stored file may be served: inline
// (shown in the browser) only when it cannot act — a PDF with JavaScript, actions or embedded files, or an image
// that is also something else (a polyglot carrying HTML, script, a PDF or an archive), is sent as an attachment.
import { inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const ALLOWED: Record<string, { mime: string; extensions: string[]; image?: boolean }> = {
  png: { mime: 'image/png', extensions: ['png'], image: true },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], image: true },
  gif: { mime: 'image/gif', extensions: ['gif'], image: true },
  webp: { mime: 'image/webp', extensions: ['webp'], image: true },
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  cfb: { mime: 'application/x-cfb', extensions: ['doc', 'xls', 'ppt', 'wps', 'et', 'dps'] },
  zip: { mime: 'application/zip', extensions: ['zip', 'ofd'] },
  mp4: { mime: 'video/mp4', extensions: ['mp4'] },
  mp3: { mime: 'audio/mpeg', extensions: ['mp3'] },
};

const OFFICE_LEGACY_MIME: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
  dps: 'application/vnd.ms-powerpoint',
  ofd: 'application/ofd',
  zip: 'application/zip',
};

export interface Accepted {
  mime: string;
  extension: string;
  image: boolean;
  name: string;
}

export function extensionOf(name: string): string {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** Keeps a readable file name but removes path parts and characters that break headers or file systems. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned || 'file').slice(0, 200);
}

function looksLikeUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    // stream: a character cut by the 64 KB boundary is incomplete, not invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Returns what the bytes are, or a Chinese reason for refusing them. */
export async function inspectUpload(bytes: Buffer, name: string): Promise<Accepted | { refused: string }> {
  const cleanName = cleanFileName(name);
  const extension = extensionOf(cleanName);
  if (bytes.length === 0) return { refused: '文件是空的' };
  if (bytes.length > MAX_UPLOAD_BYTES) return { refused: `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` };
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) {
    if (['txt', 'csv'].includes(extension) && looksLikeUtf8Text(bytes)) {
      return { mime: extension === 'csv' ? 'text/csv' : 'text/plain', extension, image: false, name: cleanName };
    }
    return { refused: '无法识别文件类型，只能上传图片、PDF、Office/WPS 文档、OFD、压缩包、音视频和纯文本' };
  }
  const rule = ALLOWED[detected.ext];
  if (!rule) return { refused: `不允许上传此类型的文件（${detected.ext}）` };
  if (!rule.extensions.includes(extension)) {
    return { refused: `文件扩展名“.${extension || '无'}”与文件内容（${detected.ext}）不符` };
  }
  const mime = detected.ext === 'cfb' || detected.ext === 'zip' ? OFFICE_LEGACY_MIME[extension] : rule.mime;
  return { mime, extension, image: rule.image === true, name: cleanName };
}

// PDF names that run code or act on opening; `#xx` escapes in names are undone first (/J#61vaScript).
const PDF_ACTIVE =
  /\/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData|GoToR|GoToE)\b/;
// In an image: the markers of HTML or script, or the signature of another format hidden inside.
const IMAGE_FOREIGN = /<\s*(script|html|body|iframe|svg|object|embed|meta)\b|javascript:|%PDF-/i;
const ZIP_ENTRY = Buffer.from('PK\x03\x04', 'latin1');
/** Inflated PDF streams are searched up to this much output, so a compressed bomb cannot stall a request. */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

const unescapeNames = (text: string) =>
  text.replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Whether a PDF contains script, automatic actions or embedded files, in its objects or compressed streams. */
export function pdfIsActive(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  if (PDF_ACTIVE.test(unescapeNames(text))) return true;
  // Object streams (PDF 1.5+) hide dictionaries inside FlateDecode streams: look inside them too.
  let inflated = 0;
  const stream = /stream\r?\n/g;
  for (let m = stream.exec(text); m; m = stream.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const out = inflateSync(bytes.subarray(start, end), { maxOutputLength: MAX_INFLATED_BYTES - inflated });
      inflated += out.length;
      if (PDF_ACTIVE.test(unescapeNames(out.toString('latin1')))) return true;
    } catch {
      // not a Flate stream, or beyond the budget: only what could be read is judged
    }
    if (inflated >= MAX_INFLATED_BYTES) return true;
    stream.lastIndex = end;
  }
  return false;
}

export function imageIsPolyglot(bytes: Buffer): boolean {
  return IMAGE_FOREIGN.test(bytes.toString('latin1')) || bytes.indexOf(ZIP_ENTRY, 1) >= 0;
}

const verdicts = new Map<string, boolean>();

/**
 * Inline (shown by the browser) or attachment (downloaded)? Images and PDFs are shown inline unless they could
 * act; everything else is downloaded. Remembered per content hash, so a file is examined once per process.
 */
export function servedInline(file: { mime: string; sha256: string }, bytes: Buffer): boolean {
  const image = file.mime.startsWith('image/');
  if (!image && file.mime !== 'application/pdf') return false;
  let inline = verdicts.get(file.sha256);
  if (inline === undefined) {
    inline = image ? !imageIsPolyglot(bytes) : !pdfIsActive(bytes);
    if (verdicts.size > 10_000) verdicts.clear();
    verdicts.set(file.sha256, inline);
  }
  return inline;
}
