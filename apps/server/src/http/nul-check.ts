import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/** The dotted path of the first string or key in `root` that holds U+0000; null if none. */
function nulAt(root: unknown, rootPath: string): string | null {
  // Iterative: a body may nest deeply, and a stack overflow here would be a 500.
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      // A raw upload (a Buffer) is bytes, not text: NUL is a legitimate byte there.
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) return `${path}.${k}`;
        stack.push([v, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, so a request carrying one would fail in the
 * database as a 500. Refuse it before validation, naming the field, like any other bad value.
 */
export function installNulCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const parts: [string, unknown][] = [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ];
    for (const [part, value] of parts) {
      const at = nulAt(value, part);
      if (!at) continue;
      const message = 'contains a NUL character (U+0000), which cannot be stored';
      throw new AppError(
        'request.invalid',
        { detail: `${at}: ${message}` },
        { issues: [{ path: at, message }] },
      );
    }
  });
}
