export { earlierResult, inputHash, parseRecord, runOnce, type KeyedCall, type LegacyRecord } from './store';
