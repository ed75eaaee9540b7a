import { useMemo } from 'react';
import { useSession } from '../state/session';
import { permittedRoutes, type RouteDef } from './routes';

export function usePermittedRoutes(): RouteDef[] {
  const permissions = useSession((s) => s.session?.permissions);
  return useMemo(() => permittedRoutes(permissions ?? []), [permissions]);
}
