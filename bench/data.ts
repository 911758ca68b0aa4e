// Deterministic inputs of the bench: layers from public/data, seeded points and a French CSV.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArrondissementsLayer, CommunesLayer, QpvLayer, TerritoriesIndex } from '../src/lib/geodata/types.ts';

export const DATA_DIR = join(import.meta.dirname, '..', 'public', 'data');

export interface Layers {
  communes: CommunesLayer;
  arrondissements: ArrondissementsLayer;
  qpv: QpvLayer;
  index: TerritoriesIndex;
}

export function loadLayers(): Layers {
  const read = <T>(f: string): T => {
    const p = join(DATA_DIR, f);
    if (!existsSync(p)) throw new Error(`${p} missing: run "npm run geodata:ensure" first`);
    return JSON.parse(readFileSync(p, 'utf8')) as T;
  };
  return {
    communes: read('communes.geojson'),
    arrondissements: read('arrondissements.geojson'),
    qpv: read('qpv.geojson'),
    index: read('territoires.json'),
  };
}

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/**
 * n points [lon, lat, …]: half drawn near commune label points (commune chosen with probability
 * ∝ population, Gaussian spread ∝ the commune's size), half uniform in the département's bbox
 * (sea, neighbouring départements and the coast band included).
 */
export function generatePoints(n: number, index: TerritoriesIndex, seed = 13): Float64Array {
  const rnd = prng(seed);
  const communes = index.communes;
  const cum = new Float64Array(communes.length);
  let total = 0;
  communes.forEach((c, i) => {
    total += c.population;
    cum[i] = total;
  });
  const bb = index.departement.bbox;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.5) {
      const r = rnd() * total;
      let lo = 0;
      let hi = communes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      const c = communes[lo];
      const sx = (c.bbox[2] - c.bbox[0]) / 6;
      const sy = (c.bbox[3] - c.bbox[1]) / 6;
      out[2 * i] = c.labelPoint[0] + gaussian(rnd) * sx;
      out[2 * i + 1] = c.labelPoint[1] + gaussian(rnd) * sy;
    } else {
      out[2 * i] = bb[0] + rnd() * (bb[2] - bb[0]);
      out[2 * i + 1] = bb[1] + rnd() * (bb[3] - bb[1]);
    }
  }
  return out;
}

/**
 * n company locations [lon, lat, …] for the rendering bench: all near commune label points
 * (commune drawn with probability ∝ population, Gaussian spread ∝ the commune's size), as
 * companies are; deterministic.
 */
export function generateCompanyPoints(n: number, index: TerritoriesIndex, seed = 2025): Float64Array {
  const rnd = prng(seed);
  const communes = index.communes;
  const cum = new Float64Array(communes.length);
  let total = 0;
  communes.forEach((c, i) => {
    total += c.population;
    cum[i] = total;
  });
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = rnd() * total;
    let lo = 0;
    let hi = communes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    const c = communes[lo];
    out[2 * i] = c.labelPoint[0] + gaussian(rnd) * ((c.bbox[2] - c.bbox[0]) / 8);
    out[2 * i + 1] = c.labelPoint[1] + gaussian(rnd) * ((c.bbox[3] - c.bbox[1]) / 8);
  }
  return out;
}

const FUNDS = ['AMPA', 'Fonds AMPA - Amorçage', 'Airbus Développement', 'Airbus', 'Adie', 'Adie microcrédit'];
const WORDS = ['Atelier', 'Calanques', 'Provence', 'Mistral', 'Soleil', 'Garrigue', 'Camargue', 'Étang', 'Sainte-Victoire', 'Lavande', 'Olivier', 'Port', 'Côte', 'Bleue', 'Alpilles', 'Crau'];
const KINDS = ['Conseil', 'Boulangerie', 'Composites', 'Logistique', 'Bâtiment', 'Services', 'Numérique', 'Restauration', 'Transports', 'Menuiserie'];
const SIZES = ['0 salarié', '1 à 2 salariés', '3 à 5 salariés', '6 à 9 salariés', '10 à 19 salariés', '20 à 49 salariés'];
const NAF = ['10.71C', '43.21A', '56.10A', '62.01Z', '49.41A', '71.12B', '47.11B', '16.23Z'];

function luhnSiret(base13: string): string {
  for (let d = 0; d < 10; d++) {
    const s = base13 + d;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let v = s.charCodeAt(i) - 48;
      if (i % 2 === 0) {
        v *= 2;
        if (v > 9) v -= 9;
      }
      sum += v;
    }
    if (sum % 10 === 0) return s;
  }
  return base13 + '0';
}

const frNumber = (x: number, decimals: number) => {
  const [int, dec] = x.toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return dec ? `${grouped},${dec}` : grouped;
};

/**
 * A realistic French CSV (";" separated, decimal commas, dd/mm/yyyy dates, coordinates near the
 * commune's label point, a few faulty rows), as a UTF-8 string.
 */
export function generateCsv(rows: number, index: TerritoriesIndex, seed = 2024): string {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const communes = index.communes;
  const cum: number[] = [];
  let total = 0;
  for (const c of communes) cum.push((total += c.population));
  const header =
    "Raison sociale;SIRET;Fonds;Montant (€);Emplois prévus;Emplois créés;Date de signature;Adresse;Commune;Code postal;Latitude;Longitude;Code NAF;Tranche d'effectif";
  const lines: string[] = [header];
  for (let i = 0; i < rows; i++) {
    const r = rnd() * total;
    let k = 0;
    while (cum[k] < r) k++;
    const c = communes[k];
    const name = `${pick(WORDS)} ${pick(KINDS)} ${i % 997}`;
    const siret = luhnSiret(String(40000000000 + i * 7919).padStart(13, '0').slice(-13));
    const amount = frNumber(Math.round(rnd() * 80000) / (rnd() < 0.3 ? 1 : 100) + 500, rnd() < 0.5 ? 2 : 0);
    const planned = 1 + Math.floor(rnd() * 20);
    const achieved = rnd() < 0.6 ? String(Math.floor(planned * rnd())) : '';
    const date = `${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}/${2019 + Math.floor(rnd() * 6)}`;
    const lon = c.labelPoint[0] + (rnd() - 0.5) * (c.bbox[2] - c.bbox[0]) * 0.3;
    const lat = c.labelPoint[1] + (rnd() - 0.5) * (c.bbox[3] - c.bbox[1]) * 0.3;
    let fields = [
      rnd() < 0.05 ? `"${name}; et fils"` : name,
      siret,
      pick(FUNDS),
      amount,
      String(planned),
      achieved,
      date,
      `${1 + Math.floor(rnd() * 120)} rue de la République`,
      c.nom,
      c.codesPostaux[0] ?? '',
      frNumber(lat, 5),
      frNumber(lon, 5),
      pick(NAF),
      pick(SIZES),
    ];
    const fault = rnd();
    if (fault < 0.01) fields[3] = '';
    else if (fault < 0.02) fields[6] = '31/02/2023';
    else if (fault < 0.025) fields[2] = 'Fonds inconnu';
    fields = fields.map((f) => (f.includes('"') || !f.includes(';') ? f : `"${f}"`));
    lines.push(fields.join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}
