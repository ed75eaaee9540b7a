export { dashboardHandlers } from './handlers';
export { activity, baseCurrency, summary, volume } from './queries';
