// The offline MapLibre style: no tile, glyph, sprite or font server. Every source is a GeoJSON
// file built by `npm run geodata` and served by the app itself; labels are drawn locally from the
// bundled Marianne font through MapLibre's `font-faces`.

import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import {
  ARRONDISSEMENT_STROKE,
  COMMUNE_STROKE,
  CONTEXT_LAND_COLOR,
  DEPARTEMENT_STROKE,
  EPCI_STROKE,
  FORMER_ZRR_STROKE,
  FRR_CLASSES,
  LAND_COLOR,
  QPV_STYLE,
  RURAL_DENSITY_CLASSES,
  SEA_COLOR,
  ZONE_EMPLOI_STROKE,
  type LayerVisibility,
} from './legend-model.ts';

export const LABEL_FONT = 'Marianne Regular';
export const LABEL_FONT_BOLD = 'Marianne Bold';
export const QPV_HATCH_IMAGE = 'qpv-hatch';

/** Bounds of the département (with a small margin) used to frame the map. */
export const DEPARTEMENT_BOUNDS: [[number, number], [number, number]] = [
  [4.2, 43.14],
  [5.84, 43.94],
];

/** Layer ids grouped by what the layer switcher toggles. */
export const LAYER_GROUPS: Record<Exclude<keyof LayerVisibility, 'ruralMode'>, string[]> = {
  communes: ['communes-line', 'communes-label'],
  qpv: ['qpv-fill', 'qpv-line', 'qpv-label'],
  rural: ['rural-fill', 'zrr-line'],
  arrondissements: ['arrondissements-line', 'arrondissements-label'],
  epci: ['epci-line'],
  zonesEmploi: ['zones-emploi-line'],
};

/** Layers a click can query, top first. */
export const CLICKABLE_LAYERS = ['supports-point', 'supports-cluster', 'qpv-thematic-fill', 'qpv-fill', 'epci-fill', 'zones-emploi-fill', 'communes-fill'];

/** Territory levels that can be coloured by class, and the source and fill layer of each. */
export type TerritoryLevel = 'commune' | 'epci' | 'ze' | 'qpv';
export const LEVEL_LAYERS: Record<TerritoryLevel, { source: string; fill: string }> = {
  commune: { source: 'communes', fill: 'communes-fill' },
  epci: { source: 'epci', fill: 'epci-fill' },
  ze: { source: 'zones-emploi', fill: 'zones-emploi-fill' },
  qpv: { source: 'qpv', fill: 'qpv-thematic-fill' },
};

export interface StyleUrls {
  data: (file: string) => string;
  fonts: { regular: string; bold: string };
}

function ruralDensityColor(): ExpressionSpecification {
  return [
    'match',
    ['get', 'densite'],
    ...RURAL_DENSITY_CLASSES.flatMap((c) => [c.level, c.color]),
    'rgba(0,0,0,0)',
  ] as unknown as ExpressionSpecification;
}

function frrColor(): ExpressionSpecification {
  return ['match', ['get', 'frr'], ...FRR_CLASSES.flatMap((c) => [c.code, c.color]), 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification;
}

const vis = (on: boolean) => (on ? 'visible' : 'none') as 'visible' | 'none';

// Not split: a declarative list of the style's sources and layers, read top to bottom in drawing order.
export function buildStyle(urls: StyleUrls, v: LayerVisibility): StyleSpecification {
  return {
    version: 8,
    name: 'Carte des fonds de revitalisation 13 (hors ligne)',
    'font-faces': {
      [LABEL_FONT]: urls.fonts.regular,
      [LABEL_FONT_BOLD]: urls.fonts.bold,
    },
    sources: {
      context: { type: 'geojson', data: urls.data('context.geojson') },
      departement: { type: 'geojson', data: urls.data('departement.geojson') },
      communes: { type: 'geojson', data: urls.data('communes.geojson'), promoteId: 'code' },
      'commune-labels': { type: 'geojson', data: urls.data('commune-labels.geojson') },
      qpv: { type: 'geojson', data: urls.data('qpv.geojson'), promoteId: 'code' },
      arrondissements: { type: 'geojson', data: urls.data('arrondissements.geojson'), promoteId: 'code' },
      epci: { type: 'geojson', data: urls.data('epci.geojson'), promoteId: 'code' },
      'zones-emploi': { type: 'geojson', data: urls.data('zones-emploi.geojson'), promoteId: 'code' },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOR } },
      {
        id: 'context-fill',
        type: 'fill',
        source: 'context',
        paint: { 'fill-color': CONTEXT_LAND_COLOR, 'fill-outline-color': '#c8c8c4' },
      },
      {
        id: 'context-label',
        type: 'symbol',
        source: 'context',
        maxzoom: 9,
        layout: { 'text-field': ['get', 'nom'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-transform': 'uppercase', 'text-letter-spacing': 0.1 },
        paint: { 'text-color': '#6f6f6a' },
      },
      {
        id: 'communes-fill',
        type: 'fill',
        source: 'communes',
        paint: {
          // Choropleth classes arrive as feature-state (see MapController.setChoropleth).
          'fill-color': LAND_COLOR,
          'fill-opacity': 1,
        },
      },
      // Thematic fills of the other territory levels (gap analysis), coloured by feature-state like communes-fill.
      ...(['epci', 'zones-emploi'] as const).map((src) => ({
        id: `${src}-fill`,
        type: 'fill' as const,
        source: src,
        layout: { visibility: 'none' as const },
        paint: { 'fill-color': LAND_COLOR, 'fill-opacity': 0.85 },
      })),
      {
        id: 'rural-fill',
        type: 'fill',
        source: 'communes',
        layout: { visibility: vis(v.rural) },
        filter: v.ruralMode === 'frr' ? ['>', ['get', 'frr'], 0] : ['>=', ['get', 'densite'], 5],
        paint: { 'fill-color': v.ruralMode === 'frr' ? frrColor() : ruralDensityColor(), 'fill-opacity': 0.85 },
      },
      {
        id: 'zrr-line',
        type: 'line',
        source: 'communes',
        layout: { visibility: vis(v.rural && v.ruralMode === 'frr') },
        filter: ['==', ['get', 'zrr'], true],
        paint: { 'line-color': FORMER_ZRR_STROKE, 'line-width': 2, 'line-dasharray': [2, 1.5] },
      },
      {
        id: 'qpv-fill',
        type: 'fill',
        source: 'qpv',
        layout: { visibility: vis(v.qpv) },
        paint: { 'fill-pattern': QPV_HATCH_IMAGE, 'fill-opacity': 0.9 },
      },
      {
        id: 'qpv-thematic-fill',
        type: 'fill',
        source: 'qpv',
        layout: { visibility: 'none' },
        paint: { 'fill-color': LAND_COLOR, 'fill-opacity': 0.95 },
      },
      {
        id: 'communes-line',
        type: 'line',
        source: 'communes',
        layout: { visibility: vis(v.communes) },
        paint: { 'line-color': COMMUNE_STROKE, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 12, 1.2] },
      },
      {
        id: 'arrondissements-line',
        type: 'line',
        source: 'arrondissements',
        layout: { visibility: vis(v.arrondissements) },
        paint: { 'line-color': ARRONDISSEMENT_STROKE, 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'zones-emploi-line',
        type: 'line',
        source: 'zones-emploi',
        layout: { visibility: vis(v.zonesEmploi), 'line-join': 'round' },
        paint: { 'line-color': ZONE_EMPLOI_STROKE, 'line-width': 2.5, 'line-dasharray': [4, 2] },
      },
      {
        id: 'epci-line',
        type: 'line',
        source: 'epci',
        layout: { visibility: vis(v.epci), 'line-join': 'round' },
        paint: { 'line-color': EPCI_STROKE, 'line-width': 2.5 },
      },
      {
        id: 'qpv-line',
        type: 'line',
        source: 'qpv',
        layout: { visibility: vis(v.qpv) },
        paint: { 'line-color': QPV_STYLE.stroke, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 13, 2] },
      },
      {
        id: 'departement-line',
        type: 'line',
        source: 'departement',
        paint: { 'line-color': DEPARTEMENT_STROKE, 'line-width': 1.6 },
      },
      {
        id: 'communes-hover',
        type: 'line',
        source: 'communes',
        paint: {
          'line-color': '#000091',
          'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3.5, ['boolean', ['feature-state', 'hover'], false], 2.5, 0],
        },
      },
      ...(['epci', 'zones-emploi', 'qpv'] as const).map((src) => ({
        id: `${src}-highlight`,
        type: 'line' as const,
        source: src,
        paint: {
          'line-color': '#000091',
          'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 4, ['boolean', ['feature-state', 'hover'], false], 3, 0] as ExpressionSpecification,
        },
      })),
      {
        id: 'arrondissements-label',
        type: 'symbol',
        source: 'arrondissements',
        minzoom: 10.5,
        layout: {
          visibility: vis(v.arrondissements),
          // "1er", "2e" … from the INSEE code 13201–13216.
          'text-field': ['let', 'n', ['-', ['to-number', ['get', 'code']], 13200], ['case', ['==', ['var', 'n'], 1], '1er', ['concat', ['to-string', ['var', 'n']], 'e']]],
          'text-font': [LABEL_FONT],
          'text-size': 11,
        },
        paint: { 'text-color': '#3a3a3a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: 'qpv-label',
        type: 'symbol',
        source: 'qpv',
        minzoom: 12,
        layout: {
          visibility: vis(v.qpv),
          'text-field': ['get', 'nom'],
          'text-font': [LABEL_FONT],
          'text-size': 11,
          'text-max-width': 8,
        },
        paint: { 'text-color': QPV_STYLE.stroke, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: 'communes-label',
        type: 'symbol',
        source: 'commune-labels',
        layout: {
          visibility: vis(v.communes),
          'text-field': ['get', 'nom'],
          'text-font': ['case', ['>=', ['get', 'population'], 40000], ['literal', [LABEL_FONT_BOLD]], ['literal', [LABEL_FONT]]],
          'text-size': ['interpolate', ['linear'], ['get', 'population'], 500, 10, 20000, 12, 150000, 14, 800000, 16],
          'text-max-width': 7,
          'text-padding': 3,
          // Bigger communes win label collisions.
          'symbol-sort-key': ['-', 0, ['get', 'population']],
        },
        paint: { 'text-color': '#161616', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6 },
      },
    ],
  };
}
