export { createDispatcher, type CallRequest, type Dispatch } from './dispatcher';
export type { CallContext, CallerSession, ContextOf, Handler, Handlers, PartialHandlers, PublicCallContext, PublicMethod, SessionGate } from './handlers';
