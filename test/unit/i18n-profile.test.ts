// The profile area in English: the pure modules that write the profile's, the comparison's and the
// map cards' text take a language (French by default, unchanged) and give English text.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatQuarter, printedOn, PUBLIC_LIST_LINE, sourcesLine } from '../../src/lib/analysis/profile.ts';
import { comparableOptions } from '../../src/lib/analysis/compare.ts';
import { formatDate, formatDateFr } from '../../src/lib/publication/labels.ts';
import { embedUrl } from '../../src/lib/routing/embed.ts';
import { messagesFor } from '../../src/lib/i18n/catalogue.ts';
import { numberFormats } from '../../src/lib/text/format.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';

const index = JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as TerritoriesIndex;
const fr = messagesFor('fr').profile;
const en = messagesFor('en').profile;

describe('profile texts in English, French unchanged by default', () => {
  it('quarters', () => {
    expect(formatQuarter('2025-T4')).toBe('4e trimestre 2025');
    expect(formatQuarter('2025-T4', 'en')).toBe('Q4 2025');
    expect(formatQuarter('2025-T1', 'en')).toBe('Q1 2025');
    expect(formatQuarter('T4', 'en')).toBe('T4');
  });

  it('sources line and printing date of the printed sheet', () => {
    expect(sourcesLine(true, 'en')).toMatch(/^Sources: IGN ADMIN EXPRESS.*demonstration data \(fictitious companies\)\.$/);
    expect(sourcesLine(false, 'en')).not.toMatch(/demonstration|démonstration/);
    expect(sourcesLine(true)).toMatch(/^Sources : IGN.*données de démonstration/);
    expect(printedOn(new Date(2026, 2, 3), 'en')).toBe('Profile printed on 3 March 2026');
    expect(printedOn(new Date(2026, 2, 3))).toBe('Fiche imprimée le 3 mars 2026');
  });

  it('dates: day month year, English month names', () => {
    expect(formatDate('2026-03-31', 'en')).toBe('31 March 2026');
    expect(formatDate('2026-03-31')).toBe('31 mars 2026');
    expect(formatDateFr('2026-03-31')).toBe('31 mars 2026');
    expect(formatDate('2026-02-30', 'en')).toBe('2026-02-30');
  });

  it('groups of the comparison picker; territory names untranslated', () => {
    const frGroups = comparableOptions(index);
    const enGroups = comparableOptions(index, 'en');
    expect(frGroups.map((g) => g.group)).toEqual(['Communes', 'Arrondissements de Marseille', 'Intercommunalités (EPCI)']);
    expect(enGroups.map((g) => g.group)).toEqual(['Communes', 'Arrondissements of Marseille', 'Intercommunalities (EPCI)']);
    expect(enGroups.map((g) => g.options)).toEqual(frGroups.map((g) => g.options));
    expect(enGroups[0].options.some((o) => o.name === 'Istres')).toBe(true);
  });

  it('place names keep their French form; only French adds a preposition', () => {
    expect(fr.figuresTitle('Le Rove')).toBe('Fonds de revitalisation au Rove');
    expect(en.figuresTitle('Le Rove')).toBe('Revitalisation funds in Le Rove');
    expect(fr.comparisonCaption('Istres', 'x')).toBe('Chiffres clés d’Istres comparés avec x');
    expect(en.comparisonCaption('Istres', 'x')).toBe('Key figures for Istres compared with x');
    expect(en.noSupport('Les Pennes-Mirabeau')).toBe('No company supported in Les Pennes-Mirabeau for the current selection.');
  });

  it('plurals and parameters', () => {
    expect(fr.layoffsCount(1)).toBe(' (1 licenciement)');
    expect(fr.layoffsCount(2)).toBe(' (2 licenciements)');
    expect(en.layoffsCount(1)).toBe(' (1 redundancy plan)');
    expect(en.layoffsCount(3)).toBe(' (3 redundancy plans)');
    expect(fr.jobsAchieved(1, '1')).toBe('1 créé');
    expect(fr.jobsAchieved(4, '4')).toBe('4 créés');
    expect(en.jobsAchieved(4, '4')).toBe('4 created');
    expect(en.communesLabel(1)).toBe('Commune');
    expect(en.communesLabel(2)).toBe('Communes');
    expect(en.selectionLine('2019–2023', en.allFunds, true)).toBe('Period 2019–2023, the three pooled funds, filtered sectors.');
    expect(en.inhabitants(numberFormats('en').int(44292))).toBe('44,292 inhabitants');
  });

  it('the French public line is the catalogue’s', () => {
    expect(PUBLIC_LIST_LINE).toBe(fr.publicListLine);
    expect(en.publicListLine).toMatch(/^Only companies that agreed to publication are named/);
  });

  it('the iframe snippet keeps the language of the profile it was copied from', () => {
    const page = 'https://carte.example.gouv.fr/#/commune/13047?lang=en';
    expect(embedUrl(page, '13047', 'en')).toBe('https://carte.example.gouv.fr/?mode=integration#/commune/13047?lang=en');
    expect(embedUrl(page, '13047')).toBe('https://carte.example.gouv.fr/?mode=integration#/commune/13047');
  });
});
