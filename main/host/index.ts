export { PortInUseError, startHost, type HostOptions, type RunningHost } from './server';
export { BROWSER_CSP } from './csp';
