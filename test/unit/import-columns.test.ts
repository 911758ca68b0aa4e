import { describe, expect, it } from 'vitest';
import { assertRecognisable, findHeaderRow, matchFund, recogniseColumns } from '../../src/lib/import/columns.ts';
import { ImportFatalError } from '../../src/lib/import/errors.ts';

describe('recogniseColumns', () => {
  it('maps the SCDL Subventions 2.1.1 headers', () => {
    const headers = [
      'nomAttribuant', 'idAttribuant', 'dateConvention', 'referenceDecision', 'nomBeneficiaire', 'idBeneficiaire', 'objet',
      'montant', 'nature', 'conditionsVersement', 'datesPeriodeVersement', 'idRAE', 'notificationUE', 'pourcentageSubvention',
      'dispositifAide',
    ];
    const r = recogniseColumns(headers);
    expect(r.mapping).toEqual({
      fundIssuer: 0, date: 2, companyName: 4, siret: 5, amountEur: 7, fund: 14,
    });
    expect(r.unrecognised).toEqual([]);
    expect(r.ignored).toContain('idRAE');
  });

  it('is case-, accent-, space- and punctuation-insensitive, with French synonyms', () => {
    const headers = [
      'RAISON SOCIALE', 'N° SIRET', 'Code APE', "Tranche d'effectif", 'Fonds', 'Montant (€)', 'Emplois prévisionnels',
      'Emplois réalisés', 'Date de signature', 'Adresse', 'Long.', 'Lat', 'Code INSEE', 'Nom commune', 'CP',
      'Quartier prioritaire', 'Auto-entrepreneur', 'Commentaire',
    ];
    const r = recogniseColumns(headers);
    expect(r.mapping).toEqual({
      companyName: 0, siret: 1, naf: 2, sizeBand: 3, fund: 4, amountEur: 5, jobsPlanned: 6, jobsAchieved: 7, date: 8,
      address: 9, lon: 10, lat: 11, communeCode: 12, communeName: 13, postalCode: 14, qpv: 15, microEntrepreneur: 16,
    });
    expect(r.unrecognised).toEqual(['Commentaire']);
  });

  it('prefers the most specific header and uses prefix rules', () => {
    const r = recogniseColumns(['Nom', 'Raison sociale', "Montant de l'aide accordée (€)", 'Emplois créés au 31/12', 'x_l93', 'y_l93', 'codgeo']);
    expect(r.mapping).toMatchObject({ companyName: 1, amountEur: 2, jobsAchieved: 3, x: 4, y: 5, communeCode: 6 });
    expect(r.ignored).toEqual(['Nom']);
  });

  it('finds the header row below a title line', () => {
    const rows = [['Liste des bénéficiaires 2023'], [''], ['Entreprise', 'SIRET', 'Montant', 'Commune'], ['A', '1', '2', 'Aix']];
    expect(findHeaderRow(rows)).toBe(2);
  });

  it('throws a French fatal error when nothing is recognisable', () => {
    expect(() => assertRecognisable(recogniseColumns(['foo', 'bar']))).toThrow(ImportFatalError);
    expect(() => assertRecognisable(recogniseColumns(['foo', 'bar']))).toThrow(/Aucune colonne reconnue/);
    expect(() => assertRecognisable(recogniseColumns(['foo', 'montant']))).not.toThrow();
  });
});

describe('matchFund', () => {
  it.each([
    ['AMPA', 'ampa'], ["Fonds d'amorçage", 'ampa'], ['Airbus Développement', 'airbus'], ['ADIE', 'adie'],
    ['Microcrédit', 'adie'], ['Fonds AMPA - Amorçage', 'ampa'], ['FSE', null], ['', null],
  ])('%s → %s', (s, f) => expect(matchFund(s)).toBe(f));
});
