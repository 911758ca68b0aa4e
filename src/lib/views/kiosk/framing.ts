// The kiosk's framing, DOM side: the padding that keeps the framed territory out from under the
// panel (kiosk/camera.ts framePadding, from their current boxes), and an observer that asks for a
// new framing when the screen size or the panel's box changes (after layout, so the boxes are
// final). It calls `reframe` only when the padding or the map's size differs from the last framing.

import { framePadding, type Padding } from '../../kiosk/camera.ts';

export function createFraming(panel: () => HTMLElement | null, reframe: () => void) {
  let framedWith = '';
  const mapBox = () => document.getElementById('map')?.getBoundingClientRect() ?? { left: 0, top: 0, width: innerWidth, height: innerHeight };
  const padding = (): Padding => {
    const map = mapBox();
    const p = panel()?.getBoundingClientRect();
    return framePadding({ width: map.width, height: map.height }, p ? { left: p.left - map.left, top: p.top - map.top, width: p.width, height: p.height } : null);
  };
  const key = () => `${Math.round(mapBox().width)}x${Math.round(mapBox().height)}:${JSON.stringify(padding())}`;
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => key() !== framedWith && reframe());
  return {
    /** The padding for a camera move now (remembered, so that an unchanged layout does not reframe). */
    padding(): Padding {
      framedWith = key();
      return padding();
    },
    observe: (el: Element) => observer?.observe(el),
    /** Observes `el` until the returned cleanup runs (for a Svelte effect). */
    watch(el: Element | null): (() => void) | undefined {
      if (!el || !observer) return undefined;
      observer.observe(el);
      return () => observer.unobserve(el);
    },
    unobserve: (el: Element) => observer?.unobserve(el),
    disconnect: () => observer?.disconnect(),
  };
}
