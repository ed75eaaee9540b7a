export { createDispatcher, type CallRequest, type Dispatch } from './dispatcher';
export type { CallContext, CallerSession, Handler, Handlers, PartialHandlers, SessionGate } from './handlers';
