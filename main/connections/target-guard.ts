import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, connect, type Socket } from 'node:net';

/**
 * `connections.test` runs on the machine that hosts the runtime. In the browser edition that is a
 * server, and the test must not become a probe of it (issue 14, finding 12): against the machine's
 * own addresses (loopback, 0.0.0.0) a closed port, an open port of another service and a silent
 * port all get one answer, after the same time, unless a MySQL server greets; link-local addresses
 * (cloud instance metadata) are never contacted at all.
 */
export type TargetScope = 'remote' | 'local' | 'link-local';

/** Where one address points, as far as this guard cares. */
export function scopeOf(address: string): TargetScope {
  const a = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (isIP(a) === 4) {
    const [first = 0, second = 0] = a.split('.').map(Number);
    if (first === 127 || first === 0) return 'local';
    if (first === 169 && second === 254) return 'link-local';
    return 'remote';
  }
  if (isIP(a) === 6) {
    if (a === '::1' || a === '::' || /^0*:(0*:)*0*1?$/.test(a)) return 'local';
    if (/^fe[89ab][0-9a-f]?:/.test(a)) return 'link-local';
    return 'remote';
  }
  return 'remote';
}

export interface ResolvedTarget {
  scope: TargetScope;
  /**
   * The addresses checked, which the test then connects to and to no other (a second lookup could
   * answer differently: DNS rebinding); empty when the name does not resolve. For a local target,
   * only its local addresses.
   */
  addresses: string[];
}

/** Resolves the host once; a name with any local or link-local address counts as such. */
export async function resolveTarget(host: string): Promise<ResolvedTarget> {
  if (isIP(host)) return { scope: scopeOf(host), addresses: [host] };
  let addresses: string[];
  try {
    addresses = (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);
  } catch {
    // Left to the driver, whose ENOTFOUND the classifier explains; nothing local is reached.
    return { scope: 'remote', addresses: [] };
  }
  for (const scope of ['link-local', 'local'] as const) {
    const hits = addresses.filter((a) => scopeOf(a) === scope);
    if (hits.length) return { scope, addresses: hits };
  }
  return { scope: 'remote', addresses };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect that answers only with the addresses already checked: the driver still
 * tries each (IPv6 then IPv4, as Node's autoSelectFamily does) but can be pointed nowhere else.
 */
export function pinnedLookup(addresses: readonly string[]): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  const list: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  return (_hostname, options, callback) => {
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '');
    callback(null, first.address, first.family);
  };
}

/** The first of `addresses` (in their order) where a MySQL server greets, probed together; null when none does. */
export async function firstGreeting(addresses: readonly string[], port: number, timeoutMs: number): Promise<string | null> {
  const answers = await Promise.all(addresses.map((a) => greetsAsMysql(a, port, timeoutMs)));
  return addresses.find((_, i) => answers[i]) ?? null;
}

/**
 * Whether what listens at address:port speaks first as a MySQL server does: a packet with sequence 0
 * holding a protocol-10 handshake (a version string ending in NUL) or an error packet (0xff: too many
 * connections, host blocked). Anything else — refused, reset, silence, another protocol — is false.
 */
export function greetsAsMysql(address: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    let got = Buffer.alloc(0);
    const socket: Socket = connect({ host: address, port });
    const done = (answer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length < 5) return;
      const length = got.readUIntLE(0, 3);
      const sequence = got[3];
      const kind = got[4];
      if (sequence !== 0 || length < 2 || length > 4096) return done(false);
      if (kind === 0xff) return done(true);
      if (kind !== 10) return done(false);
      const nul = got.indexOf(0, 5);
      if (nul === -1) {
        if (got.length > 64) done(false);
        return;
      }
      done(nul > 5 && /^[\x20-\x7e]+$/.test(got.subarray(5, nul).toString('latin1')));
    });
  });
}

/** The one answer for a local target where no MySQL server greets, whatever the port really does. */
export function noLocalServerMessage(host: string, port: number, timeoutMs: number): string {
  return `No MySQL server answered at ${host}:${port} within ${Math.round(timeoutMs / 100) / 10} s. Check the host and port, and that the server is running.`;
}

/** Why a link-local target is refused without being contacted. */
export function linkLocalMessage(host: string): string {
  return `${host} is a link-local address (self-assigned, or a cloud instance's metadata service), never a bank database: give the database's own host name.`;
}
