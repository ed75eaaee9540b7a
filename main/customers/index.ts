export { customerHandlers, type CustomerDeps, type CustomerMethod } from './handlers';
export { searchCustomers } from './search';
export { customer360 } from './customer360';
export { findDuplicates, registerCustomer, updateCustomer } from './write';
export { nameTokens, queryTokens } from './fold';
