// GeoJSON (FeatureCollection / Feature of Points) → table rows: the properties as cells, the
// geometry's coordinates as NUMBERS beside them (never turned into text and parsed again). A
// `crs` naming EPSG:2154 (as QGIS writes Lambert-93 files) marks the numbers as Lambert-93 X/Y;
// without one they are read as longitude/latitude, Lambert-93 numbers being recognised as in CSV.

import { ImportFatalError, type ImportIssue } from './errors.ts';

export interface GeoJsonTable {
  headers: string[];
  rows: string[][];
  /** 1-based feature number of each row. */
  lineNumbers: number[];
  /** Coordinates of each row's point (NaN, NaN when the feature has none: see errors). */
  coordinates: Float64Array;
  /** 'xy': the file declares Lambert-93 (EPSG:2154); 'lonlat' otherwise. */
  kind: 'lonlat' | 'xy';
  /** Row-level problems (unsupported geometry, invalid coordinates). */
  errors: ImportIssue[];
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function propertyToString(v: Json): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return ''; // absurdly nested value (stack overflow): not a usable cell anyway
  }
}

function readPosition(p: Json): [number, number] | string {
  if (!Array.isArray(p) || p.length < 2) return 'coordonnées absentes ou incomplètes';
  const [a, b] = p;
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) {
    return 'coordonnées non numériques';
  }
  return [a, b]; // a third value (altitude) is ignored
}

/** Coordinate system declared by the file's `crs` member: 'lonlat', 'xy' (Lambert-93), or throws. */
function crsKind(doc: Record<string, Json>): 'lonlat' | 'xy' {
  const crs = doc.crs;
  if (!isObject(crs)) return 'lonlat';
  const props = isObject(crs.properties) ? crs.properties : {};
  const name = typeof props.name === 'string' ? props.name : typeof props.code === 'number' ? `EPSG:${props.code}` : '';
  const code = /(?:EPSG|epsg)\D*(\d+)\s*$/.exec(name)?.[1] ?? (/CRS84$/i.test(name) ? '4326' : '');
  if (code === '2154') return 'xy';
  if (code === '4326' || code === '4171' || code === '') return 'lonlat';
  throw new ImportFatalError(
    `Système de coordonnées ${name} non pris en charge : enregistrez le fichier en WGS84 (EPSG:4326) ou en Lambert-93 (EPSG:2154).`,
  );
}

/** Parse GeoJSON text. Throws ImportFatalError when it is not JSON or not a Feature(Collection). */
export function parseGeoJson(text: string): GeoJsonTable {
  let doc: Json;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new ImportFatalError("Le fichier GeoJSON n'est pas un JSON valide.");
  }
  let features: Json[];
  if (isObject(doc) && doc.type === 'FeatureCollection' && Array.isArray(doc.features)) features = doc.features;
  else if (isObject(doc) && doc.type === 'Feature') features = [doc];
  else throw new ImportFatalError("Le fichier GeoJSON doit contenir une FeatureCollection ou une Feature de type Point.");
  if (features.length === 0) throw new ImportFatalError('Le fichier GeoJSON ne contient aucune entité.');
  const kind = crsKind(doc as Record<string, Json>);

  // Union of property keys in order of first appearance.
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    if (!isObject(f) || !isObject(f.properties)) continue;
    for (const k of Object.keys(f.properties)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  const coordinates = new Float64Array(features.length * 2).fill(NaN);
  const errors: ImportIssue[] = [];
  features.forEach((f, idx) => {
    const num = idx + 1;
    const props = isObject(f) && isObject(f.properties) ? f.properties : {};
    const g = isObject(f) ? f.geometry : null;
    if (!isObject(f)) {
      errors.push({ row: num, field: 'Localisation', message: 'Entité invalide : ce n’est pas un objet « Feature »' });
    } else if (!isObject(g)) {
      errors.push({ row: num, field: 'Localisation', message: 'Entité sans géométrie' });
    } else if (g.type === 'Point' || (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1)) {
      const pos = readPosition(g.type === 'Point' ? g.coordinates : (g.coordinates as Json[])[0]);
      if (typeof pos === 'string') errors.push({ row: num, field: 'Localisation', message: `Géométrie invalide : ${pos}` });
      else {
        coordinates[idx * 2] = pos[0];
        coordinates[idx * 2 + 1] = pos[1];
      }
    } else {
      const t = typeof g.type === 'string' ? g.type : 'inconnue';
      errors.push({
        row: num,
        field: 'Localisation',
        message: `Géométrie de type ${t} non prise en charge : seuls les points sont acceptés`,
      });
    }
    rows.push(keys.map((k) => propertyToString(props[k])));
    lineNumbers.push(num);
  });
  return { headers: keys, rows, lineNumbers, coordinates, kind, errors };
}
