import { useEffect, useRef, useState } from 'react';
import type { PlacedNode, TreeLayout } from '../../search/treeLayout';
import { nodeLabel, radius, scoreColor } from './treeStyle';
import type { PanZoom } from './usePanZoom';

const COLORS = {
  link: '#b8bcc2',
  path: '#1a56db',
  ring: '#222',
  right: '#137333',
  wrong: '#b3261e',
};

/**
 * The search tree on a canvas, for trees too big for one SVG element per node: the same marks as
 * the SVG view (colour = score, size = visits, pruned faded, finished ringed with ✓/✗, chosen path
 * bold). Hover finds the nearest node and shows its step as text.
 */
export function TreeCanvas({ t, panZoom }: { t: TreeLayout; panZoom: PanZoom }) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [hover, setHover] = useState<{ node: PlacedNode; x: number; y: number } | null>(null);
  const { view, handlers, dragging } = panZoom;

  useEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Layout units → canvas pixels: fitted to the panel (top-centred, as the SVG view), then pan/zoom.
  const fit = Math.min(size.w / t.width, size.h / t.height) || 1;
  const ox = (size.w - t.width * fit) / 2;
  const toScreen = (x: number, y: number) => [
    view.x + view.scale * (ox + fit * x),
    view.y + view.scale * (fit * y),
  ];
  const k = fit * view.scale;

  useEffect(() => {
    const c = canvas.current!;
    const dpr = globalThis.devicePixelRatio || 1;
    c.width = Math.max(1, Math.round(size.w * dpr));
    c.height = Math.max(1, Math.round(size.h * dpr));
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, size.w, size.h);
    const at = (x: number, y: number) => [
      view.x + view.scale * (ox + fit * x),
      view.y + view.scale * (fit * y),
    ];
    // Links: faded for pruned children, then the chosen path on top.
    for (const onPath of [false, true]) {
      g.beginPath();
      for (const l of t.links) {
        if (l.onPath !== onPath) continue;
        const [x1, y1] = at(l.from.x, l.from.y);
        const [x2, y2] = at(l.to.x, l.to.y);
        g.moveTo(x1!, y1!);
        g.lineTo(x2!, y2!);
      }
      g.strokeStyle = onPath ? COLORS.path : COLORS.link;
      g.lineWidth = onPath ? Math.max(1.5, 3.5 * k) : Math.max(0.5, 1.2 * k);
      g.stroke();
    }
    g.font = `700 ${Math.max(8, 12 * k)}px system-ui, sans-serif`;
    for (const n of t.nodes) {
      const [x, y] = at(n.x, n.y);
      const r = Math.max(1.5, radius(n) * k);
      g.globalAlpha = n.state === 'pruned' ? 0.3 : 1;
      g.beginPath();
      g.arc(x!, y!, r, 0, 2 * Math.PI);
      g.fillStyle = n.parent === null ? '#444' : scoreColor(n.score);
      g.fill();
      if (n.onPath || n.finished) {
        g.strokeStyle = n.onPath ? COLORS.path : COLORS.ring;
        g.lineWidth = Math.max(1, (n.onPath ? 3 : 2) * k);
        g.stroke();
      }
      if (n.finished && n.correct !== null && r >= 3) {
        g.fillStyle = n.correct ? COLORS.right : COLORS.wrong;
        g.fillText(n.correct ? '✓' : '✗', x! + r + 2, y! + 4 * k);
      }
    }
    g.globalAlpha = 1;
  }, [t, view, size, fit, ox, k]);

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    handlers.onPointerMove(e);
    if (dragging()) return setHover(null);
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    let best: PlacedNode | null = null;
    let bestD = Infinity;
    for (const n of t.nodes) {
      const [x, y] = toScreen(n.x, n.y);
      const d = Math.hypot(x! - px, y! - py);
      if (d < bestD && d <= Math.max(6, radius(n) * k + 3)) [best, bestD] = [n, d];
    }
    setHover(best ? { node: best, x: px, y: py } : null);
  };

  return (
    <div ref={box} className="tree-canvas-box">
      <canvas
        ref={canvas}
        className="tree-svg"
        style={{ width: size.w, height: size.h }}
        {...handlers}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
      />
      {hover && (
        <div className="tree-tip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
          {nodeLabel(hover.node)}
        </div>
      )}
    </div>
  );
}
