/**
 * A search tree laid out for drawing: d3-hierarchy's tidy tree over the nodes replayed so far, plus
 * what the view marks (the chosen path). Pure: the player recomputes it per scrub position.
 */
import { stratify, tree as tidyTree } from 'd3-hierarchy';
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
  const present = t.nodes.filter(Boolean);
  const root = stratify<TreeNode>()
    .id((n) => String(n.id))
    .parentId((n) => (n.parent === null ? null : String(n.parent)))(present);
  tidyTree<TreeNode>().nodeSize([DX, DY])(root);
  const placed = new Map<number, PlacedNode>();
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  for (const d of root.descendants()) {
    const x = d.x ?? 0;
    const y = d.y ?? 0;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
    placed.set(d.data.id, { ...d.data, x, y, onPath: onPath.has(d.data.id) });
  }
  // Root on top, breadth across: search trees are shallow and broad, like the panel.
  const nodes = [...placed.values()].map((n) => ({ ...n, x: n.x - minX + DX, y: n.y + DX }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
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
