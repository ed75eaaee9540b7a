export { loadOrCreateCacheKey } from './cache-key';
export { CacheKeyError, cacheKysely, openCacheDatabase, prepareCacheSchema } from './open-cache';
export { mysqlReader, sqliteReader, type SourceReader } from './source-reader';
export { SyncEngine, type SyncOptions, type SyncProgress, type SyncResult } from './sync-engine';
export { SYNC_SPECS, type SyncSpec } from './sync-tables';
export { startSyncWorker, type SyncWorkerData, type SyncWorkerHandle } from './sync-worker-client';
export { Drilldown, type Dimension, type Slice } from './drilldown';
export { LiveCache, type LiveCacheOptions } from './live-cache';
export { bindCacheToSource, sourceIdentity } from './bind-source';
