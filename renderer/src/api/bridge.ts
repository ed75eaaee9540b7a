import type { CloudbankBridge } from '../../../shared/bridge';

/**
 * What the Electron preload exposes as `window.cloudbank` through contextBridge (the interface
 * itself lives in shared/bridge.ts, which the preload implements). The page never sees
 * ipcRenderer or any Node API; in a plain browser the property is absent.
 */
export type CloudBankBridge = CloudbankBridge;

declare global {
  interface Window {
    cloudbank?: CloudbankBridge;
  }
}
