import { Secret, TOTP } from 'otpauth';

/** What an authenticator app does with the secret the enrolment screen shows: RFC 6238, SHA-1, 6 digits, 30 s. */
const PERIOD_S = 30;

function totp(secretBase32: string): TOTP {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32.replace(/\s+/g, '')) });
}

export function timeStep(at: number = Date.now()): number {
  return Math.floor(at / 1000 / PERIOD_S);
}

export function codeAtStep(secretBase32: string, step: number): string {
  return totp(secretBase32).generate({ timestamp: step * PERIOD_S * 1000 });
}

/** A six-digit code that matches none of the steps around `at`, so the server must refuse it whatever drift it allows. */
export function wrongCode(secretBase32: string, at: number = Date.now()): string {
  const step = timeStep(at);
  const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((d) => codeAtStep(secretBase32, step + d)));
  for (let n = 0; ; n++) {
    const candidate = String((123_456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}
