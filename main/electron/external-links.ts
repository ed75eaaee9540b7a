/**
 * Hosts whose links the app may hand to the system browser. Keep this list short: every entry is a
 * site an analyst can be sent to from inside the bank's workstation. Exact host names only.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  // AWS documentation linked from settings (RDS TLS, IAM auth, S3 sharing).
  'docs.aws.amazon.com',
];

/** https only, an allow-listed host, no credentials and no unusual port. */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.port === '' && u.username === '' && u.password === '' && hosts.includes(u.hostname);
}
