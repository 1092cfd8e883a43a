// Compression of the public site's responses. A cached page is compressed once per encoding, on first demand,
// and the compressed bytes stay with the page in the cache — cheaper than compressing every response with a
// generic plugin. Brotli is preferred, gzip next; small or already-compressed bodies are sent as they are.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { CachedPage } from './portal-cache.ts';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this size compression gains nothing worth the CPU. */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE = /^(text\/|application\/(xml|rss\+xml|atom\+xml|json|javascript)|image\/svg\+xml)/;

export function isCompressible(page: Pick<CachedPage, 'contentType' | 'body'>): boolean {
  return page.body.length >= MIN_COMPRESS_BYTES && COMPRESSIBLE.test(page.contentType);
}

/** The best encoding the client accepts (br, then gzip), or null for the identity. Honours q=0. */
export function negotiate(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? (q.has('*') ? q.get('*')! : 0);
  const candidates = (['br', 'gzip'] as const).filter((e) => weight(e) > 0);
  if (candidates.length === 0) return null;
  return candidates.reduce((best, e) => (weight(e) > weight(best) ? e : best));
}

/** The page's body in this encoding, compressed the first time it is asked for. */
export function encodedBody(page: CachedPage, encoding: Encoding): Promise<Buffer> {
  page.encoded ??= {};
  const variants = page.encoded;
  let found = variants[encoding];
  if (!found) {
    const made =
      encoding === 'br'
        ? brotli(page.body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: page.body.length },
          })
        : gz(page.body, { level: 9 });
    variants[encoding] = made;
    // A failure is not kept: the next request tries again (and this one is sent uncompressed).
    made.catch(() => {
      if (variants[encoding] === made) delete variants[encoding];
    });
    found = made;
  }
  return found;
}

/** The validator of one representation: a compressed body is a different representation from the plain one. */
export function etagFor(etag: string, encoding: Encoding | null): string {
  if (!encoding) return etag;
  return `${etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
}
