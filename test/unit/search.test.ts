import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCommuneSearch } from '../../src/lib/analysis/search.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';

const index = JSON.parse(readFileSync(new URL('../../public/data/territoires.json', import.meta.url), 'utf8')) as TerritoriesIndex;
const { search } = createCommuneSearch(index);
const first = (q: string) => search(q)[0];
const codes = (q: string, limit?: number) => search(q, limit).map((s) => s.code);

describe('commune search (real territoires.json)', () => {
  it('finds names whatever the accents, case, articles and hyphens', () => {
    expect(first('Saintes Maries')).toMatchObject({ code: '13096', label: 'Saintes-Maries-de-la-Mer', kind: 'commune', matchedBy: 'name' });
    expect(first('la ciotat')).toMatchObject({ code: '13028', label: 'La Ciotat' });
    expect(first('ciotat').code).toBe('13028');
    expect(first('LA CIOTAT').code).toBe('13028');
    expect(first('St Chamas')).toMatchObject({ code: '13092', label: 'Saint-Chamas' });
    expect(first('saint-chamas').code).toBe('13092');
    expect(first('berre l etang').label).toBe("Berre-l'Étang");
    expect(first('Saint Etienne du Gres').label).toBe('Saint-Étienne-du-Grès');
    expect(first('maries saintes').code).toBe('13096');
  });

  it('puts Aix-en-Provence first for "aix"', () => {
    expect(first('aix')).toMatchObject({ code: '13001', label: 'Aix-en-Provence' });
    expect(first('Aix en')).toMatchObject({ code: '13001' });
  });

  it('finds by postal code, with the communes sharing it', () => {
    const laCiotat = search('13600');
    expect(laCiotat[0]).toMatchObject({ code: '13028', matchedBy: 'postalCode' });
    expect(laCiotat.map((s) => s.label)).toContain('Ceyreste');
    const aix = search('13100');
    const byPostal = aix.filter((s) => s.matchedBy === 'postalCode').map((s) => s.label);
    expect(byPostal).toEqual(['Aix-en-Provence', 'Le Tholonet', 'Saint-Marc-Jaumegarde', 'Beaurecueil', 'Saint-Antonin-sur-Bayon']);
    expect(aix[0].label).toBe('Aix-en-Provence');
    expect(first('13600').detail).toContain('13600');
    expect(first('13 600').code).toBe('13028');
  });

  it('finds by INSEE code', () => {
    expect(first('13047')).toMatchObject({ code: '13047', label: 'Istres', matchedBy: 'insee' });
  });

  it('finds Marseille arrondissements in every usual spelling', () => {
    for (const q of ['Marseille 3e', 'marseille 3', '13003', 'Marseille 3ème', 'marseille 3eme arrondissement', 'MARSEILLE 13003', '13203']) {
      expect(first(q), q).toMatchObject({ code: '13203', kind: 'arrondissement', label: 'Marseille 3e arrondissement' });
    }
    expect(first('Marseille 3e').detail).toBe('Marseille · 13003');
    expect(first('13003').matchedBy).toBe('postalCode');
    expect(first('13203').matchedBy).toBe('insee');
    // "13003" is also Alleins' INSEE code: second.
    expect(codes('13003')).toContain('13003');
    expect(first('marseille 1er').code).toBe('13201');
  });

  it('lists Marseille before its arrondissements for "marseille"', () => {
    const r = search('marseille', 20);
    expect(r[0]).toMatchObject({ code: '13055', kind: 'commune' });
    expect(r.filter((s) => s.kind === 'arrondissement')).toHaveLength(16);
    // Marseille's own postal codes point to the arrondissements, not the commune.
    expect(codes('13001')[0]).toBe('13201');
  });

  it('ranks exact > prefix of a word > substring, then population', () => {
    // "arles": exact Arles before anything containing "arles".
    expect(first('arles').code).toBe('13004');
    // "mar": word prefixes (Marseille, Martigues, Marignane, ..., Saintes-MAries) before substrings.
    const mar = search('mar', 50);
    const ranks = mar.map((s) => s.label);
    expect(ranks[0]).toBe('Marseille');
    expect(ranks.indexOf('Saintes-Maries-de-la-Mer')).toBeGreaterThan(-1);
    const marseilleIdx = ranks.indexOf('Marseille');
    const martiguesIdx = ranks.indexOf('Martigues');
    expect(marseilleIdx).toBeLessThan(martiguesIdx);
    // Substring match only: "otat" is inside "ciotat" but starts no word.
    expect(first('otat')).toMatchObject({ code: '13028', matchedBy: 'name' });
    // Word prefix beats substring regardless of population: "prov" starts "Provence" in
    // Aix-en-Provence (pop. 150k) and Salon-de-Provence.
    const prov = search('prov', 20).map((s) => s.label);
    expect(prov.slice(0, 2)).toEqual(['Aix-en-Provence', 'Salon-de-Provence']);
  });

  it('returns nothing for empty or unknown queries and honours the limit', () => {
    expect(search('')).toEqual([]);
    expect(search('   -- ')).toEqual([]);
    expect(search('zzzzqx')).toEqual([]);
    expect(search('saint', 3)).toHaveLength(3);
    expect(search('saint').length).toBeLessThanOrEqual(8);
    expect(search('a', 0)).toEqual([]);
  });

  it('returns each territory once', () => {
    const r = search('13', 200);
    expect(new Set(r.map((s) => s.code)).size).toBe(r.length);
  });
});
