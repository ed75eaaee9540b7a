import { create } from 'zustand';
import { onConnectionStatus } from '../api/client';
import type { ConnectionStatus } from '../api/transport';

/** State of the live-update channel, shown in the header. */
export const useConnection = create<{ status: ConnectionStatus }>()(() => ({ status: 'connecting' }));

export function watchConnection(): () => void {
  return onConnectionStatus((status) => useConnection.setState({ status }));
}
