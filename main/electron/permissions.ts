import type { Session } from 'electron';

/**
 * Permissions the page may have. Empty: the workstation needs no camera, microphone, location,
 * notifications, USB, etc., and Electron would otherwise grant every request by default.
 * Adding one here is a security decision; say why next to it.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(GRANTED_PERMISSIONS.has(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => GRANTED_PERMISSIONS.has(permission));
  // Device pickers (HID, serial, USB, Bluetooth) would otherwise let a page pick hardware.
  ses.setDevicePermissionHandler(() => false);
}
