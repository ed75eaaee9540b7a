export { createRuntime, openRuntime } from './open-runtime';
export { openBank } from './open-bank';
export type { Runtime, RuntimeInfo, RuntimeOptions } from './types';
