import type { CSSProperties } from 'react';
import type { PanelId } from './experiment/settings';

/**
 * The grid without the panels a clean link hides: the chart takes their room. Undefined when all
 * show, so the stylesheet's layouts (wide and narrow screens) apply unchanged.
 */
export function layoutStyle(
  hide: readonly PanelId[],
  searchOpen: boolean,
): CSSProperties | undefined {
  if (hide.length === 0) return undefined;
  const controls = !hide.includes('controls');
  const problem = !hide.includes('problem');
  const bottom = !hide.includes('difficulty');
  const row = (middle: string) =>
    `'${[controls && 'controls', middle, problem && 'problem'].filter(Boolean).join(' ')}'`;
  const columns = [
    controls && 'minmax(15rem, 1fr)',
    'minmax(0, 2.6fr)',
    problem && 'minmax(17rem, 1.3fr)',
  ].filter(Boolean);
  return {
    gridTemplateColumns: columns.join(' '),
    gridTemplateRows: bottom
      ? searchOpen
        ? 'minmax(0, 1fr) minmax(0, 1.3fr)'
        : 'minmax(0, 1.8fr) minmax(0, 1fr)'
      : 'minmax(0, 1fr)',
    gridTemplateAreas: bottom ? `${row('chart')} ${row('difficulty')}` : row('chart'),
  };
}
