// Decoding of fetched bodies. Government sites still serve GBK / GB2312 / GB18030 pages, often declared only in
// a <meta> tag, so the charset is taken from Content-Type, else a BOM, else the first bytes' <meta>, else UTF-8.
import iconv from 'iconv-lite';
import type { CharsetSource } from './types.ts';

/** How many leading bytes are searched for a <meta> charset declaration (the HTML standard says 1024). */
const META_SNIFF_BYTES = 4096;

export interface Decoded {
  text: string;
  charset: string;
  source: CharsetSource;
}

/** The media type of a Content-Type header value, lower-case, without parameters. */
export function mediaType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type || null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1] : null;
}

/** The charset declared by <meta charset> or <meta http-equiv="Content-Type" content="…; charset=…">. */
export function charsetFromMeta(head: Uint8Array): string | null {
  // latin1 keeps every byte as one char, so ASCII markup is readable whatever the real encoding
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, META_SNIFF_BYTES)).toString(
    'latin1',
  );
  for (const tag of text.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The iconv-lite name to decode a declared charset with, or null when it is unknown. GB2312 and GBK pages
 * routinely contain characters outside their tables, so (like browsers) they are decoded as GB18030, the
 * superset; ISO-8859-1 / ASCII are decoded as windows-1252, as browsers do.
 */
export function normaliseCharset(declared: string): string | null {
  const name = declared.trim().toLowerCase().replace(/^x-/, '');
  if (['gb2312', 'gbk', 'gb18030', 'gb_2312-80', 'cp936', 'euc-cn', 'x-gbk', 'csgb2312'].includes(name))
    return 'gb18030';
  if (['iso-8859-1', 'latin1', 'us-ascii', 'ascii'].includes(name)) return 'windows-1252';
  if (name === 'utf8' || name === 'unicode-1-1-utf-8') return 'utf-8';
  return iconv.encodingExists(name) ? name : null;
}

/** Decodes a body: Content-Type charset, else BOM, else <meta> in the first bytes, else UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): Decoded {
  const candidates: [string | null, CharsetSource][] = [
    [charsetFromContentType(contentType), 'header'],
    [charsetFromBom(bytes), 'bom'],
    [charsetFromMeta(bytes), 'meta'],
  ];
  for (const [declared, source] of candidates) {
    const charset = declared ? normaliseCharset(declared) : null;
    if (charset) return { text: stripBom(iconv.decode(Buffer.from(bytes), charset)), charset, source };
  }
  return { text: stripBom(iconv.decode(Buffer.from(bytes), 'utf-8')), charset: 'utf-8', source: 'default' };
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Text-like media types worth decoding (HTML, XML, plain text); a missing type is sniffed as HTML. */
export function isTextType(type: string | null): boolean {
  if (type === null) return true;
  return (
    type.startsWith('text/') || type === 'application/xhtml+xml' || type.endsWith('+xml') || type === 'application/xml'
  );
}

export function isHtmlType(type: string | null): boolean {
  return type === null || type === 'text/html' || type === 'application/xhtml+xml';
}
