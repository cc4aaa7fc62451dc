import type { IncomingMessage, ServerResponse } from 'node:http';

/** The only bodies our error responses carry: a code, never the text of the error that caused it. */
export function neutralErrorBody(status: number): { error: string } {
  const codes: Record<number, string> = {
    400: 'bad-request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not-found',
    405: 'method-not-allowed',
    413: 'payload-too-large',
    415: 'unsupported-media-type',
    503: 'unavailable',
  };
  return { error: codes[status] ?? (status >= 500 ? 'internal-error' : 'request-failed') };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  // A string, not a Buffer: Node then sends the headers and the body in one write.
  res.end(json);
}

export type BodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; status: 400 | 413 };

/**
 * Reads and parses a JSON object body, refusing more than maxBytes. The limit is checked on the declared length
 * first and on the bytes actually received, since a chunked request declares none.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, status: 413 };
  // Events rather than for-await: leaving a for-await loop early destroys the socket, and the 413 with it.
  const raw = await new Promise<Buffer | 'too-large' | 'failed'>((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        chunks.length = 0;
        resolve('too-large'); // the rest is read and dropped
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve('failed'));
  });
  if (raw === 'too-large') return { ok: false, status: 413 };
  if (raw === 'failed') return { ok: false, status: 400 };
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, status: 400 };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400 };
  }
}
