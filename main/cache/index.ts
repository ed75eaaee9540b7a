export { loadOrCreateCacheKey } from './cache-key';
export { CacheKeyError, cacheKysely, openCacheDatabase, prepareCacheSchema } from './open-cache';
export { mysqlReader, sqliteReader, type SourceReader } from './source-reader';
export { SyncEngine, type SyncOptions, type SyncProgress, type SyncResult } from './sync-engine';
export { SYNC_SPECS, type SyncSpec } from './sync-tables';
export { startSyncWorker, type SyncWorkerData, type SyncWorkerHandle } from './sync-worker-client';
export { LiveCache, type LiveCacheOptions } from './live-cache';
export { bindCacheToSource, sourceIdentity } from './bind-source';
export { openWorkstationCache, type WorkstationCache } from './open-workstation-cache';
export {
  Outbox,
  replayOutbox,
  type NewOutboxCommand,
  type OutboxCommand,
  type OutboxStatus,
  type ReplayOutcome,
  type ReplaySummary,
} from './outbox';
export { AdaptiveDelay } from './adaptive-delay';
export { ROLLUP_VERSION } from './rollups';
export { syncHandlers } from './sync-handlers';
export { replayOnReconnect, replayOutcome, type OfflineWriteDeps, type OutboxHost } from './offline-writes';
