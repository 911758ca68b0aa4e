// The attract loop's tour as data: which story each step tells, where the camera goes and which
// layers are on. Pure: no map, no DOM. The view turns a step into map calls (always the same
// layers, only visibility and camera change) and a caption.

import type { TerritoryFigures } from '../analysis/types.ts';
import { hasSecret } from '../domain/privacy.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';
import { messagesFor } from '../i18n/catalogue.ts';

export type BBox = [number, number, number, number];

/** Where the camera goes: a box to fit, or a centre and zoom. */
export type CameraTarget = { bbox: BBox; maxZoom?: number } | { center: [number, number]; zoom: number };

export type StoryId = 'figures' | 'qpv' | 'rural' | 'commune';

export interface KioskLayers {
  qpv: boolean;
  rural: boolean;
}

export interface TourStep {
  /** Unique within the tour: "figures", "qpv", "rural", "commune-13001". */
  id: string;
  story: StoryId;
  /** Short caption shown in large type (in the tour's language; a commune's name as it is). */
  caption: string;
  camera: CameraTarget;
  layers: KioskLayers;
  /** INSEE code, for 'commune' steps. */
  communeCode?: string;
}

/** The whole département (the map's home view). */
export const HOME_BBOX: BBox = [4.2, 43.14, 5.84, 43.94];
/** Marseille's northern arrondissements (13e to 16e), where most of its QPV are. */
export const MARSEILLE_NORTH_BBOX: BBox = [5.28, 43.31, 5.47, 43.39];
/** The rural communes north and east of Aix-en-Provence (Pays d'Aix, Durance valley, Sainte-Victoire). */
export const RURAL_NORTH_EAST_BBOX: BBox = [5.22, 43.46, 5.82, 43.75];

export const HOME_LAYERS: KioskLayers = { qpv: true, rural: false };

/** Camera and layers of each interactive story (the buttons of the bottom bar). */
export const STORY_VIEWS: Readonly<Record<Exclude<StoryId, 'commune'>, { camera: CameraTarget; layers: KioskLayers }>> = {
  figures: { camera: { bbox: HOME_BBOX }, layers: HOME_LAYERS },
  qpv: { camera: { bbox: MARSEILLE_NORTH_BBOX, maxZoom: 13 }, layers: { qpv: true, rural: false } },
  rural: { camera: { bbox: RURAL_NORTH_EAST_BBOX, maxZoom: 11 }, layers: { qpv: false, rural: true } },
};

export interface CommuneRef {
  code: string;
  nom: string;
  rural: boolean;
  bbox: BBox;
}

/**
 * Communes worth showing in the loop: the two with the most jobs created outside Marseille (which
 * the QPV step already shows) and the rural commune with the most, none with a figure under
 * statistical secrecy (public figures, domain/privacy.ts). Deterministic (ties by code).
 */
export function pickShowcaseCommunes(communes: readonly CommuneRef[], byCommune: Record<string, TerritoryFigures>, count = 3): CommuneRef[] {
  const eligible = communes
    .filter((c) => c.code !== '13055' && (byCommune[c.code]?.companies ?? 0) > 0 && !hasSecret(byCommune[c.code]))
    .sort((a, b) => byCommune[b.code].jobs - byCommune[a.code].jobs || a.code.localeCompare(b.code));
  const urban = eligible.filter((c) => !c.rural).slice(0, Math.max(0, count - 1));
  const rural = eligible.find((c) => c.rural);
  const picked = rural ? [...urban, rural] : urban;
  for (const c of eligible) {
    if (picked.length >= count) break;
    if (!picked.includes(c)) picked.push(c);
  }
  return picked.slice(0, count);
}

/** The attract loop: key figures, QPV, rural, then the showcase communes. Same steps in every language. */
export function buildTour(showcase: readonly CommuneRef[] = [], locale: Locale = DEFAULT_LOCALE): TourStep[] {
  const t = messagesFor(locale).kiosk;
  return [
    { id: 'figures', story: 'figures', caption: t.tourFigures, ...STORY_VIEWS.figures },
    { id: 'qpv', story: 'qpv', caption: t.tourQpv, ...STORY_VIEWS.qpv },
    { id: 'rural', story: 'rural', caption: t.tourRural, ...STORY_VIEWS.rural },
    ...showcase.map(
      (c): TourStep => ({
        id: `commune-${c.code}`,
        story: 'commune',
        caption: c.nom,
        camera: { bbox: c.bbox, maxZoom: 12 },
        layers: HOME_LAYERS,
        communeCode: c.code,
      }),
    ),
  ];
}
