export { EventHub, type EventListener } from './hub';
