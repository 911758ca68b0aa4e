import { describe, expect, it } from 'vitest';
import { parseAmount, parseBoolean, parseDate, parseJobs, parseNaf, parseNumber, parseSiret, parseSizeBand } from '../../src/lib/import/values.ts';

const num = (s: string) => {
  const r = parseNumber(s);
  return r.ok ? r.value : r.reason;
};
const date = (s: string, excelSerial = false) => {
  const r = parseDate(s, { now: new Date('2026-06-01T00:00:00Z'), excelSerial });
  return r.ok ? r.value : r.reason;
};

describe('parseNumber', () => {
  it.each([
    ['12 500,00 €', 12500],
    ['12 500', 12500],
    ['12\u202f500,5', 12500.5],
    ['12\u00a0500', 12500],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['12500.00', 12500],
    ['1 325 000', 1325000],
    ['1.325.000', 1325000],
    ['1,325,000', 1325000],
    ['3,25', 3.25],
    ['EUR 400', 400],
    ['400 euros', 400],
    ['1.5E4', 15000],
    ['0', 0],
    [',5', 0.5],
  ])('%s → %d', (s, v) => expect(num(s)).toBe(v));

  it('rejects text, negatives and percentages', () => {
    expect(num('abc')).toBe("« abc » n'est pas un nombre");
    expect(num('-300')).toBe('montant négatif');
    expect(num('(300)')).toBe('montant négatif');
    expect(num('12 %')).toBe('« 12 % » est un pourcentage, pas un montant');
    expect(num('1,2,3')).toBe("« 1,2,3 » n'est pas un nombre");
    expect(num('')).toBe('valeur manquante');
  });

  it('notes the ambiguous "12.500"', () => {
    const r = parseNumber('12.500');
    expect(r).toMatchObject({ ok: true, value: 12.5 });
    expect(r.ok && r.note).toContain('point décimal');
  });

  it('rounds amounts to the cent and jobs to integers', () => {
    expect(parseAmount('10,005')).toMatchObject({ ok: true, value: 10.01 });
    expect(parseJobs('3')).toEqual({ ok: true, value: 3 });
    expect(parseJobs('2,5')).toMatchObject({ ok: true, value: 3 });
    expect(parseJobs('-1')).toEqual({ ok: false, reason: 'nombre négatif' });
  });
});

describe('parseDate', () => {
  it.each([
    ['15/03/2022', '2022-03-15'],
    ['15-03-2022', '2022-03-15'],
    ['15.03.2022', '2022-03-15'],
    ['5/3/22', '2022-03-05'],
    ['2022-03-15', '2022-03-15'],
    ['2022-03-15T10:00:00Z', '2022-03-15'],
    ['15/03/2022 00:00', '2022-03-15'],
  ])('%s → %s', (s, iso) => expect(date(s)).toEqual({ iso, yearOnly: false }));

  it('reads a year alone', () => expect(date('2021')).toEqual({ iso: '2021-01-01', yearOnly: true }));

  it('reads Excel serials only on the XLSX path', () => {
    expect(date('44635', true)).toEqual({ iso: '2022-03-15', yearOnly: false });
    expect(date('44635')).toContain("n'est pas une date");
  });

  it('rejects invalid and implausible dates', () => {
    expect(date('31/02/2022')).toBe("« 31/02/2022 » n'est pas une date valide");
    expect(date('1999')).toBe('« 1999 » : date hors de la période plausible (2000–2027)');
    expect(date('01/01/2028')).toContain('hors de la période plausible');
    expect(date('demain')).toContain("n'est pas une date");
    expect(date('')).toBe('date manquante');
  });
});

describe('parseSiret', () => {
  it('normalises spaces and checks the key', () => {
    expect(parseSiret('732 829 320 00074')).toEqual({ ok: true, value: '73282932000074' });
    expect(parseSiret('73282932000075')).toEqual({ ok: false, reason: 'SIRET invalide (clé de contrôle)' });
    expect(parseSiret('356 000 000 00048')).toEqual({ ok: true, value: '35600000000048' });
    expect(parseSiret('1234')).toMatchObject({ ok: false, reason: expect.stringContaining('14 chiffres') });
    expect(parseSiret('7,32829E+13')).toMatchObject({ ok: false, reason: expect.stringContaining('notation scientifique') });
    expect(parseSiret('ABC')).toMatchObject({ ok: false });
  });
});

describe('other fields', () => {
  it('NAF codes', () => {
    expect(parseNaf('6201Z')).toEqual({ ok: true, value: { code: '62.01Z', sector: 'J' } });
    expect(parseNaf('10.71c')).toEqual({ ok: true, value: { code: '10.71C', sector: 'C' } });
    expect(parseNaf('ZZ')).toMatchObject({ ok: false });
  });
  it('size bands', () => {
    expect(parseSizeBand('TPE')).toBe('micro');
    expect(parseSizeBand('PME')).toBe('pme');
    expect(parseSizeBand('ETI')).toBe('eti');
    expect(parseSizeBand('Grande entreprise')).toBe('ge');
    expect(parseSizeBand('12')).toBe('pme');
    expect(parseSizeBand('10 à 49')).toBe('pme');
    expect(parseSizeBand('3')).toBe('micro');
    expect(parseSizeBand('???')).toBeNull();
  });
  it('booleans', () => {
    expect(parseBoolean('Oui')).toEqual({ ok: true, value: true });
    expect(parseBoolean('non')).toEqual({ ok: true, value: false });
    expect(parseBoolean('peut-être')).toMatchObject({ ok: false });
  });
});
