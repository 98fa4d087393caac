export { APP_ROLE, createDb, executorOf, type Db, type SqlExecutor, type Tx } from './connection';
export { ensureDatabase, freePort, startEmbedded, type EmbeddedDatabase } from './embedded';
export { listMigrations, migrate, type MigrationResult } from './migrate';
export type * from './schema';
export type * from './schema-calls';
export type * from './schema-catalog';
export type * from './schema-imports';
export type * from './schema-members';
export { sql } from 'kysely';
