import { describe, expect, it } from 'vitest';
import { accountDirectory, RULE_IDS, runDetection, type RuleOverrides, type Txn } from '../../main/fraud';

const D = 86_400_000;
const H6 = 6 * 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 10, 0, 0);
const dir = accountDirectory(Array.from({ length: 40 }, (_, i) => ({ id: i + 1, customerId: i + 1, accountNo: `ACC-${i + 1}`, openedAt: T0 - 400 * D, currency: 'USD' })));
/** The fan and the whole-balance rule only: the member's own alert and the group's. */
const rules: RuleOverrides = {};
for (const id of RULE_IDS) if (id !== 'network_fan' && id !== 'takeover_drain') Object.assign(rules, { [id]: { enabled: false } });

let n = 0;
function pay(from: number, to: string, at: number, amount: number, balanceAfter: number): Txn {
  n++;
  return {
    id: n,
    journalId: 1_000 + n,
    accountId: from,
    customerId: from,
    at,
    amount: -amount,
    balanceAfter,
    type: 'transfer',
    channel: 'online',
    counterpartyName: null,
    counterpartyAccount: to,
  };
}

describe('group and member alerts merge', () => {
  it('a member account’s open alert is folded into the network group’s: one alert, both rules, every transaction', () => {
    const txns = [
      pay(10, 'ACC-1', T0, 5_000, 0), // account 10 sends its whole balance: its own alert opens
      ...[11, 12, 13, 14].map((a, i) => pay(a, 'ACC-1', T0 + (i + 1) * H6, 5_000, 100_000)), // the fan completes at 5 senders, within the member's episode
    ];
    const alerts = runDetection(txns, dir, { rules });
    expect(alerts).toHaveLength(1);
    const [group] = alerts;
    expect(group?.ruleId).toBe('network_fan');
    expect(new Set(group?.explanation.hits.map((h) => h.ruleId))).toEqual(new Set(['network_fan', 'takeover_drain']));
    expect(group?.journalIds).toEqual(txns.map((t) => t.journalId));
  });

  it('an account outside the group keeps its own alert; a member alert that ended before the group stays apart', () => {
    const txns = [
      pay(30, 'ACC-2', T0 - 20 * D, 5_000, 0), // member, but its episode ended weeks before the fan
      pay(20, 'ACC-7', T0, 5_000, 0), // not a member
      ...[30, 31, 32, 33, 34].map((a, i) => pay(a, 'ACC-2', T0 + i * D, 7_000, 100_000)),
    ];
    const alerts = runDetection(txns, dir, { rules });
    expect(alerts.map((a) => a.ruleId).sort()).toEqual(['network_fan', 'takeover_drain', 'takeover_drain']);
  });
});
