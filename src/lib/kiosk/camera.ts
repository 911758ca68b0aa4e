// Moves a map to a tour or story target. No MapLibre import: any object with MapLibre's
// fitBounds / jumpTo / easeTo signature will do (the unit tests pass a recorder).

import type { CameraTarget } from './tour.ts';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface CameraMap {
  fitBounds(bounds: [[number, number], [number, number]], options: { padding: Padding; maxZoom: number; duration: number; animate: boolean }): unknown;
  jumpTo(options: { center: [number, number]; zoom: number; padding: Padding }): unknown;
  easeTo(options: { center: [number, number]; zoom: number; padding: Padding; duration: number }): unknown;
}

export const CAMERA_DURATION_MS = 1200;

/** Fits or centres the map. With reduced motion the camera jumps: no animation at all. */
export function moveCamera(map: CameraMap, target: CameraTarget, padding: Padding, reducedMotion: boolean): void {
  if ('bbox' in target) {
    const [w, s, e, n] = target.bbox;
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding, maxZoom: target.maxZoom ?? 13, duration: reducedMotion ? 0 : CAMERA_DURATION_MS, animate: !reducedMotion },
    );
  } else if (reducedMotion) {
    map.jumpTo({ center: target.center, zoom: target.zoom, padding });
  } else {
    map.easeTo({ center: target.center, zoom: target.zoom, padding, duration: CAMERA_DURATION_MS });
  }
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Space kept around the territory, and the least map left free beside a panel. */
const MARGIN = 40;
const MIN_FREE = 160;

/**
 * The padding that frames the territory in the part of the map a panel leaves free. The panel
 * (relative to the map) is beside the free part that is the biggest: at the left on a landscape
 * screen, at the bottom on a portrait « totem ». Recomputed whenever the screen size changes.
 */
export function framePadding(map: { width: number; height: number }, panel: Box | null): Padding {
  const base: Padding = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
  if (!panel || panel.width <= 0 || panel.height <= 0) return base;
  const right = panel.left + panel.width;
  const bottom = panel.top + panel.height;
  const options: { side: keyof Padding; pad: number; free: number; room: number }[] = [
    { side: 'left', pad: right + MARGIN / 2, free: (map.width - right) * map.height, room: map.width - right },
    { side: 'right', pad: map.width - panel.left + MARGIN / 2, free: panel.left * map.height, room: panel.left },
    { side: 'top', pad: bottom + MARGIN / 2, free: map.width * (map.height - bottom), room: map.height - bottom },
    { side: 'bottom', pad: map.height - panel.top + MARGIN / 2, free: map.width * panel.top, room: panel.top },
  ];
  const best = options.filter((o) => o.room - MARGIN >= MIN_FREE).sort((a, b) => b.free - a.free)[0];
  return best ? { ...base, [best.side]: best.pad } : base;
}
