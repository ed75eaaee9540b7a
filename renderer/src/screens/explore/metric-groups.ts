import type { MetricInfo } from '../../../../shared/contract/metrics';

/** Areas of the catalog as a manager thinks of them; a metric the list does not know goes under "Other". */
const AREAS: { group: string; test: (id: string) => boolean }[] = [
  { group: 'Transactions', test: (id) => id.startsWith('transactions_') },
  { group: 'Deposits and customers', test: (id) => id.startsWith('deposits_') || id.startsWith('accounts_') || id.includes('customer') },
  { group: 'Loans and credit risk', test: (id) => id.startsWith('loan') || id.startsWith('npl_') || id === 'delinquency' || id === 'default_rate' },
  { group: 'Fraud', test: (id) => id.startsWith('fraud_') },
];

export interface MetricGroup {
  group: string;
  metrics: MetricInfo[];
}

/** The catalog in areas, each area in catalog order; empty areas left out. */
export function metricGroups(metrics: readonly MetricInfo[]): MetricGroup[] {
  const groups: MetricGroup[] = [...AREAS.map((a) => ({ group: a.group, metrics: [] as MetricInfo[] })), { group: 'Other', metrics: [] }];
  for (const m of metrics) {
    const i = AREAS.findIndex((a) => a.test(m.id));
    groups[i < 0 ? AREAS.length : i]?.metrics.push(m);
  }
  return groups.filter((g) => g.metrics.length > 0);
}
