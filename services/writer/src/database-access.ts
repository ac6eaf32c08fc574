// `@danmaku/writer/database`: the writer's database side (open, migrate, summarise) without its
// Kafka pipeline, for the commands that only use a database (`danmaku sql`, `migrate`, `status`).
export {
  defaultMigrationsFolder,
  migrate,
  migrationCount,
  type MigrateOptions,
  type MigrateResult,
} from './migrate.js';
export { chatSearchStatement, escapeLike, type ChatSearch } from './chat-search.js';
export { createPglite } from './create-pglite.js';
export {
  openDatabase,
  pgliteDatabase,
  readStoredOffsets,
  type Database,
  type DatabaseSettings,
} from './database.js';
export { summariseDatabase, type DatabaseSummary } from './database-summary.js';
export type { QueryResult, SqlClient, SqlExecutor } from './sql-client.js';
export { parseGiftList, type CatalogueGift, type ParsedGiftList } from './catalogue/gift-list.js';
export { importGifts, type GiftImportCounts } from './catalogue/import-gifts.js';
export { countUserRows, eraseUser } from './erase/erase-user.js';
