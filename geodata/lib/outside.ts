// Layers about what lies outside Bouches-du-Rhône, for the import's « hors du département » checks:
// - communes-voisines.geojson: communes of 04, 30, 83 and 84 whose extent comes within BAND_DEG of
//   the extent of a commune of 13 (a point inside one is rejected, naming it, instead of being snapped into 13);
// - hors-departement.json: names of départements and of the communes an import may meet outside 13.

import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { NeighbourCommuneProps, OutsideIndex } from '../../src/lib/geodata/outside.ts';
import { communeKey } from '../../src/lib/text/normalize.ts';
import { bboxOf, quantizeGeometry, type Bbox } from './geometry.ts';

/** Width of the border band kept from the neighbouring départements (degrees, ≈ 4 km). */
export const BAND_DEG = 0.04;
/** Départements around 13 whose every commune is named in hors-departement.json. */
export const RING_DEPARTEMENTS = ['04', '05', '06', '26', '30', '34', '83', '84'];

export interface CogCommuneLite {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
}

const intersects = (a: Bbox, b: Bbox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

export function neighbourBand(
  sources: { dep: string; features: Feature<Polygon | MultiPolygon, { code: string; nom: string }>[] }[],
  communeBboxes: Bbox[],
  decimals: number,
): Feature<Polygon | MultiPolygon, NeighbourCommuneProps>[] {
  const bands = communeBboxes.map((b): Bbox => [b[0] - BAND_DEG, b[1] - BAND_DEG, b[2] + BAND_DEG, b[3] + BAND_DEG]);
  const out: Feature<Polygon | MultiPolygon, NeighbourCommuneProps>[] = [];
  for (const { dep, features } of sources) {
    for (const f of features) {
      const box = bboxOf(f.geometry, decimals);
      if (!bands.some((b) => intersects(box, b))) continue;
      out.push({
        type: 'Feature',
        id: out.length,
        properties: { code: String(f.properties.code), nom: String(f.properties.nom), dep },
        geometry: quantizeGeometry(f.geometry, decimals),
      });
    }
  }
  return out;
}

export function outsideIndex(
  cog: CogCommuneLite[],
  departements: { code: string; nom: string }[],
): OutsideIndex {
  const keys13 = new Set(cog.filter((c) => c.code.startsWith('13') && c.type === 'commune-actuelle').map((c) => communeKey(c.nom)));
  const communes: Record<string, string> = {};
  const postalCodes: Record<string, string[]> = {};
  for (const c of cog) {
    if (c.type !== 'commune-actuelle' || c.code.startsWith('13')) continue;
    const dep = c.departement ?? c.code.slice(0, 2);
    if (!RING_DEPARTEMENTS.includes(dep) && !keys13.has(communeKey(c.nom))) continue;
    communes[c.code] = c.nom;
    for (const cp of c.codesPostaux ?? []) (postalCodes[cp] ??= []).push(c.code);
  }
  const deps: Record<string, string> = {};
  for (const d of departements) deps[d.code] = d.nom;
  return { departements: deps, communes, postalCodes };
}
