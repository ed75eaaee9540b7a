// One answer to "did this query fail because the bank went away?", used by the dispatcher (OFFLINE
// instead of INTERNAL), sign-in, the reconnector and the outboxes' replays (keep the command, retry later).

const LINK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

/** What mysql2 says when a query is sent on a pool or connection that was already closed under it. */
const CLOSED_LINK = /connection lost|closed state|Pool is closed/i;

/**
 * Whether a failed query means the link to the bank is down (worth reconnecting, or keeping a command
 * for later) rather than a bad statement. mysql2 marks errors that killed the connection `fatal`.
 */
export function isLinkError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as { code?: unknown; fatal?: unknown };
  if (r.fatal === true || (typeof r.code === 'string' && LINK_CODES.has(r.code))) return true;
  return e instanceof Error && CLOSED_LINK.test(e.message);
}
