// What lies outside Bouches-du-Rhône, for the import's rule « a row is inside the département only
// when its evidence says so »: names of départements and of communes beyond 13 (an INSEE or postal
// code outside 13 is rejected naming them, never re-matched by name), and the communes of the
// neighbouring départements near the border (a point inside one is rejected naming it; the coast
// snap only applies to points at sea).

import type { LonLat } from '../domain/types.ts';
import type { CommunesLayer } from '../geodata/types.ts';
import type { NeighbourCommuneFeature, NeighbourCommunesLayer, OutsideIndex } from '../geodata/outside.ts';
import { communeKey } from '../text/normalize.ts';

/** Layers the import uses for places outside 13 (public/data: hors-departement.json, communes-voisines.geojson). */
export interface OutsideData {
  index: OutsideIndex;
  neighbours: NeighbourCommunesLayer;
  /** The département's communes (communes.geojson): the coast snap compares distances to both sides. */
  communes?: CommunesLayer;
}

type Ring = number[][];
type Polys = Ring[][];

interface Area {
  code: string;
  nom: string;
  dep: string;
  bbox: [number, number, number, number];
  polys: Polys;
}

function polysOf(g: NeighbourCommuneFeature['geometry']): Polys {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function bboxOf(polys: Polys): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polys) {
    for (const [x, y] of p[0]) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolys(x: number, y: number, polys: Polys): boolean {
  for (const p of polys) {
    if (!inRing(x, y, p[0])) continue;
    let hole = false;
    for (let h = 1; h < p.length && !hole; h++) hole = inRing(x, y, p[h]);
    if (!hole) return true;
  }
  return false;
}

/** Distance (km, local equirectangular: fine at a few km) from a point to an area's outline. */
function outlineKm([lon, lat]: LonLat, polys: Polys): number {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.57;
  let best = Infinity;
  for (const p of polys) {
    for (const ring of p) {
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1][0] - lon) * kx;
        const ay = (ring[i - 1][1] - lat) * ky;
        const bx = (ring[i][0] - lon) * kx;
        const by = (ring[i][1] - lat) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const len = dx * dx + dy * dy;
        const t = len > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
        const d = Math.hypot(ax + t * dx, ay + t * dy);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

const DEG_PER_KM = 1 / 80; // generous at 43° N (1° of longitude ≈ 81 km)

export class OutsideChecker {
  private readonly areas: Area[];
  private readonly communes13 = new Map<string, Polys>();
  private readonly byName = new Map<string, string[]>();

  constructor(private readonly data?: OutsideData) {
    this.areas = (data?.neighbours.features ?? []).map((f) => {
      const polys = polysOf(f.geometry);
      return { code: f.properties.code, nom: f.properties.nom, dep: f.properties.dep, bbox: bboxOf(polys), polys };
    });
    for (const f of data?.communes?.features ?? []) this.communes13.set(f.properties.code, polysOf(f.geometry));
    for (const [code, nom] of Object.entries(data?.index.communes ?? {})) {
      const k = communeKey(nom);
      this.byName.set(k, [...(this.byName.get(k) ?? []), code]);
    }
  }

  /** Département of an INSEE or postal code (« Var »), or null. */
  departement(code: string): string | null {
    const deps = this.data?.index.departements;
    if (!deps) return null;
    // Overseas codes have 3 digits; Corsican postal codes (20xxx) say nothing of 2A / 2B.
    return deps[code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2)] ?? null;
  }

  /** « Rousset (Hautes-Alpes, 05127) », or « code INSEE 45234 (Loiret) » when the commune is not listed. */
  communeLabel(insee: string): string {
    const nom = this.data?.index.communes[insee];
    const dep = this.departement(insee);
    if (nom) return `${nom} (${dep ? `${dep}, ` : ''}${insee})`;
    return `code INSEE ${insee}${dep ? ` (${dep})` : ''}`;
  }

  /** « 83640 (Var : Riboux, Saint-Zacharie) », « 75001 (Paris) ». */
  postalLabel(cp: string): string {
    const dep = this.departement(cp);
    const names = (this.data?.index.postalCodes[cp] ?? []).map((c) => this.data!.index.communes[c]).filter(Boolean);
    if (names.length) return `${cp} (${dep ? `${dep} : ` : ''}${names.join(', ')})`;
    return dep ? `${cp} (${dep})` : cp;
  }

  /** Communes outside 13 with this name (« Riboux » → 83106), as labels. */
  communesNamed(name: string): string[] {
    return (this.byName.get(communeKey(name)) ?? []).map((c) => this.communeLabel(c));
  }

  /** Neighbouring commune containing the point, or null (none listed there). */
  neighbourAt(p: LonLat): Area | null {
    const [x, y] = p;
    for (const a of this.areas) {
      if (x < a.bbox[0] || x > a.bbox[2] || y < a.bbox[1] || y > a.bbox[3]) continue;
      if (inPolys(x, y, a.polys)) return a;
    }
    return null;
  }

  /** Label of a neighbouring commune: COG name when known (« Le Grau-du-Roi (Gard, 30133) »). */
  areaLabel(a: Area): string {
    return this.data?.index.communes[a.code] ? this.communeLabel(a.code) : `${a.nom} (${this.data?.index.departements[a.dep] ?? a.dep}, ${a.code})`;
  }

  /**
   * For a point the locator snapped to commune `snappedTo` (outside every commune of 13): the
   * neighbouring commune nearer to it than that commune, if any — the snap must not cross a border.
   */
  nearerNeighbour(p: LonLat, snappedTo: string, maxKm: number): Area | null {
    const own = this.communes13.get(snappedTo);
    const ownKm = own ? outlineKm(p, own) : maxKm;
    const r = Math.min(ownKm, maxKm) * DEG_PER_KM * 1.5;
    let best: Area | null = null;
    let bestKm = ownKm;
    for (const a of this.areas) {
      if (p[0] < a.bbox[0] - r || p[0] > a.bbox[2] + r || p[1] < a.bbox[1] - r || p[1] > a.bbox[3] + r) continue;
      const d = outlineKm(p, a.polys);
      if (d < bestKm) {
        bestKm = d;
        best = a;
      }
    }
    return best;
  }
}
