import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app supports. */
function totpFor(secretBase32: string, label: string, issuer: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function enrolment(secretBase32: string, username: string, issuer: string): Promise<{ otpauthUri: string; qrSvg: string }> {
  const otpauthUri = totpFor(secretBase32, username, issuer).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, qrSvg };
}

/** Returns the time step the code belongs to (±1 step of clock drift), or null. */
export function verifyTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const totp = totpFor(secretBase32, 'x', 'x');
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / 30) + delta;
}

export function totpNow(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32, 'x', 'x').generate({ timestamp: now });
}
