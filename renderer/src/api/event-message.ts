import { eventSchemas, type EventName } from '../../../shared/events';

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventSchemas, name);
}

/** Checks a pushed event against the contract; both transports drop what does not fit. */
export function checkEvent(name: unknown, payload: unknown): { event: EventName; payload: unknown } | null {
  if (!isEventName(name)) return null;
  const parsed = eventSchemas[name].safeParse(payload);
  return parsed.success ? { event: name, payload: parsed.data } : null;
}

/** Parses one server message; anything outside the event contract is dropped. */
export function parseMessage(data: unknown): { event: EventName; payload: unknown } | null {
  if (typeof data !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null || !('event' in message)) return null;
  return checkEvent(message.event, 'payload' in message ? message.payload : undefined);
}
