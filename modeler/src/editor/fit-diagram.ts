/**
 * Fits the diagram into the canvas, leaving room on the left for the palette (which would
 * otherwise cover the first elements), and never enlarging beyond 100 %.
 */

interface Box { x: number; y: number; width: number; height: number }
interface ViewboxCanvas {
  viewbox(): { inner: Box; outer: { width: number; height: number } };
  viewbox(box: Box): void;
}

/** Left margin in screen pixels kept free for the palette. */
const PALETTE = 130;
const PAD = 30;

/** Sets the canvas viewbox so that the whole diagram is visible beside the palette. */
export function fitBesidePalette(canvas: ViewboxCanvas): void {
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !inner.height || !outer.width || !outer.height) return;
  const scale = Math.min(1, (outer.width - PALETTE - PAD) / inner.width, (outer.height - 2 * PAD) / inner.height);
  if (!(scale > 0)) return;
  canvas.viewbox({ x: inner.x - PALETTE / scale, y: inner.y - PAD / scale, width: outer.width / scale, height: outer.height / scale });
}
