import { useMemo } from 'react';
import type { SearchTrace } from '../../../core/search/trace';
import { layoutTree, type PlacedNode } from '../../search/treeLayout';
import { usePanZoom } from './usePanZoom';

/** Verifier score → red (0) … green (1); unscored nodes grey. */
const scoreColor = (s: number | null) =>
  s === null ? '#9aa0a6' : `hsl(${Math.round(120 * Math.min(1, Math.max(0, s)))}, 65%, 42%)`;

const radius = (n: PlacedNode) => (n.visits > 0 ? Math.min(11, 4 + 1.5 * Math.sqrt(n.visits)) : 6);

/**
 * The search tree after `upTo` events: nodes are steps (colour = verifier score, size = MCTS visits),
 * pruned ones faded, finished ones ringed with the exact checker's ✓/✗, the chosen path drawn bold.
 * Step text shows on hover, as text. The tree fits the panel; wheel zooms, dragging pans.
 */
export function TreeView({ trace, upTo }: { trace: SearchTrace; upTo: number }) {
  const t = useMemo(() => layoutTree(trace, upTo), [trace, upTo]);
  const { view, reset, handlers } = usePanZoom();
  return (
    <div className="tree-box">
      <button type="button" className="tree-fit" onClick={reset} title="Fit the tree to the panel">
        Fit
      </button>
      <svg
        {...handlers}
        data-testid="search-tree"
        data-nodes={t.nodes.length}
        data-path={t.path.join(',')}
        className="tree-svg"
        viewBox={`0 0 ${t.width} ${t.height}`}
        preserveAspectRatio="xMidYMin meet"
        role="img"
        aria-label={`search tree: ${t.nodes.length} nodes${t.path.length ? ', answer chosen' : ''}`}
      >
        <g transform={`translate(${view.x},${view.y}) scale(${view.scale})`}>
          {t.links.map(({ from, to, onPath }) => (
            <line
              key={to.id}
              x1={from.x}
              y1={from.y}
              x2={to.x}
              y2={to.y}
              className={`tree-link${onPath ? ' on-path' : ''}${to.state === 'pruned' ? ' pruned' : ''}`}
            />
          ))}
          {t.nodes.map((n) => (
            <g
              key={n.id}
              transform={`translate(${n.x},${n.y})`}
              className={`tree-node state-${n.state}${n.onPath ? ' on-path' : ''}`}
              data-node={n.id}
            >
              <title>
                {n.parent === null
                  ? 'prompt'
                  : `${n.text}${n.score === null ? '' : ` — score ${n.score.toFixed(3)}`}${n.visits ? `, ${n.visits} visits` : ''}`}
              </title>
              <circle r={radius(n)} fill={n.parent === null ? '#444' : scoreColor(n.score)} />
              {n.finished && n.correct !== null && (
                <text className={n.correct ? 'verdict right' : 'verdict wrong'} x={9} y={4}>
                  {n.correct ? '✓' : '✗'}
                </text>
              )}
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}
