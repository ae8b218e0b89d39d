/**
 * A search tree laid out for drawing: d3-hierarchy's tidy tree over the nodes replayed so far, plus
 * what the view marks (the chosen path). Pure: the player recomputes it per scrub position.
 */
import { hierarchy, tree as tidyTree } from 'd3-hierarchy';
import { pathTo, replayTrace, type SearchTrace, type TreeNode } from '../../core/search/trace';

export interface PlacedNode extends TreeNode {
  x: number;
  y: number;
  onPath: boolean;
}

export interface TreeLayout {
  nodes: PlacedNode[];
  links: { from: PlacedNode; to: PlacedNode; onPath: boolean }[];
  width: number;
  height: number;
  /** Root-to-selected node ids, empty until the search selects. */
  path: number[];
  rounds: number;
}

/** Spacing between siblings and between depths. */
const DX = 22;
const DY = 60;

export function layoutTree(trace: SearchTrace, upTo: number): TreeLayout {
  const t = replayTrace(trace, upTo);
  const path = t.selected === null ? [] : pathTo(t, t.selected);
  const onPath = new Set(path);
  const root = t.nodes[0];
  // Scrubbed to before the root: nothing to lay out.
  if (!root) return { nodes: [], links: [], width: DX, height: DX, path, rounds: 0 };
  // The replayed nodes already know their children: no id strings to stratify.
  const h = hierarchy<TreeNode>(root, (n) => n.children.map((c) => t.nodes[c]!));
  tidyTree<TreeNode>().nodeSize([DX, DY])(h);
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  h.each((d) => {
    minX = Math.min(minX, d.x ?? 0);
    maxX = Math.max(maxX, d.x ?? 0);
    maxY = Math.max(maxY, d.y ?? 0);
  });
  // Root on top, breadth across: search trees are shallow and broad, like the panel.
  const byId = new Map<number, PlacedNode>();
  const nodes: PlacedNode[] = [];
  h.each((d) => {
    const n: PlacedNode = {
      ...d.data,
      x: (d.x ?? 0) - minX + DX,
      y: (d.y ?? 0) + DX,
      onPath: onPath.has(d.data.id),
    };
    byId.set(n.id, n);
    nodes.push(n);
  });
  const links = nodes
    .filter((n) => n.parent !== null)
    .map((n) => ({ from: byId.get(n.parent!)!, to: n, onPath: n.onPath && onPath.has(n.parent!) }));
  return {
    nodes,
    links,
    width: maxX - minX + 2 * DX,
    height: maxY + 2 * DX,
    path,
    rounds: t.rounds,
  };
}

/** Event indices just after each round ends (where "step" stops), and the end. */
export function roundStops(trace: SearchTrace): number[] {
  const stops: number[] = [];
  trace.events.forEach((e, i) => {
    if (e.type === 'round' && i > 0) stops.push(i);
  });
  stops.push(trace.events.length);
  return stops;
}
