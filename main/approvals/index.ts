export { decidePending, listPending, openPending, type PendingKind, type PendingRow } from './pending-change';
