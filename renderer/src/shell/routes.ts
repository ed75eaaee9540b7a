import {
  IconGavel,
  IconReportAnalytics,
  IconAddressBook,
  IconAdjustmentsHorizontal,
  IconChartDots3,
  IconArrowsExchange,
  IconBuildingBank,
  IconBuildingStore,
  IconCloudDownload,
  IconWallet,
  IconDatabaseCog,
  IconBucket,
  IconLayoutDashboard,
  IconShieldCheck,
  IconShieldExclamation,
  IconUserCircle,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../../../shared/roles';

export interface RouteDef {
  path: string;
  label: string;
  /** What the palette shows under the label. */
  description: string;
  permission: Permission;
  icon: TablerIcon;
  screen: LazyExoticComponent<ComponentType>;
}

/** Settings → Sync & cache, where the header's offline and syncing badges lead. */
export const SYNC_ROUTE = 'settings/sync';
/** Settings → Report storage, where the Reports screen sends whoever can change it. */
export const REPORT_STORAGE_ROUTE = 'settings/report-storage';

/** Every screen that exists. Navigation and the palette show only those the session's permissions allow. */
export const ROUTES: readonly RouteDef[] = [
  {
    path: 'dashboard',
    label: 'Dashboard',
    description: 'Customers, deposits, today’s transactions, 90-day volume, latest activity',
    permission: 'dashboard.view',
    icon: IconLayoutDashboard,
    screen: lazy(() => import('../screens/dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen }))),
  },
  {
    path: 'explore',
    label: 'Explore',
    description: 'Any catalog metric by period, split and drilled down to its rows; saved views, CSV and XLSX',
    permission: 'analytics.view',
    icon: IconChartDots3,
    screen: lazy(() => import('../screens/explore/ExploreScreen').then((m) => ({ default: m.ExploreScreen }))),
  },
  {
    path: 'reports',
    label: 'Reports',
    description: 'Report builder: quarterly board packs from catalog metrics, PDF/XLSX/CSV, stored and shared through S3; earlier reports',
    permission: 'reports.view',
    icon: IconReportAnalytics,
    screen: lazy(() => import('../screens/reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen }))),
  },
  {
    path: 'compliance',
    label: 'Compliance',
    description: 'Compliance monitors against their limits, deadlines, drill-down, corrective tasks, large-cash reports, cases and SARs, KYC reviews, limit changes',
    permission: 'compliance.view',
    icon: IconGavel,
    screen: lazy(() => import('../screens/compliance/ComplianceScreen').then((m) => ({ default: m.ComplianceScreen }))),
  },
  {
    path: 'fraud',
    label: 'Fraud queue',
    description: 'Alerts to review by risk and age; investigate, confirm fraud and freeze, dismiss, escalate',
    permission: 'fraud.view',
    icon: IconShieldExclamation,
    screen: lazy(() => import('../screens/fraud/QueueScreen').then((m) => ({ default: m.QueueScreen }))),
  },
  {
    path: 'fraud-rules',
    label: 'Fraud rules',
    description: 'Detection rules: hits, false-positive rates, parameters, backtest, versions',
    permission: 'fraud.view',
    icon: IconAdjustmentsHorizontal,
    screen: lazy(() => import('../screens/fraud/RulesScreen').then((m) => ({ default: m.RulesScreen }))),
  },
  {
    path: 'customers',
    label: 'Customers',
    description: 'Find a customer by name, number, account or phone; register; customer 360',
    permission: 'banking.view',
    icon: IconAddressBook,
    screen: lazy(() => import('../screens/customers/CustomersScreen').then((m) => ({ default: m.CustomersScreen }))),
  },
  {
    path: 'accounts',
    label: 'Accounts',
    description: 'Balance inquiry by account number, account actions, open an account, statements',
    permission: 'banking.view',
    icon: IconWallet,
    screen: lazy(() => import('../screens/accounts/AccountsScreen').then((m) => ({ default: m.AccountsScreen }))),
  },
  {
    path: 'operations',
    label: 'Operations',
    description: 'Deposit, withdrawal, transfer, external transfer — with a confirmation step and receipt',
    permission: 'banking.operate',
    icon: IconArrowsExchange,
    screen: lazy(() => import('../screens/operations/OperationsScreen').then((m) => ({ default: m.OperationsScreen }))),
  },
  {
    path: 'products',
    label: 'Products',
    description: 'Product catalog: deposit and loan products, rates, fees, overdraft and daily limits',
    permission: 'banking.view',
    icon: IconBuildingStore,
    screen: lazy(() => import('../screens/products/ProductsScreen').then((m) => ({ default: m.ProductsScreen }))),
  },
  {
    path: 'branches',
    label: 'Branches',
    description: 'Branch directory: addresses, opening hours, phone numbers',
    permission: 'banking.view',
    icon: IconBuildingBank,
    screen: lazy(() => import('../screens/branches/BranchesScreen').then((m) => ({ default: m.BranchesScreen }))),
  },
  {
    path: 'audit',
    label: 'Audit log',
    description: 'Every change and sign-in, with hash-chain verification',
    permission: 'audit.view',
    icon: IconShieldCheck,
    screen: lazy(() => import('../screens/audit/AuditScreen').then((m) => ({ default: m.AuditScreen }))),
  },
  {
    path: 'users',
    label: 'Users',
    description: 'Staff accounts, roles, lockouts',
    permission: 'users.manage',
    icon: IconUsers,
    screen: lazy(() => import('../screens/users/UsersScreen').then((m) => ({ default: m.UsersScreen }))),
  },
  {
    path: 'settings/connections',
    label: 'Connections',
    description: 'Settings: MySQL / Amazon RDS sources, TLS verification, connection test',
    permission: 'settings.manage',
    icon: IconDatabaseCog,
    screen: lazy(() => import('../screens/settings/ConnectionsScreen').then((m) => ({ default: m.ConnectionsScreen }))),
  },
  {
    path: REPORT_STORAGE_ROUTE,
    label: 'Report storage',
    description: 'Settings: the S3 bucket, prefix, region and encryption (SSE-S3 or KMS) where reports are stored and shared; changes audited',
    permission: 'settings.manage',
    icon: IconBucket,
    screen: lazy(() => import('../screens/settings/ReportStorageScreen').then((m) => ({ default: m.ReportStorageScreen }))),
  },
  {
    path: SYNC_ROUTE,
    label: 'Sync & cache',
    description: 'Settings: online or offline, sync progress, how fresh each cached table is',
    // Everyone signed in: whoever reads figures needs to know how old they are.
    permission: 'session',
    icon: IconCloudDownload,
    screen: lazy(() => import('../screens/settings/SyncScreen').then((m) => ({ default: m.SyncScreen }))),
  },
  {
    path: 'my-account',
    label: 'My account',
    description: 'Your profile and two-step sign-in (MFA)',
    permission: 'session',
    icon: IconUserCircle,
    screen: lazy(() => import('../screens/my-account/MyAccountScreen').then((m) => ({ default: m.MyAccountScreen }))),
  },
];

/**
 * The route an address belongs to: its own path or a sub-path of it ("customers/42/edit" belongs
 * to "customers"); the longest match wins so "settings/sync" is not taken by a "settings" route.
 */
export function routeOf<R extends { path: string }>(routes: readonly R[], path: string): R | undefined {
  let best: R | undefined;
  for (const r of routes) {
    if ((path === r.path || path.startsWith(`${r.path}/`)) && (!best || r.path.length > best.path.length)) best = r;
  }
  return best;
}

export function permittedRoutes(permissions: readonly Permission[]): RouteDef[] {
  return ROUTES.filter((r) => r.permission === 'session' || permissions.includes(r.permission));
}
