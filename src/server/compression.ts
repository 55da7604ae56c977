/**
 * Compressed copies of the web client's text files (brotli or gzip, as the browser accepts),
 * made once per file version and kept in memory: the web root is fixed, so this is bounded.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|wasm)|image\/svg)/;
/** Below this a compressed reply saves less than its headers cost. */
const MIN_BYTES = 1024;
/** Past this a file is streamed as it is rather than held in memory. */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Past this, brotli's best quality takes seconds (the blur's 5.6 MB wasm: longer than a request may
 * last); quality 5 takes a tenth of a second and gives up a few percent.
 */
const LARGE_BYTES = 1024 * 1024;

const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: data.length > LARGE_BYTES ? 5 : 11 },
    }) as Promise<Buffer>,
  gzip: (data) => promisify(gzip)(data, { level: 9 }) as Promise<Buffer>,
};

/** The encoding to answer with, from the request's Accept-Encoding, for a file of `type` and `size`. */
export function chooseEncoding(accept: string | undefined, type: string, size: number): Encoding | null {
  if (!accept || size < MIN_BYTES || size > MAX_BYTES || !COMPRESSIBLE.test(type)) return null;
  const offered = accept.split(',').map((part) => part.trim().split(';')[0]);
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return null;
}

export class CompressedFiles {
  private readonly cache = new Map<string, Promise<Buffer>>();

  /** The compressed body of `file` as of `version` (its mtime and size). */
  get(file: string, version: string, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}\0${version}\0${file}`;
    let body = this.cache.get(key);
    if (!body) {
      body = readFile(file).then(compressors[encoding]);
      // A failed read is not remembered: the next request tries again.
      body.catch(() => this.cache.delete(key));
      this.cache.set(key, body);
    }
    return body;
  }
}
