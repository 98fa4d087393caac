import type { AppContext } from '../../http/context';
import type { Api } from '../../http/routes';
import { registerExportRoutes } from './export.routes';
import { registerImportRoutes } from './imports.routes';
import { IMPORT_QUEUE, runImport } from './import.job';

/**
 * Imports and exports: member, product and purchase files (.xlsx, .csv in UTF-8/Big5/GBK; vCard
 * for members) mapped, checked and upserted as a resumable job — one pipeline (import.job.ts)
 * and a runner per kind; member exports and a member's own data on request.
 */
export function setupImports(ctx: AppContext): void {
  ctx.jobs.define(IMPORT_QUEUE, (data) => runImport(ctx, data.tenantId, String(data.importId)), {
    batchSize: 1,
  });
}

export function registerImportsRoutes(api: Api): void {
  registerImportRoutes(api);
  registerExportRoutes(api);
}

export { runImport, runMemberImport, IMPORT_QUEUE, type ImportHooks } from './import.job';
export { getImport, startImport, uploadImport } from './imports.service';
export { rejectsCsv } from './rejects';
