import type { PlacedNode } from '../../search/treeLayout';

/** Verifier score → red (0) … green (1); unscored nodes grey. */
export const scoreColor = (s: number | null) =>
  s === null ? '#9aa0a6' : `hsl(${Math.round(120 * Math.min(1, Math.max(0, s)))}, 65%, 42%)`;

/** Node radius in layout units: MCTS visits grow a node. */
export const radius = (n: PlacedNode) =>
  n.visits > 0 ? Math.min(11, 4 + 1.5 * Math.sqrt(n.visits)) : 6;

/** The hover text of a node (rendered as text, never markup). */
export const nodeLabel = (n: PlacedNode) =>
  n.parent === null
    ? 'prompt'
    : `${n.text}${n.score === null ? '' : ` — score ${n.score.toFixed(3)}`}${n.visits ? `, ${n.visits} visits` : ''}`;

/** Above this many nodes the tree is drawn on a canvas: thousands of SVG elements stall each frame. */
export const CANVAS_FROM = 1000;
