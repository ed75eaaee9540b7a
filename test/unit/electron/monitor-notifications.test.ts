// Electron cannot run on this machine (its binary cannot be downloaded): Electron's Notification class
// and BrowserWindow are the stand-ins in ./fake-electron.ts, so what is checked here is what the shell
// asks Electron to show, to whom, and what a click does — not the OS notification itself. The runtime
// is a fake with the real EventHub and the real role filter the runtime uses (broadcastWhere).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Notification, NotificationConstructorOptions } from 'electron';
import type { EventPayload } from '../../../shared/events';
import { silentLogger } from '../../../main/log';
import { startMonitorNotifications } from '../../../main/electron/monitor-notifications';
import { FakeBrowserWindow, FakeNotification, resetFakeElectron } from './fake-electron';
import { fakeRuntime } from './fake-runtime';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));
const NotificationClass = FakeNotification as unknown as { new (o: NotificationConstructorOptions): Notification; isSupported(): boolean };

const breach: EventPayload<'compliance.monitor'> = {
  id: 'npl_ratio',
  name: 'Non-performing loans',
  status: 'breach',
  from: 'warning',
  value: '0.31',
  note: 'Weighted across currencies.',
};
const warning: EventPayload<'compliance.monitor'> = {
  ...breach,
  id: 'loan_to_deposit',
  name: 'Loan-to-deposit ratio',
  status: 'warning',
  from: 'ok',
  value: '0.82',
  note: 'Loans over deposits.',
};

// Session tokens and their roles, as the runtime's mayActOnCompliance decides.
const ROLES: Record<string, string> = { 'tok-officer': 'compliance_officer', 'tok-teller': 'teller' };
const mayAct = (token: string): boolean => ROLES[token] === 'compliance_officer';

let win: FakeBrowserWindow;
let runtime: ReturnType<typeof fakeRuntime>;
let bound: string | null;
let stop: () => void;

beforeEach(async () => {
  resetFakeElectron();
  win = new FakeBrowserWindow({});
  runtime = fakeRuntime();
  bound = null;
  stop = startMonitorNotifications({
    runtime: Promise.resolve(runtime),
    boundSession: () => bound,
    getWindow: () => win as unknown as BrowserWindow,
    Notification: NotificationClass,
    log: silentLogger,
  });
  await flush();
});

describe('native notifications for compliance monitors (Electron main process)', () => {
  it('shows one per monitor entering warning or breach to a compliance officer, critical for a breach', () => {
    bound = 'tok-officer';
    runtime.events.broadcastWhere(mayAct, 'compliance.monitor', breach);
    runtime.events.broadcastWhere(mayAct, 'compliance.monitor', warning);
    expect(FakeNotification.instances.map((n) => n.options)).toEqual([
      { title: 'Non-performing loans: breach', body: 'Weighted across currencies.', urgency: 'critical' },
      { title: 'Loan-to-deposit ratio: warning', body: 'Loans over deposits.', urgency: 'normal' },
    ]);
    expect(FakeNotification.instances.every((n) => n.show.mock.calls.length === 1)).toBe(true);
  });

  it('shows none to a teller, or with nobody signed in, and none for other events', () => {
    runtime.events.broadcastWhere(mayAct, 'compliance.monitor', breach);
    bound = 'tok-teller';
    runtime.events.broadcastWhere(mayAct, 'compliance.monitor', breach);
    bound = 'tok-officer';
    runtime.events.broadcast('data.changed', { tables: ['alerts'] });
    expect(FakeNotification.instances).toEqual([]);
  });

  it('a click brings the window forward (restored when minimised)', () => {
    bound = 'tok-officer';
    win.minimized = true;
    runtime.events.broadcastWhere(mayAct, 'compliance.monitor', breach);
    FakeNotification.instances[0]?.click();
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });

  it('where the desktop has no notification service, nothing is attempted (the in-app toast remains)', () => {
    bound = 'tok-officer';
    FakeNotification.supported = false;
    runtime.events.broadcastWhere(mayAct, 'compliance.monitor', breach);
    expect(FakeNotification.instances).toEqual([]);
  });

  it('stops listening when the shell closes', () => {
    bound = 'tok-officer';
    stop();
    runtime.events.broadcastWhere(mayAct, 'compliance.monitor', breach);
    expect(FakeNotification.instances).toEqual([]);
  });
});
