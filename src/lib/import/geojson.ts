// GeoJSON (FeatureCollection / Feature of Points) → table rows: properties + longitude/latitude.

import { ImportFatalError, type ImportIssue } from './errors.ts';
import { looseKey } from './text.ts';

export interface GeoJsonTable {
  headers: string[];
  rows: string[][];
  /** 1-based feature number of each row. */
  lineNumbers: number[];
  /** Row-level problems (unsupported geometry, invalid coordinates). */
  errors: ImportIssue[];
}

/** Column names given to the geometry coordinates (recognised by columns.ts as lon/lat). */
export const GEOJSON_LON = 'longitude';
export const GEOJSON_LAT = 'latitude';

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
  const [lon, lat] = p;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return 'coordonnées non numériques';
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return `coordonnées hors limites (${lon}, ${lat})`;
  return [lon, lat]; // a third value (altitude) is ignored
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

  // Union of property keys in order of first appearance; lon/lat names are reserved for the geometry.
  const reserved = new Set([looseKey(GEOJSON_LON), looseKey(GEOJSON_LAT)]);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    if (!isObject(f) || !isObject(f.properties)) continue;
    for (const k of Object.keys(f.properties)) {
      if (!seen.has(k) && !reserved.has(looseKey(k))) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const headers = [...keys, GEOJSON_LON, GEOJSON_LAT];
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  const errors: ImportIssue[] = [];
  features.forEach((f, idx) => {
    const num = idx + 1;
    const props = isObject(f) && isObject(f.properties) ? f.properties : {};
    const row = keys.map((k) => propertyToString(props[k]));
    let lon = '';
    let lat = '';
    const g = isObject(f) ? f.geometry : null;
    if (!isObject(f)) {
      errors.push({ row: num, field: 'Localisation', message: 'Entité invalide : ce n’est pas un objet « Feature »' });
    } else if (!isObject(g)) {
      errors.push({ row: num, field: 'Localisation', message: 'Entité sans géométrie' });
    } else if (g.type === 'Point' || (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1)) {
      const pos = readPosition(g.type === 'Point' ? g.coordinates : (g.coordinates as Json[])[0]);
      if (typeof pos === 'string') errors.push({ row: num, field: 'Localisation', message: `Géométrie invalide : ${pos}` });
      else {
        lon = String(pos[0]);
        lat = String(pos[1]);
      }
    } else {
      const t = typeof g.type === 'string' ? g.type : 'inconnue';
      errors.push({
        row: num,
        field: 'Localisation',
        message: `Géométrie de type ${t} non prise en charge : seuls les points sont acceptés`,
      });
    }
    row.push(lon, lat);
    rows.push(row);
    lineNumbers.push(num);
  });
  return { headers, rows, lineNumbers, errors };
}
