// Reference data of the domain: the three pooled revitalisation funds of Bouches-du-Rhône,
// NAF rev. 2 section labels, size-band labels. Pure data + helpers (no DOM, no Svelte).
// User-facing strings are in French, read from the interface catalogue (i18n/messages/common.ts).

import type { FundId, SizeBand } from './types.ts';
import { messagesFor, type Locale } from '../i18n/catalogue.ts';

const FR = messagesFor('fr').common;

export interface Fund {
  id: FundId;
  /** Full French name. */
  name: string;
  /** Short label for legends, filters and tables. */
  shortLabel: string;
  /** Who runs the fund. */
  operator: string;
  /** One-sentence French description. */
  description: string;
  /**
   * Symbol colour (Okabe-Ito palette, distinguishable with the common colour-vision
   * deficiencies). Each has a contrast ratio of at least 3:1 against white (WCAG 1.4.11,
   * non-text contrast), checked in test/unit/siret.test.ts.
   */
  color: string;
}

/** The three funds, in display order. */
export const FUNDS: readonly Fund[] = [
  {
    id: 'ampa',
    name: 'Aix-Marseille Provence Amorçage',
    shortLabel: 'AMPA',
    operator: 'Aix-Marseille Provence Amorçage (AMPA)',
    description: FR.fundDescriptions.ampa,
    // Okabe-Ito "blue", contrast 5.2:1 on white.
    color: '#0072B2',
  },
  {
    id: 'airbus',
    name: 'Fonds de revitalisation Airbus Développement',
    shortLabel: 'Airbus Développement',
    operator: 'Airbus Développement',
    description: FR.fundDescriptions.airbus,
    // Okabe-Ito "vermillion", contrast 3.8:1 on white.
    color: '#D55E00',
  },
  {
    id: 'adie',
    name: 'Fonds de revitalisation ADIE',
    shortLabel: 'ADIE',
    operator: "Association pour le droit à l'initiative économique (ADIE)",
    description: FR.fundDescriptions.adie,
    // Okabe-Ito "bluish green", contrast 3.4:1 on white.
    color: '#009E73',
  },
];

export const FUND_IDS: readonly FundId[] = FUNDS.map((f) => f.id);

const FUND_BY_ID = new Map<FundId, Fund>(FUNDS.map((f) => [f.id, f]));

export function fundById(id: FundId): Fund {
  const f = FUND_BY_ID.get(id);
  if (!f) throw new Error(`unknown fund: ${id}`);
  return f;
}

/** NAF rev. 2 sections, short French labels (the catalogue's; English: `messagesFor('en')`). */
export const NAF_SECTIONS: Readonly<Record<string, string>> = FR.nafSections;

/** Section letter → [first division, last division] (NAF rev. 2). */
const SECTION_DIVISIONS: readonly [string, number, number][] = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];

/**
 * NAF section letter of a NAF rev. 2 code ("62.01Z", "6201Z", "62.01", "62"), or null
 * when the code is not recognised (unused division such as 04, or malformed).
 */
export function nafSection(code: string | null | undefined): string | null {
  if (!code) return null;
  const m = /^\s*(\d{2})(?:[.\s]?\d{1,2}[A-Za-z]?)?\s*$/.exec(code);
  if (!m) return null;
  const division = Number(m[1]);
  for (const [letter, lo, hi] of SECTION_DIVISIONS) {
    if (division >= lo && division <= hi) return letter;
  }
  return null;
}

/** Short label of a section letter, or "Secteur inconnu" (annual review, breakdowns); French by default. */
export function nafSectionLabel(letter: string | null | undefined, locale: Locale = 'fr'): string {
  const t = messagesFor(locale).common;
  return (letter && t.nafSections[letter]) || t.unknownSector;
}

/** Size bands in display order (annual review, breakdowns, the `taille` URL filter). */
export const SIZE_BANDS: readonly SizeBand[] = ['micro', 'pme', 'eti', 'ge', 'inconnue'];

/** Size bands (INSEE « catégorie d'entreprise » plus micro and unknown), French labels. */
export const SIZE_BAND_LABELS: Readonly<Record<SizeBand, string>> = sizeLabels('fr', 'label');

/** Short labels, as written in the "Tranche" column of the CSV files. */
export const SIZE_BAND_SHORT_LABELS: Readonly<Record<SizeBand, string>> = sizeLabels('fr', 'short');

/** Size band labels of one language (long for tables and charts, short for narrow columns). */
export function sizeLabels(locale: Locale, form: 'label' | 'short'): Readonly<Record<SizeBand, string>> {
  const bands = messagesFor(locale).common.sizeBands;
  return Object.fromEntries(SIZE_BANDS.map((b) => [b, bands[b][form]])) as Record<SizeBand, string>;
}


/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
}

/** WCAG contrast ratio between two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
