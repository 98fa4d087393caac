export { loadConfig, testConfig, type Config } from './config';
export { buildApp } from './http/app';
export type { AppContext, AuthContext } from './http/context';
export { AppError } from './http/errors';
export { recordAudit, systemActor, type Actor } from './platform/audit';
export { Events, type DomainEvent, type Subscriber } from './platform/events';
export { Jobs } from './platform/jobs';
export { setupModules } from './modules';
export { openDatabase, startRegulars, type Running } from './runtime';
export {
  createDemoTenant,
  createTenant,
  DEMO_BUSINESS_CODE,
  DEMO_PASSWORD,
} from './modules/tenancy';
export {
  getImport,
  rejectsCsv,
  runImport,
  runMemberImport,
  startImport,
  uploadImport,
} from './modules/imports';
export { demoProgress, runDemoData, type DemoHooks } from './modules/demo';
