export { createDispatcher, type CallRequest, type Dispatch, type LinkProbe } from './dispatcher';
export type { CallContext, CallerSession, ContextOf, Handler, Handlers, PartialHandlers, PublicCallContext, PublicMethod, SessionGate } from './handlers';
export { WriteTurns } from './write-turns';
