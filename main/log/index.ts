/** Structured one-line logs on stderr. Never pass secrets here: tokens, passwords and keys stay out of logs. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function consoleLogger(scope: string, quiet = false): Logger {
  const write = (level: string, msg: string, fields?: Record<string, unknown>): void => {
    if (quiet && level === 'info') return;
    const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
    process.stderr.write(`${new Date().toISOString()} ${level} [${scope}] ${msg}${extra}\n`);
  };
  return { info: (m, f) => write('info', m, f), warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f) };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
