// Labels of MapLibre's built-in controls, from the catalogue. MapLibre reads them once, when the
// map is built; a language switch relabels the controls in place, so the map is not rebuilt.

import { messagesFor } from '../i18n/catalogue.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';

/** MapLibre's `locale` option for a language. */
export function maplibreLocale(locale: Locale = DEFAULT_LOCALE): Record<string, string> {
  const t = messagesFor(locale).map.controlsUi;
  return {
    'NavigationControl.ZoomIn': t.zoomIn,
    'NavigationControl.ZoomOut': t.zoomOut,
    'NavigationControl.ResetBearing': t.resetBearing,
    'ScrollZoomBlocker.CtrlMessage': t.ctrlScroll,
    'TouchPanBlocker.Message': t.twoFingers,
    'Map.Title': t.mapTitle,
  };
}

/** Writes the controls' names (title and aria-label, as MapLibre does) in a language. */
export function relabelMapControls(root: ParentNode, locale: Locale): void {
  const t = messagesFor(locale).map.controlsUi;
  const name = (selector: string, text: string, title = true) => {
    for (const el of root.querySelectorAll(selector)) {
      if (title) el.setAttribute('title', text);
      el.setAttribute('aria-label', text);
    }
  };
  name('.maplibregl-ctrl-zoom-in', t.zoomIn);
  name('.maplibregl-ctrl-zoom-out', t.zoomOut);
  name('.maplibregl-ctrl-compass', t.resetBearing);
  name('canvas.maplibregl-canvas', t.mapTitle, false);
}
