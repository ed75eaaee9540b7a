import type { ApiResult } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import type { SignInLimits } from '../auth';
import type { CallRequest } from '../dispatch';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';

export interface RuntimeOptions {
  /** Holds the demo bank, the cache, settings and keys. */
  dataDir: string;
  /** Use this MySQL bank instead of the embedded demo bank. */
  mysqlUrl?: string;
  /** Electron passes a safeStorage-backed store; otherwise a key file in the data dir is used. */
  secrets?: SecretStore;
  /** Idle time after which a session ends (default 15 minutes). */
  idleTimeoutMs?: number;
  /** Time after sign-in at which a session ends however active (default 12 hours). */
  sessionMaxMs?: number;
  /** Size of the demo bank generated on first start. */
  demo?: { customers: number; months: number; seed: number };
  log?: Logger;
  /** Reports progress while the demo bank is generated on first start. */
  onProgress?: (message: string) => void;
  /** Something the person starting the app must be told (e.g. the bank was just encrypted); default: onProgress. */
  onNotice?: (message: string) => void;
  /** Score new bookings live and push high-risk alerts (default on). */
  liveFraudMonitor?: boolean;
  /** In-memory sign-in throttles in front of the lockout (default: main/auth DEFAULT_SIGN_IN_LIMITS). */
  signInLimits?: SignInLimits;
  /** Worker threads for metric and explorer reads over SQLite (default min(2, cores)); 0 runs them on the main thread. */
  readWorkers?: number;
}

export interface RuntimeInfo {
  mode: 'demo' | 'live';
  bankName: string;
  /** e.g. "embedded bank /path/bank.sqlite" or "MySQL host:3306/db"; never a password. */
  source: string;
  /** Demo mode only: the users and the shared password to print at start. */
  demoCredentials: { password: string; users: { username: string; role: Role; displayName: string }[] } | null;
}

/** Everything a transport needs: one dispatcher, one event hub. */
export interface Runtime {
  readonly info: RuntimeInfo;
  readonly events: EventHub;
  dispatch(req: CallRequest): Promise<ApiResult<unknown>>;
  /** Whether a token is a live session (the HTTP host checks this before upgrading a socket). */
  isLiveSession(token: string): boolean;
  close(): Promise<void>;
}
