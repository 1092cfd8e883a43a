// What may be uploaded: the type is decided from the bytes, not the file name, and must agree with the
// extension. No SVG or HTML (they carry script), no executables.
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
    .replace(/[\u0000-\u001f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned || 'file').slice(0, 200);
}

function looksLikeUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
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
