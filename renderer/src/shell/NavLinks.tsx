import { NavLink, Stack } from '@mantine/core';
import { navigate, useRoute } from '../state/route';
import { routeOf, type RouteDef } from './routes';

/** The left navigation: real links (#/path), so they are focusable and open with Enter. */
export function NavLinks({ routes, current, onNavigate }: { routes: RouteDef[]; current: string; onNavigate?: () => void }) {
  useRoute((s) => s.path);
  const active = routeOf(routes, current)?.path;
  return (
    <Stack gap={2} component="nav" aria-label="Main">
      {routes.map((r) => (
        <NavLink
          key={r.path}
          href={`#/${r.path}`}
          label={r.label}
          leftSection={<r.icon size={18} stroke={1.6} />}
          active={r.path === active}
          aria-current={r.path === active ? 'page' : undefined}
          data-testid={`nav-${r.path}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(r.path);
            onNavigate?.();
          }}
        />
      ))}
    </Stack>
  );
}
