import { sql } from '@regulars/db';
import type { AppContext } from '../../http/context';
import type { FileSource } from './read-file';

const PIECE_BYTES = 4 << 20;

/**
 * An uploaded file read from the database a piece at a time (the column is stored uncompressed,
 * migration 0015, so each piece is read alone), each piece in a short transaction of its own.
 */
export async function storedFile(
  ctx: AppContext,
  tenantId: string,
  importId: string,
): Promise<FileSource> {
  const piece = (offset: number, length: number) =>
    ctx.db.withTenant(tenantId, async (tx) => {
      const r = await sql<{ piece: Buffer }>`
        SELECT substring(bytes FROM ${offset + 1}::int FOR ${length}::int) AS piece
        FROM import_files WHERE import_id = ${importId}`.execute(tx);
      return r.rows[0]?.piece ?? Buffer.alloc(0);
    });
  const size = await ctx.db.withTenant(tenantId, async (tx) => {
    const r = await sql<{ size: number }>`
      SELECT octet_length(bytes) AS size FROM import_files WHERE import_id = ${importId}`.execute(
      tx,
    );
    return r.rows[0]?.size ?? 0;
  });
  return {
    size,
    head: await piece(0, 1 << 20),
    pieces: async function* () {
      for (let offset = 0; offset < size; offset += PIECE_BYTES)
        yield await piece(offset, PIECE_BYTES);
    },
  };
}
