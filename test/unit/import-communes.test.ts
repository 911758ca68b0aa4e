import { describe, expect, it } from 'vitest';
import { CommuneMatcher } from '../../src/lib/import/communes.ts';
import { communeKey } from '../../src/lib/text/normalize.ts';
import { OutsideChecker } from '../../src/lib/import/outside.ts';
import { fixtureIndex } from '../fixtures/import/territories-fixture.ts';

const matcher = new CommuneMatcher(fixtureIndex);
const m = (input: { code?: string; name?: string; postalCode?: string }) => {
  const r = matcher.match(input);
  return r.ok ? [r.match.communeCode, r.match.arrondissementCode] : r.message;
};

describe('CommuneMatcher', () => {
  it('matches INSEE codes, incl. Marseille arrondissements', () => {
    expect(m({ code: '13028' })).toEqual(['13028', null]);
    expect(m({ code: '13203' })).toEqual(['13055', '13203']);
    expect(m({ code: '75056' })).toBe('commune hors des Bouches-du-Rhône : code INSEE 75056');
    expect(m({ code: 'abc' })).toContain("n'est pas un code INSEE");
  });

  it.each([
    ['Saintes Maries de la Mer', '13096'],
    ['LES SAINTES-MARIES-DE-LA-MER', '13096'],
    ['LA CIOTAT', '13028'],
    ['Ciotat', '13028'],
    ['St Chamas', '13092'],
    ['Saint-Chamas', '13092'],
    ['aix en provence', '13001'],
    ['Tholonet', '13109'],
    ['AUBAGNE CEDEX', '13005'],
  ])('matches the name %s', (name, code) => expect(m({ name })).toEqual([code, null]));

  it.each([
    ['Marseille 3e', '13203'],
    ['Marseille 3ème arrondissement', '13203'],
    ['Marseille 13003', '13203'],
    ['MARSEILLE 1ER', '13201'],
    ['Marseille 16', '13216'],
  ])('matches %s to its arrondissement', (name, arr) => expect(m({ name })).toEqual(['13055', arr]));

  it('matches postal codes, Marseille ones to arrondissements', () => {
    expect(m({ postalCode: '13600' })).toEqual(['13028', null]);
    expect(m({ postalCode: '13008' })).toEqual(['13055', '13208']);
    expect(m({ name: 'Marseille', postalCode: '13013' })).toEqual(['13055', '13213']);
    expect(m({ name: 'Marseille' })).toEqual(['13055', null]);
  });

  it('disambiguates a shared postal code by name, else asks for the commune', () => {
    expect(m({ name: 'Le Tholonet', postalCode: '13100' })).toEqual(['13109', null]);
    expect(m({ name: 'Aix-en-Provence', postalCode: '13100' })).toEqual(['13001', null]);
    expect(m({ postalCode: '13100' })).toBe(
      'Code postal 13100 partagé par plusieurs communes : Aix-en-Provence, Beaurecueil, Le Tholonet, précisez la commune',
    );
  });

  it('rejects a name and a postal code that disagree, quoting both; a CEDEX code of 13 is only a warning', () => {
    expect(m({ name: 'La Ciotat', postalCode: '13400' })).toBe(
      'le code postal 13400 (Aubagne) ne correspond pas à la commune La Ciotat (codes postaux 13600) : vérifiez la ligne',
    );
    expect(m({ name: 'La Ciotat', postalCode: '83640' })).toBe(
      'code postal 83640 hors des Bouches-du-Rhône, commune déclarée La Ciotat (codes postaux 13600) : vérifiez la ligne',
    );
    const r = matcher.match({ name: 'La Ciotat', postalCode: '13705' });
    expect(r.ok && r.match.communeCode).toBe('13028');
    expect(r.ok && r.match.warnings[0]).toContain('ne correspond pas');
    const byCp = matcher.match({ name: 'Ville inconnue', postalCode: '13600' });
    expect(byCp.ok && byCp.match).toMatchObject({ communeCode: '13028', by: 'postalCode' });
    expect(m({ name: 'Paris' })).toBe('Commune « Paris » introuvable dans les Bouches-du-Rhône');
  });

  it('never re-matches an INSEE code outside 13 by its name, and names the commune and its département', () => {
    const outside = new OutsideChecker({
      index: {
        departements: { '05': 'Hautes-Alpes', '09': 'Ariège', '45': 'Loiret', '83': 'Var' },
        communes: { '05127': 'Rousset', '45083': 'Château-Renard', '09070': 'Les Cabannes', '83106': 'Riboux', '83120': 'Saint-Zacharie' },
        postalCodes: { '83640': ['83106', '83120'] },
      },
      neighbours: { type: 'FeatureCollection', features: [] },
    });
    const withNames = new CommuneMatcher(fixtureIndex, outside);
    const mm = (input: { code?: string; name?: string; postalCode?: string }) => {
      const r = withNames.match(input);
      return r.ok ? r.match.communeCode : r.message;
    };
    expect(mm({ code: '05127', name: 'Rousset' })).toBe('commune hors des Bouches-du-Rhône : Rousset (Hautes-Alpes, 05127)');
    expect(mm({ code: '45083', name: 'Aubagne' })).toBe('commune hors des Bouches-du-Rhône : Château-Renard (Loiret, 45083)');
    expect(mm({ code: '09070', name: 'Les Cabannes', postalCode: '13440' })).toBe('commune hors des Bouches-du-Rhône : Les Cabannes (Ariège, 09070)');
    expect(mm({ name: 'Riboux', postalCode: '13400' })).toBe(
      'commune hors des Bouches-du-Rhône : Riboux (Var, 83106) ; code postal 13400',
    );
    expect(mm({ postalCode: '83640' })).toBe('Code postal 83640 (Var : Riboux, Saint-Zacharie) hors des Bouches-du-Rhône');
    expect(mm({ code: '13005', postalCode: '83640' })).toBe(
      'code postal 83640 (Var : Riboux, Saint-Zacharie) hors des Bouches-du-Rhône, commune déclarée Aubagne (codes postaux 13400) : vérifiez la ligne',
    );
    expect(mm({ code: '13005', name: 'Aubagne', postalCode: '13400' })).toBe('13005');
  });

  it('normalises names', () => {
    expect(communeKey("L'Île-Saint-Denis")).toBe('ilestdenis');
    expect(communeKey('Les Saintes-Maries-de-la-Mer')).toBe(communeKey('Saintes Maries de la Mer'));
  });
});
