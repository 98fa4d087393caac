import type { AppContext } from '../../http/context';
import type { Api } from '../../http/routes';
import { registerExportRoutes } from './export.routes';
import { registerImportRoutes } from './imports.routes';
import { IMPORT_QUEUE, runMemberImport } from './member-import.job';

/**
 * Imports and exports: member files (.xlsx, .csv in UTF-8/Big5/GBK, vCard) mapped, checked and
 * upserted as a resumable job; member exports and a member's own data on request. Products and
 * purchases will import the same way: a new `kind` on the import and its own batch writer.
 */
export function setupImports(ctx: AppContext): void {
  ctx.jobs.define(
    IMPORT_QUEUE,
    (data) => runMemberImport(ctx, data.tenantId, String(data.importId)),
    {
      batchSize: 1,
    },
  );
}

export function registerImportsRoutes(api: Api): void {
  registerImportRoutes(api);
  registerExportRoutes(api);
}

export { runMemberImport, IMPORT_QUEUE, type ImportHooks } from './member-import.job';
export { getImport, startImport, uploadImport } from './imports.service';
export { rejectsCsv } from './rejects';
