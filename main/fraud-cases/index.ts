export { fraudCaseHandlers } from './handlers';
