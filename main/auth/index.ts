export { adminHandlers, authHandlers, type BankIdentity } from './handlers';
export { DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers } from './demo-users';
export { MAX_FAILED_ATTEMPTS, LOCKOUT_MS } from './lockout';
export { hashPassword, verifyPassword } from './passwords';
export { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './rate-limit';
export { AuthService } from './service';
export { SessionStore } from './sessions';
export { totpNow, verifyTotp } from './totp';
