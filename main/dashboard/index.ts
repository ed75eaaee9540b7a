export { dashboardHandlers, type DashboardDeps } from './handlers';
export { activity, baseCurrency, summary, volume } from './queries';
