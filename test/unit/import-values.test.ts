import { describe, expect, it } from 'vitest';
import {
  parseAmount,
  parseBoolean,
  parseDate,
  parseJobs,
  parseNaf,
  parseNumber,
  parseSimpleNumber,
  parseSiret,
  parseSizeBand,
} from '../../src/lib/import/values.ts';

const num = (s: string) => {
  const r = parseNumber(s);
  return r.ok ? r.value : r.reason;
};
const date = (s: string, excelSerial = false) => {
  const r = parseDate(s, { now: new Date('2026-06-01T00:00:00Z'), excelSerial });
  return r.ok ? r.value : r.reason;
};

/**
 * What parseSimpleNumber must agree with: the regular-expression reading of the same common
 * forms (plain digits with one decimal separator, French space-grouped thousands), through Number().
 */
function regexSimpleNumber(raw: string): number {
  const simple = /^(\d+)(?:([.,])(\d+))?$/.exec(raw);
  if (simple) {
    if (simple[2] === '.' && simple[3].length === 3 && /^[1-9]\d{0,2}$/.test(simple[1])) return NaN; // "1.234"
    return Number(simple[2] ? `${simple[1]}.${simple[3]}` : simple[1]);
  }
  if (/^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/.test(raw)) return Number(raw.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  return NaN;
}

describe('parseSimpleNumber (allocation-free path of parseNumber)', () => {
  it('reads the same values as the regular expressions, and declines everything else', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = ['0', '1', '2', '5', '9', '0', '7', ',', '.', ' ', '\u00a0', '\u202f', '-', 'e', '3', '4'];
    let agreed = 0;
    for (let k = 0; k < 200_000; k++) {
      const len = 1 + Math.floor(rnd() * 14);
      let raw = '';
      for (let i = 0; i < len; i++) raw += alphabet[Math.floor(rnd() * alphabet.length)];
      const fast = parseSimpleNumber(raw);
      const reference = regexSimpleNumber(raw);
      const digits = raw.replace(/\D/g, '').length;
      if (digits > 15) expect(fast, raw).toBeNaN();
      else expect(Object.is(fast, reference) || (Number.isNaN(fast) && Number.isNaN(reference)), `${JSON.stringify(raw)}: ${fast} vs ${reference}`).toBe(true);
      if (!Number.isNaN(fast)) agreed++;
    }
    expect(agreed).toBeGreaterThan(10_000); // the generator does produce numbers, not only rejects
  });

  it.each([
    ['12500', 12500],
    ['43,29577', 43.29577],
    ['5.36981', 5.36981],
    ['1 325 000,50', 1325000.5],
    ['12\u202f500', 12500],
    ['0.1', 0.1],
    ['007', 7],
  ])('%s → %d (the same double as Number())', (raw, v) => expect(parseSimpleNumber(raw)).toBe(v));

  it.each(['', '1.234', '12 50', '1 2345', ' 12', '12 ', '12,', ',5', '1,234,567', '-3', '1e5', '1 234.5', '1234567890123456'])(
    '%j is left to the general path',
    (raw) => expect(parseSimpleNumber(raw)).toBeNaN(),
  );
});

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
  it("size bands from INSEE's tranche labels", () => {
    expect(parseSizeBand('0 salarié')).toBe('micro');
    expect(parseSizeBand('1 ou 2 salariés')).toBe('micro');
    expect(parseSizeBand('3 à 5 salariés')).toBe('micro');
    expect(parseSizeBand('10 à 19 salariés')).toBe('pme');
    expect(parseSizeBand('200 à 249 salariés')).toBe('pme');
    expect(parseSizeBand('250 à 499 salariés')).toBe('eti');
    expect(parseSizeBand('10 000 salariés et plus')).toBe('ge');
    expect(parseSizeBand('12 employés')).toBe('pme');
    expect(parseSizeBand('10 apprentis')).toBeNull();
  });
  it('booleans', () => {
    expect(parseBoolean('Oui')).toEqual({ ok: true, value: true });
    expect(parseBoolean('non')).toEqual({ ok: true, value: false });
    expect(parseBoolean('peut-être')).toMatchObject({ ok: false });
  });
});
