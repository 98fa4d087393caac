import { AppError, notFound } from '../http/errors';

/**
 * After `UPDATE … WHERE id = … AND version = …`: no row means either the thing is gone (404) or
 * someone changed it since the caller read it (409). A stale write never overwrites.
 */
export async function versionedResult<T>(
  updated: T | undefined,
  stillExists: () => Promise<unknown>,
  entity: string,
): Promise<T> {
  if (updated) return updated;
  if (await stillExists()) throw new AppError('conflict.version', {}, { entity });
  throw notFound(entity);
}

/** Maps a unique-constraint violation to a clear 409 naming the field. */
export function duplicateAs(field: string) {
  return (err: unknown): never => {
    if ((err as { code?: string }).code === '23505')
      throw new AppError('conflict.duplicate', { field }, { field });
    throw err;
  };
}
