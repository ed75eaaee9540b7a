import { describe, expect, it } from 'vitest';
import { classifyConnectionError, ConnectionSetupError, type AttemptContext } from '../../main/connections';

const ctx: AttemptContext = { host: 'db.example.com', port: 3306, database: 'bank', user: 'analyst', auth: 'password', tlsMode: 'verify-rds', timeoutMs: 10_000 };

function err(code: string, message: string, errno?: number): Error {
  return Object.assign(new Error(message), { code, ...(errno === undefined ? {} : { errno }) });
}

describe('classifyConnectionError', () => {
  it.each([
    ['ER_ACCESS_DENIED_ERROR', "Access denied for user 'analyst'@'10.0.0.1' (using password: YES)", 'wrong_password', /password/],
    ['ER_BAD_DB_ERROR', "Unknown database 'bank'", 'unknown_database', /no database "bank"/],
    ['ER_DBACCESS_DENIED_ERROR', "Access denied for user 'analyst'@'%' to database 'bank'", 'privileges', /or it does not exist.*grant the user SELECT/],
    ['ER_HOST_NOT_PRIVILEGED', "Host '10.0.0.1' is not allowed to connect", 'privileges', /this computer's address/],
    ['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.2:3306', 'unreachable', /db\.example\.com:3306/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND db.example.com', 'unreachable', /does not resolve/],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH', 'unreachable', /network route/],
    ['ETIMEDOUT', 'connect ETIMEDOUT', 'timeout', /within 10 s/],
    ['PROTOCOL_SEQUENCE_TIMEOUT', 'Query inactivity timeout', 'timeout', /No answer/],
    ['HANDSHAKE_NO_SSL_SUPPORT', 'Server does not support secure connection', 'tls', /does not offer TLS/],
    ['HANDSHAKE_SSL_ERROR', 'self-signed certificate in certificate chain', 'tls', /not issued by the Amazon RDS CA bundle/],
    ['HANDSHAKE_SSL_ERROR', 'unable to verify the first certificate', 'tls', /cannot be trusted/],
    ['HANDSHAKE_SSL_ERROR', 'certificate has expired', 'tls', /expired/],
    ['HANDSHAKE_SSL_ERROR', "Hostname/IP does not match certificate's altnames: Host: db.example.com. is not in the cert's altnames", 'tls', /not issued for "db\.example\.com"/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', 'tls', /may not be a MySQL server/],
    ['ER_CON_COUNT_ERROR', 'Too many connections', 'other', /pool size/],
    ['ECONNRESET', 'read ECONNRESET', 'other', /closed the connection/],
    ['WHATEVER', 'something odd', 'other', /something odd/],
  ])('%s → %s', (code, message, cause, pattern) => {
    const c = classifyConnectionError(err(code, message), ctx);
    expect(c.cause).toBe(cause);
    expect(c.message).toMatch(pattern);
  });

  it('names the custom CA file when verification with it fails', () => {
    const c = classifyConnectionError(err('HANDSHAKE_SSL_ERROR', 'self-signed certificate in certificate chain'), {
      ...ctx,
      tlsMode: 'verify-custom',
      caFile: '/etc/ssl/my-ca.pem',
    });
    expect(c).toMatchObject({ cause: 'tls' });
    expect(c.message).toContain('/etc/ssl/my-ca.pem');
  });

  it('explains a refused IAM token differently from a wrong password', () => {
    const c = classifyConnectionError(err('ER_ACCESS_DENIED_ERROR', 'Access denied'), { ...ctx, auth: 'iam' });
    expect(c.cause).toBe('wrong_password');
    expect(c.message).toMatch(/IAM token.*AWSAuthenticationPlugin/);
  });

  it('treats a MariaDB locked account and an unreadable saved password as credential problems', () => {
    expect(classifyConnectionError(err('', 'Access denied, this account is locked', 4151), ctx).cause).toBe('wrong_password');
    expect(classifyConnectionError(new ConnectionSetupError('PASSWORD_UNSEALABLE', 'cannot be unsealed'), ctx).cause).toBe('wrong_password');
  });

  it('reports CA file problems as TLS and IAM setup problems as other', () => {
    expect(classifyConnectionError(new ConnectionSetupError('CA_FILE', 'The CA file /x does not exist.'), ctx)).toEqual({
      cause: 'tls',
      message: 'The CA file /x does not exist.',
    });
    expect(classifyConnectionError(new ConnectionSetupError('IAM_UNAVAILABLE', 'needs @aws-sdk/rds-signer'), ctx).cause).toBe('other');
  });

  it('copes with things that are not errors', () => {
    expect(classifyConnectionError('boom', ctx)).toMatchObject({ cause: 'other' });
    expect(classifyConnectionError(null, ctx)).toMatchObject({ cause: 'other' });
  });
});

describe('host name mismatch', () => {
  it('tells people to use the host name when they connected by IP address', () => {
    const c = classifyConnectionError(
      err('HANDSHAKE_SSL_ERROR', "Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:db.example.com"),
      { ...ctx, host: '10.1.2.3' },
    );
    expect(c.cause).toBe('tls');
    expect(c.message).toMatch(/cannot be matched to an IP address \(10\.1\.2\.3\)/);
  });
});
