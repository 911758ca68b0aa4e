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
