// Location of one row: coordinates (WGS84, Lambert-93, swapped pairs; GeoJSON numbers as they
// are), else INSEE code, commune name, postal code; QPV computed for points, declared otherwise.
// Nothing from outside the département is counted inside: a point in a neighbouring commune is
// rejected naming it, and the coast snap only applies to points at sea.

import type { LocationPrecision, LonLat, Support } from '../domain/types.ts';
import type { SpatialLocator } from '../analysis/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import type { RowCells } from './cells.ts';
import { CommuneMatcher } from './communes.ts';
import { looksLikeLambert93, lambert93ToWgs84 } from './lambert93.ts';
import { OutsideChecker } from './outside.ts';
import { looseKey } from '../text/normalize.ts';
import { quote } from './text.ts';
import { parseCoordinate, parseSimpleNumber } from './values.ts';

export interface Located {
  location: LonLat;
  precision: LocationPrecision;
  communeCode: string;
  arrondissementCode: string | null;
  qpvCode: string | null;
  qpvSource: Support['qpvSource'];
}

/** Where the locator reports issues (the row processor: errors reject the row). */
export interface IssueSink {
  err(field: string, message: string): void;
  warn(field: string, message: string): void;
}

export interface LocateOptions {
  index: TerritoriesIndex;
  locator: SpatialLocator;
  outside: OutsideChecker;
  swapLatLon: 'auto' | boolean;
  /** Coast snap distance of the locator (km), for the « nearer neighbour » check. */
  snapKm: number;
}

/** A pair of coordinates of one row: cells of a CSV / XLSX, or numbers of a GeoJSON geometry. */
export type CoordinateKind = 'lonlat' | 'xy';

const DEPT_BBOX_FALLBACK: [number, number, number, number] = [4.2, 43.1, 5.85, 44.0];

function inBbox([lon, lat]: LonLat, b: [number, number, number, number], margin = 0.05): boolean {
  return lon >= b[0] - margin && lon <= b[2] + margin && lat >= b[1] - margin && lat <= b[3] + margin;
}

export function fmtCoord(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(5).replace(/0+$/, '');
}

/** "43,29577", "-0,5": the common coordinate cells without allocating (NaN: use parseCoordinate). */
function simpleCoordinate(raw: string): number {
  return raw.charCodeAt(0) === 45 ? -parseSimpleNumber(raw.slice(1)) : parseSimpleNumber(raw);
}

type MatchResult = ReturnType<CommuneMatcher['match']>;

export class RowLocator {
  readonly matcher: CommuneMatcher;
  private readonly qpvByKey = new Map<string, TerritoriesIndex['qpv'][number]>();
  private readonly bbox: [number, number, number, number];
  /** code → name → postal code → match (bounded: matchCached entries at most 20,000). */
  private readonly matchCache = new Map<string, Map<string, Map<string, MatchResult>>>();
  private matchCached = 0;
  /** Rows whose coordinates were permuted (see ImportResult.swappedRows). */
  swappedRows = 0;

  constructor(
    private readonly o: LocateOptions,
    private readonly row: RowCells,
    private readonly sink: IssueSink,
  ) {
    this.matcher = new CommuneMatcher(o.index, o.outside);
    for (const q of o.index.qpv) {
      this.qpvByKey.set(looseKey(q.code), q);
      this.qpvByKey.set(looseKey(q.nom), q);
    }
    this.bbox = o.index.departement?.bbox ?? DEPT_BBOX_FALLBACK;
  }

  /**
   * The commune declared by the row. Files repeat the same few hundred communes: matching (accent
   * folding, article and postal-code rules) is done once per distinct (code, name, postal code).
   */
  private matchCommune(): MatchResult {
    const code = this.row.get('communeCode');
    const name = this.row.get('communeName');
    const postalCode = this.row.get('postalCode');
    // Nested maps rather than a joined key: no string built per row.
    let byName = this.matchCache.get(code);
    let byPostalCode = byName?.get(name);
    const hit = byPostalCode?.get(postalCode);
    if (hit) return hit;
    const r = this.matcher.match({ code, name, postalCode });
    if (this.matchCached < 20_000) {
      this.matchCached++;
      if (!byName) this.matchCache.set(code, (byName = new Map()));
      if (!byPostalCode) byName.set(name, (byPostalCode = new Map()));
      byPostalCode.set(postalCode, r);
    }
    return r;
  }

  /**
   * Locates the current row. `geometry`: GeoJSON coordinates (numbers, kept as they are; 'xy' when
   * the file declares Lambert-93), null when the feature has none.
   */
  locate(geometry?: { a: number; b: number; kind: CoordinateKind } | null): Located | null {
    const row = this.row;
    const hasCommuneInfo = !!(row.get('communeCode') || row.get('communeName') || row.get('postalCode'));
    const fail = hasCommuneInfo
      ? (f: string, msg: string) => this.sink.warn(f, `${msg} : localisation par la commune`)
      : (f: string, msg: string) => this.sink.err(f, msg);
    let point: LonLat | null = null;
    let tried = false;
    if (geometry) {
      tried = true;
      point = this.interpretNumbers(geometry.a, geometry.b, geometry.kind, fail);
    } else {
      let a = '';
      let b = '';
      let kind: CoordinateKind | null = null;
      // Plain assignments: no array per row.
      if (row.has('lon') && row.has('lat') && (row.get('lon') || row.get('lat'))) {
        a = row.get('lon');
        b = row.get('lat');
        kind = 'lonlat';
      } else if (row.has('x') && row.has('y') && (row.get('x') || row.get('y'))) {
        a = row.get('x');
        b = row.get('y');
        kind = 'xy';
      }
      if (kind) {
        tried = true;
        point = this.interpretCells(a, b, kind, fail);
      }
    }
    if (point) return this.locatePoint(point, hasCommuneInfo);
    if (tried && !hasCommuneInfo) return null;
    if (!hasCommuneInfo) {
      this.sink.err('Localisation', 'aucune localisation (coordonnées, code INSEE, commune ou code postal)');
      return null;
    }
    return this.locateCommune();
  }

  private locatePoint(point: LonLat, hasCommuneInfo: boolean): Located | null {
    const loc = this.o.locator.locate(point);
    const outside = this.o.outside;
    if (!loc.communeCode || loc.snapped) {
      const n = outside.neighbourAt(point);
      if (n) {
        this.sink.err('Localisation', `commune hors des Bouches-du-Rhône : ${outside.areaLabel(n)}, coordonnées ${fmtCoord(point[0])}, ${fmtCoord(point[1])}`);
        return null;
      }
    }
    if (!loc.communeCode) {
      this.sink.err('Localisation', `Localisation hors des Bouches-du-Rhône (${fmtCoord(point[0])}, ${fmtCoord(point[1])})`);
      return null;
    }
    if (loc.snapped) {
      // At sea: the snap may not cross a land or river border (a neighbour nearer than the commune).
      const nearer = outside.nearerNeighbour(point, loc.communeCode, this.o.snapKm);
      if (nearer) {
        this.sink.err(
          'Localisation',
          `point hors des limites communales, plus proche de ${outside.areaLabel(nearer)} que des Bouches-du-Rhône, coordonnées ${fmtCoord(point[0])}, ${fmtCoord(point[1])} : vérifiez-les`,
        );
        return null;
      }
      this.sink.warn('Localisation', 'point hors des limites communales (littoral) : rattaché à la commune la plus proche');
    }
    if (hasCommuneInfo) {
      const declared = this.matchCommune();
      if (declared.ok && declared.match.communeCode !== loc.communeCode) {
        const a = this.matcher.commune(declared.match.communeCode)?.nom ?? declared.match.communeCode;
        const b = this.matcher.commune(loc.communeCode)?.nom ?? loc.communeCode;
        this.sink.warn('Commune', `commune déclarée (${a}) différente de celle des coordonnées (${b}) : les coordonnées sont retenues`);
      }
    }
    const declaredQpv = this.row.get('qpv');
    if (declaredQpv) {
      const q = this.qpvByKey.get(looseKey(declaredQpv));
      if (q && q.code !== loc.qpvCode) {
        this.sink.warn('QPV', `QPV déclaré ${q.code} différent du QPV calculé (${loc.qpvCode ?? 'hors QPV'}) : le calcul est retenu`);
      }
    }
    return {
      location: point,
      precision: 'point',
      communeCode: loc.communeCode,
      arrondissementCode: loc.arrondissementCode,
      qpvCode: loc.qpvCode,
      qpvSource: 'computed',
    };
  }

  private locateCommune(): Located | null {
    const r = this.matchCommune();
    if (!r.ok) {
      this.sink.err(r.field, r.message);
      return null;
    }
    for (const w of r.match.warnings) this.sink.warn('Commune', w);
    const label = this.matcher.labelPoint(r.match);
    if (!label) {
      this.sink.err('Localisation', `point représentatif de la commune ${r.match.communeCode} introuvable`);
      return null;
    }
    const qpvCode = this.declaredQpv(this.row.get('qpv'), r.match.communeCode);
    return {
      location: [label[0], label[1]],
      precision: r.match.arrondissementCode ? 'arrondissement' : 'commune',
      communeCode: r.match.communeCode,
      arrondissementCode: r.match.arrondissementCode,
      qpvCode,
      qpvSource: qpvCode ? 'declared' : null,
    };
  }

  /** Declared QPV code (validated against the index), or null. */
  private declaredQpv(raw: string, communeCode: string): string | null {
    if (!raw) return null;
    const k = looseKey(raw);
    if (['non', 'n', '0', 'faux', 'false', 'horsqpv', 'aucun'].includes(k)) return null;
    if (['oui', 'o', '1', 'vrai', 'true', 'x'].includes(k)) {
      this.sink.warn('QPV', 'QPV déclaré sans code : non pris en compte');
      return null;
    }
    const q = this.qpvByKey.get(k);
    if (!q) {
      this.sink.warn('QPV', `code QPV ${quote(raw)} inconnu : ignoré`);
      return null;
    }
    if (q.communes?.length && !q.communes.includes(communeCode)) {
      this.sink.warn('QPV', `le QPV ${q.code} n'est pas situé dans la commune ${this.matcher.commune(communeCode)?.nom ?? communeCode}`);
    }
    return q.code;
  }

  /** Coordinate cells → WGS84 point, or null with an issue. */
  private interpretCells(ra: string, rb: string, kind: CoordinateKind, fail: (f: string, m: string) => void): LonLat | null {
    if (!ra || !rb) {
      fail('Localisation', `coordonnées incomplètes (${kind === 'lonlat' ? 'longitude/latitude' : 'X/Y'})`);
      return null;
    }
    let a = simpleCoordinate(ra);
    let b = simpleCoordinate(rb);
    if (a !== a || b !== b) {
      const pa = parseCoordinate(ra);
      const pb = parseCoordinate(rb);
      if (!pa.ok || !pb.ok) {
        fail('Localisation', (pa.ok ? null : pa.reason) ?? (pb.ok ? '' : pb.reason));
        return null;
      }
      a = pa.value;
      b = pb.value;
    }
    return this.interpretNumbers(a, b, kind, fail);
  }

  /** Two numbers → WGS84 point (Lambert-93 detection, lat/lon swap), or null with an issue. */
  private interpretNumbers(a: number, b: number, kind: CoordinateKind, fail: (f: string, m: string) => void): LonLat | null {
    const swapOpt = this.o.swapLatLon;
    if (Math.abs(a) <= 180 && Math.abs(b) <= 90) {
      let p: LonLat = [a, b];
      if (swapOpt === true) {
        p = [b, a];
        this.swappedRows++;
      } else if (swapOpt === 'auto' && !inBbox(p, this.bbox) && Math.abs(a) <= 90 && inBbox([b, a], this.bbox)) {
        p = [b, a];
        this.swappedRows++;
        this.sink.warn('Localisation', `latitude et longitude inversées (${fmtCoord(a)}, ${fmtCoord(b)}) : valeurs permutées`);
      }
      return p;
    }
    if (looksLikeLambert93(a, b)) {
      if (kind === 'lonlat') {
        this.sink.warn('Localisation', 'coordonnées Lambert-93 dans les colonnes longitude/latitude : converties en WGS84');
      }
      return lambert93ToWgs84(a, b);
    }
    if (looksLikeLambert93(b, a) && swapOpt !== false) {
      this.swappedRows++;
      this.sink.warn('Localisation', `X et Y Lambert-93 inversés (${fmtCoord(a)}, ${fmtCoord(b)}) : valeurs permutées`);
      return lambert93ToWgs84(b, a);
    }
    fail('Localisation', `coordonnées invalides (${fmtCoord(a)}, ${fmtCoord(b)}) : ni WGS84 ni Lambert-93`);
    return null;
  }
}
