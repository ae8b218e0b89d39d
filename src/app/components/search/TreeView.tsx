import { memo, useMemo } from 'react';
import type { SearchTrace } from '../../../core/search/trace';
import { layoutTree, type TreeLayout } from '../../search/treeLayout';
import { TreeCanvas } from './TreeCanvas';
import { CANVAS_FROM, nodeLabel, radius, scoreColor } from './treeStyle';
import { usePanZoom } from './usePanZoom';

/**
 * The search tree after `upTo` events: nodes are steps (colour = verifier score, size = MCTS visits),
 * pruned ones faded, finished ones ringed with the exact checker's ✓/✗, the chosen path drawn bold.
 * Step text shows on hover, as text. The tree fits the panel; wheel zooms, dragging pans. SVG up to
 * `CANVAS_FROM` nodes, a canvas beyond.
 */
export function TreeView({ trace, upTo }: { trace: SearchTrace; upTo: number }) {
  const t = useMemo(() => layoutTree(trace, upTo), [trace, upTo]);
  const panZoom = usePanZoom();
  const { view, reset, handlers } = panZoom;
  const canvas = t.nodes.length >= CANVAS_FROM;
  return (
    <div
      className="tree-box"
      data-testid="search-tree"
      data-nodes={t.nodes.length}
      data-path={t.path.join(',')}
      data-render={canvas ? 'canvas' : 'svg'}
      role="img"
      aria-label={`search tree: ${t.nodes.length} nodes${t.path.length ? ', answer chosen' : ''}`}
    >
      <button type="button" className="tree-fit" onClick={reset} title="Fit the tree to the panel">
        Fit
      </button>
      {canvas ? (
        <TreeCanvas t={t} panZoom={panZoom} />
      ) : (
        <svg
          {...handlers}
          className="tree-svg"
          viewBox={`0 0 ${t.width} ${t.height}`}
          preserveAspectRatio="xMidYMin meet"
        >
          <g transform={`translate(${view.x},${view.y}) scale(${view.scale})`}>
            <TreeMarks t={t} />
          </g>
        </svg>
      )}
    </div>
  );
}

/** The nodes and links, memoized on the layout: pan and zoom only move the enclosing group. */
const TreeMarks = memo(function TreeMarks({ t }: { t: TreeLayout }) {
  return (
    <>
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
          <title>{nodeLabel(n)}</title>
          <circle r={radius(n)} fill={n.parent === null ? '#444' : scoreColor(n.score)} />
          {n.finished && n.correct !== null && (
            <text className={n.correct ? 'verdict right' : 'verdict wrong'} x={9} y={4}>
              {n.correct ? '✓' : '✗'}
            </text>
          )}
        </g>
      ))}
    </>
  );
});
