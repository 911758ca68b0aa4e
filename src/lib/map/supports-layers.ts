// Layers for supported companies: clusters at low zoom, then one proportional circle per company
// (area proportional to jobs, coloured by fund). Sizes come from the one sqrt scale (symbol-scale.ts) the legend uses.

import type { CircleLayerSpecification, ExpressionSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { LABEL_FONT_BOLD } from './style.ts';
import { supportRadiusExpression } from './symbol-scale.ts';

export const SUPPORTS_SOURCE = 'supports';

export interface SupportSymbolStyle {
  /** Radius in px of the biggest symbol, and the jobs it stands for: r = maxRadius * sqrt(jobs / maxJobs). */
  radius: { maxJobs: number; maxRadius: number };
  fundColors: Record<string, string>;
}

const radiusExpression = (style: SupportSymbolStyle) =>
  supportRadiusExpression(['get', 'jobs'], style.radius.maxJobs, style.radius.maxRadius) as ExpressionSpecification;

export function supportLayers(style: SupportSymbolStyle): (CircleLayerSpecification | SymbolLayerSpecification)[] {
  const fundEntries = Object.entries(style.fundColors);
  const fundColor = (fundEntries.length
    ? ['match', ['get', 'fund'], ...fundEntries.flat(), '#666666']
    : '#666666') as unknown as ExpressionSpecification;
  return [
    {
      id: 'supports-cluster',
      type: 'circle',
      source: SUPPORTS_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#ffffff',
        'circle-opacity': 0.92,
        'circle-stroke-color': '#161616',
        'circle-stroke-width': 1.5,
        // Clusters use the same area rule, on the sum of their jobs, capped to stay readable.
        'circle-radius': ['min', 34, radiusExpression(style)],
      },
    },
    {
      id: 'supports-cluster-count',
      type: 'symbol',
      source: SUPPORTS_SOURCE,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['to-string', ['get', 'point_count']],
        'text-font': [LABEL_FONT_BOLD],
        'text-size': 11,
        'text-allow-overlap': true,
        // Counts never push commune names away.
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#161616' },
    },
    {
      id: 'supports-point',
      type: 'circle',
      source: SUPPORTS_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': fundColor,
        'circle-opacity': 0.82,
        'circle-stroke-color': '#ffffff',
        // A white ring keeps symbols readable over any choropleth colour.
        'circle-stroke-width': 1.5,
        'circle-radius': radiusExpression(style),
        // Small symbols on top of big ones.
      },
      layout: { 'circle-sort-key': ['-', 0, ['get', 'jobs']] },
    },
  ];
}
