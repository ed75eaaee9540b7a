// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { isAllowedExternalUrl } from '../../../main/electron/external-links';
import { guardNavigation } from '../../../main/electron/navigation-guard';
import { isAppUrl } from '../../../main/electron/origin';
import { denyPermissions } from '../../../main/electron/permissions';
import { FakeWebContents, fakeElectron, navigationEvent, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

let contents: FakeWebContents;
beforeEach(() => {
  resetFakeElectron();
  contents = new FakeWebContents();
  guardNavigation(contents as unknown as WebContents);
});

function navigate(channel: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
  const ev = navigationEvent(url);
  contents.emit(channel, ev);
  return ev.defaultPrevented;
}

function openWindow(url: string): 'allow' | 'deny' {
  if (!contents.openHandler) throw new Error('no window open handler');
  return contents.openHandler({ url }).action;
}

describe('will-navigate', () => {
  it('allows the app origin', () => {
    expect(navigate('will-navigate', 'app://cloudbank/index.html')).toBe(false);
    expect(navigate('will-navigate', 'app://cloudbank/fraud/queue?x=1#top')).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'app://cloudbank.evil/',
    'app://cloudbank@evil/',
    'app://evil/index.html',
    'app://cloudbank:8080/',
    'javascript:alert(1)',
    'not a url',
  ])('prevents %s and opens nothing', (url) => {
    expect(navigate('will-navigate', url)).toBe(true);
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents an allow-listed link but hands it to the system browser', () => {
    expect(navigate('will-navigate', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html')).toBe(true);
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html');
  });
});

describe('will-redirect and subframes', () => {
  it('prevents redirects off the app, even to allow-listed hosts, and opens nothing', () => {
    expect(navigate('will-redirect', 'https://docs.aws.amazon.com/')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('allows redirects within the app', () => {
    expect(navigate('will-redirect', 'app://cloudbank/index.html')).toBe(false);
  });

  it('keeps frames on the app origin', () => {
    expect(navigate('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-frame-navigate', 'app://cloudbank/index.html')).toBe(false);
  });

  it('refuses to attach a webview', () => {
    const ev = navigationEvent('');
    contents.emit('will-attach-webview', ev, {}, {});
    expect(ev.defaultPrevented).toBe(true);
  });
});

describe('window.open', () => {
  it('denies every new window, even for the app origin', () => {
    expect(openWindow('app://cloudbank/index.html')).toBe('deny');
    expect(openWindow('https://evil.example/')).toBe('deny');
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens an allow-listed https link in the system browser (and still denies the window)', () => {
    expect(openWindow('https://docs.aws.amazon.com/s3/')).toBe('deny');
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.aws.amazon.com/s3/');
  });

  it.each([
    'http://docs.aws.amazon.com/',
    'https://docs.aws.amazon.com.evil.example/',
    'https://evil.example/?https://docs.aws.amazon.com/',
    'https://user:pw@docs.aws.amazon.com/',
    'https://docs.aws.amazon.com:8443/',
    'https://aws.amazon.com/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://server/share',
    'javascript:alert(1)',
  ])('drops %s', (url) => {
    expect(openWindow(url)).toBe('deny');
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('URL predicates', () => {
  it('isAppUrl matches app://cloudbank only', () => {
    expect(isAppUrl('app://cloudbank/')).toBe(true);
    expect(isAppUrl('app://cloudbank/a/b.js')).toBe(true);
    expect(isAppUrl('app://cloudbankx/')).toBe(false);
    expect(isAppUrl('https://cloudbank/')).toBe(false);
  });

  it('isAllowedExternalUrl takes an explicit host list', () => {
    expect(isAllowedExternalUrl('https://example.org/x', ['example.org'])).toBe(true);
    expect(isAllowedExternalUrl('https://sub.example.org/x', ['example.org'])).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check, and device access', () => {
    const ses = fakeElectron.session.defaultSession;
    denyPermissions(ses as unknown as Electron.Session);
    const request = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, p: string) => boolean;
    const device = ses.setDevicePermissionHandler.mock.calls[0]?.[0] as (d: unknown) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid']) {
      const cb = vi.fn();
      request(contents, permission, cb);
      expect(cb).toHaveBeenCalledExactlyOnceWith(false);
      expect(check(contents, permission)).toBe(false);
    }
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});
