/** Which token: RDS signs for one endpoint, port, database user and region. */
export interface IamTokenRequest {
  hostname: string;
  port: number;
  username: string;
  region: string;
}

/** Issues RDS IAM authentication tokens (valid 15 minutes); tests pass their own. */
export interface IamTokenProvider {
  getAuthToken(req: IamTokenRequest): Promise<string>;
}

/** RDS accepts an IAM authentication token for 15 minutes after it was signed. */
export const IAM_TOKEN_LIFETIME_MS = 15 * 60_000;
/**
 * Tokens are reused for 10 minutes, then signed anew: a connection opened with a cached token still
 * has at least 5 minutes of validity for slow handshakes, clock skew between here and AWS, and
 * retries after a failover.
 */
export const IAM_TOKEN_REFRESH_AFTER_MS = 10 * 60_000;

/** What signs one token; the production one is @aws-sdk/rds-signer's Signer. */
export interface TokenSigner {
  getAuthToken(): Promise<string>;
}

export type SignerFactory = (req: IamTokenRequest) => TokenSigner;

/**
 * Signs with the standard AWS credential chain (environment, shared config and SSO profiles,
 * web identity, container and instance roles; AWS_PROFILE picks a profile). Signing is local — no
 * call to RDS — but resolving credentials may reach STS or SSO, which the SDK caches itself.
 */
export const awsSdkSigner: SignerFactory = (req) => ({
  // Loaded on first use: the demo bank and password profiles (and the sync worker serving them) never load the AWS SDK.
  getAuthToken: async () => {
    const { Signer } = await import('@aws-sdk/rds-signer');
    return new Signer({ hostname: req.hostname, port: req.port, username: req.username, region: req.region }).getAuthToken();
  },
});

export interface CachedIamTokenOptions {
  createSigner?: SignerFactory;
  now?: () => number;
  refreshAfterMs?: number;
}

interface Entry {
  signedAt: number;
  token: Promise<string>;
}

/**
 * An IamTokenProvider that signs one token per endpoint and user and reuses it until
 * `refreshAfterMs` (10 min, well before the 15-minute expiry). A pool opening ten connections at
 * once shares one signature: concurrent callers wait on the same promise. A failed signature is
 * not cached, so the next connection attempt tries again (after the person fixed their SSO login).
 */
export class CachedIamTokenProvider implements IamTokenProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly createSigner: SignerFactory;
  private readonly now: () => number;
  private readonly refreshAfterMs: number;

  constructor(opts: CachedIamTokenOptions = {}) {
    this.createSigner = opts.createSigner ?? awsSdkSigner;
    this.now = opts.now ?? Date.now;
    this.refreshAfterMs = opts.refreshAfterMs ?? IAM_TOKEN_REFRESH_AFTER_MS;
    if (!(this.refreshAfterMs > 0 && this.refreshAfterMs < IAM_TOKEN_LIFETIME_MS)) {
      throw new RangeError(`refreshAfterMs must be between 0 and ${IAM_TOKEN_LIFETIME_MS} ms (the token lifetime), got ${this.refreshAfterMs}`);
    }
  }

  getAuthToken(req: IamTokenRequest): Promise<string> {
    const key = `${req.region}\n${req.hostname}\n${req.port}\n${req.username}`;
    const at = this.now();
    const cached = this.entries.get(key);
    // A clock that went backwards (sleep, NTP step) makes the age negative: sign anew rather than trust it.
    if (cached && at - cached.signedAt >= 0 && at - cached.signedAt < this.refreshAfterMs) return cached.token;
    const token = this.createSigner(req).getAuthToken();
    const entry: Entry = { signedAt: at, token };
    this.entries.set(key, entry);
    token.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return token;
  }
}

let shared: CachedIamTokenProvider | null = null;

/** The process's provider over the AWS credential chain: the workstation, its sync worker and the Lambdas each use one. */
export function rdsIamTokenProvider(): IamTokenProvider {
  shared ??= new CachedIamTokenProvider();
  return shared;
}
