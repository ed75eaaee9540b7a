import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'CloudBank Analytics';

/** The per-user app-data folder, where Electron's app.getPath('userData') would put it too. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CLOUDBANK_DATA_DIR) return env.CLOUDBANK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/** Files inside a data dir, named in one place. */
export function dataPaths(dataDir: string) {
  return {
    demoBank: join(dataDir, 'bank.sqlite'),
    cache: join(dataDir, 'cache.db'),
    cacheKey: join(dataDir, 'keys', 'cache.key.sealed'),
    bankKey: join(dataDir, 'keys', 'bank.key.sealed'),
    keyFile: join(dataDir, 'keys', 'secrets.key'),
    settings: join(dataDir, 'settings.json'),
  };
}
