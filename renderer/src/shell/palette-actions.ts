import type { TablerIcon } from '@tabler/icons-react';

export interface PaletteAction {
  id: string;
  label: string;
  description?: string;
  group: string;
  icon: TablerIcon;
  run: () => void;
}

/** Every word of the query must appear in the label, description or group. */
export function filterActions(actions: readonly PaletteAction[], query: string): PaletteAction[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...actions];
  return actions.filter((a) => {
    const text = `${a.label} ${a.description ?? ''} ${a.group}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
