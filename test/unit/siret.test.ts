import { describe, expect, it } from 'vitest';
import { isValidSiret, luhnCheckDigit, luhnValid, normalizeSiret } from '../../src/lib/domain/siret.ts';
import { FUNDS, NAF_SECTIONS, contrastRatio, fundById, nafSection } from '../../src/lib/domain/funds.ts';

describe('SIREN / SIRET', () => {
  it('accepts Luhn-valid identifiers', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
  });

  it('rejects a wrong check digit, a wrong length or non-digits', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
    expect(isValidSiret('732 829 320 00074')).toBe(false); // callers normalise first
    expect(isValidSiret('')).toBe(false);
  });

  it('normalises separators', () => {
    expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074');
    expect(normalizeSiret('732.829.320-00074')).toBe('73282932000074');
    expect(isValidSiret(normalizeSiret('732\u00a0829\u00a0320\u00a000074'))).toBe(true);
  });

  it('applies the La Poste exception (SIREN 356000000: digit sum multiple of 5)', () => {
    // 3+5+6+4+9+8+3+7 = 45, not Luhn-valid.
    expect(luhnValid('35600000049837')).toBe(false);
    expect(isValidSiret('35600000049837')).toBe(true);
    // Digit sum 46: rejected even though La Poste.
    expect(isValidSiret('35600000049838')).toBe(false);
    // The head office keeps the Luhn rule.
    expect(isValidSiret('35600000000048')).toBe(true);
  });

  it('computes check digits', () => {
    expect(luhnCheckDigit('73282932')).toBe('0');
    const body = '9999900150001';
    expect(luhnValid(body + luhnCheckDigit(body))).toBe(true);
  });
});

describe('funds and labels', () => {
  it('has the three funds with distinct colours readable on white (≥ 3:1)', () => {
    expect(FUNDS.map((f) => f.id)).toEqual(['ampa', 'airbus', 'adie']);
    expect(new Set(FUNDS.map((f) => f.color)).size).toBe(3);
    for (const f of FUNDS) expect(contrastRatio(f.color, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(fundById('adie').shortLabel).toBe('ADIE');
  });

  it('maps NAF codes to sections', () => {
    expect(nafSection('62.01Z')).toBe('J');
    expect(nafSection('6201Z')).toBe('J');
    expect(nafSection('30.30Z')).toBe('C');
    expect(nafSection('71.12B')).toBe('M');
    expect(nafSection('01.13Z')).toBe('A');
    expect(nafSection('35.11Z')).toBe('D');
    expect(nafSection('99.00Z')).toBe('U');
    expect(nafSection('04.00Z')).toBeNull();
    expect(nafSection('abc')).toBeNull();
    expect(nafSection(null)).toBeNull();
    expect(Object.keys(NAF_SECTIONS)).toHaveLength(21);
  });
});
