import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import type { Crumb } from './explore-state';

interface Props {
  crumbs: Crumb[];
  dimensionLabel: (id: string) => string;
  onStep: (crumb: Crumb) => void;
}

/** Where the drill-down stands: each step back is a link (a real button, reachable with Tab); the last is where we are. */
export function DrillBreadcrumb({ crumbs, dimensionLabel, onStep }: Props) {
  return (
    <Breadcrumbs separator="›" separatorMargin={6} aria-label="Drill-down path" data-testid="explore-breadcrumb" style={{ flexWrap: 'wrap', rowGap: 4 }}>
      {crumbs.map((c, i) => {
        const text = c.dimension ? `${dimensionLabel(c.dimension)}: ${c.label}` : c.label;
        return i === crumbs.length - 1 ? (
          <Text key={c.key} size="sm" fw={600} aria-current="location" data-testid="explore-crumb" data-crumb={c.key}>
            {text}
          </Text>
        ) : (
          <Anchor key={c.key} component="button" type="button" size="sm" onClick={() => onStep(c)} data-testid="explore-crumb" data-crumb={c.key}>
            {text}
          </Anchor>
        );
      })}
    </Breadcrumbs>
  );
}
