import { useCallback, useRef, useState, type PointerEvent, type WheelEvent } from 'react';

export interface View {
  scale: number;
  x: number;
  y: number;
}

const IDENTITY: View = { scale: 1, x: 0, y: 0 };

export type PanZoom = ReturnType<typeof usePanZoom>;

/** Wheel zooms about the pointer, dragging pans; `reset` returns to the fitted view. */
export function usePanZoom() {
  const [view, setView] = useState<View>(IDENTITY);
  const drag = useRef<{ x: number; y: number } | null>(null);

  const onWheel = useCallback((e: WheelEvent<Element>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    const py = e.clientY - box.top;
    setView((v) => {
      const scale = Math.min(8, Math.max(0.25, v.scale * Math.exp(-e.deltaY * 0.0015)));
      const k = scale / v.scale;
      return { scale, x: px - k * (px - v.x), y: py - k * (py - v.y) };
    });
  }, []);
  const onPointerDown = useCallback((e: PointerEvent<Element>) => {
    drag.current = { x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  }, []);
  const onPointerMove = useCallback((e: PointerEvent<Element>) => {
    const from = drag.current;
    if (!from) return;
    drag.current = { x: e.clientX, y: e.clientY };
    setView((v) => ({ ...v, x: v.x + e.clientX - from.x, y: v.y + e.clientY - from.y }));
  }, []);
  const onPointerUp = useCallback(() => (drag.current = null), []);
  const reset = useCallback(() => setView(IDENTITY), []);
  const dragging = useCallback(() => drag.current !== null, []);

  return {
    view,
    reset,
    dragging,
    handlers: { onWheel, onPointerDown, onPointerMove, onPointerUp },
  };
}
