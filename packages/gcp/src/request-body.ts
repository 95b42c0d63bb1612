import { HttpError } from '@omnifn/core';
import type { GcpRequest } from './gcp-request';

const EMPTY = new Uint8Array(0);

/**
 * The request's bytes. The framework's body parsers keep them as `req.rawBody`; with no
 * `Content-Type` no parser runs and the stream is still unread, so omnifn reads it (up to
 * `limit`, else 413). Synchronous whenever the framework already read the body.
 */
export function requestBody(request: GcpRequest, limit: number): Uint8Array | Promise<Uint8Array> {
  if (request.rawBody !== undefined) return request.rawBody;
  const { headers } = request;
  const declared = headers['content-length'];
  const hasBody = headers['transfer-encoding'] !== undefined || (declared !== undefined && declared !== '0');
  if (!hasBody || request.readableEnded || typeof request.on !== 'function') return EMPTY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `Request body is larger than ${limit} bytes`));
        request.pause();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
