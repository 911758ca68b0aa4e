import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../src/lib/domain/siret.ts';
import { ImportFatalError, importFile, type ImportContext } from '../../src/lib/import/pipeline.ts';
import { wgs84ToLambert93 } from '../../src/lib/import/lambert93.ts';
import { fakeLocator, fixtureIndex } from '../fixtures/import/territories-fixture.ts';

const ctx: ImportContext = { index: fixtureIndex, locator: fakeLocator, now: new Date('2025-06-01T00:00:00Z') };
const enc = (s: string) => new TextEncoder().encode(s);
const siret = (n: number) => {
  const body = String(5000000000000 + n * 7919);
  return body + luhnCheckDigit(body);
};
const run = (csv: string, extra: Partial<ImportContext> = {}) => importFile(enc(csv), 'aides.csv', { ...ctx, ...extra });

describe('importFile — CSV', () => {
  const csv = [
    'Raison sociale;SIRET;Fonds;Montant;Emplois prévus;Emplois créés;Date;Commune;Code postal;Longitude;Latitude;QPV;Code NAF;Tranche',
    `Alpha;${siret(1)};AMPA;12 500,00 €;4;3;15/03/2022;La Ciotat;13600;;;;6201Z;PME`, // 2 ok commune
    `Beta;${siret(2)};Adie;abc;;;15/03/2022;Aubagne;;;;;;`, // 3 Montant
    `Gamma;${siret(3)};Airbus;1000;;;15/03/2022;;;5,3698;43,3000;;;`, // 4 ok point in Marseille
    `Delta;12345678901234;Adie;500;;;15/03/2022;Aubagne;;;;;;`, // 5 SIRET
    `Epsilon;${siret(4)};AMPA;-2;;;32/13/2022;Paris;;;;;;`, // 6 three errors
    `Zeta;${siret(5)};AMPA;1000;;;2023;;13100;;;;;`, // 7 shared postal code
    `Eta;${siret(6)};Adie;300;;;01/01/2024;;;43,3;5,37;;;micro-entrepreneur`, // 8 swapped lat/lon
    `Theta;${siret(7)};Adie;300;;;01/01/2024;;;3,0;45,0;;;`, // 9 outside 13
    `Iota;${siret(1)};AMPA;12500;4;3;2022-03-15;La Ciotat;;;;;;`, // 10 duplicate of 2
    `Kappa;${siret(1)};AMPA;9000;;;2023-03-15;La Ciotat;;;;;;`, // 11 same SIRET, other amount
    `Lambda;;Airbus;2000;;;2024;Marseille 3e;;;;QN01303I;;`, // 12 declared QPV, arrondissement
    `Mu;;Airbus;2000;;;2024;;13008;;;Inconnu;;`, // 13 unknown declared QPV → warning
    `Nu;${siret(8)};AMPA;100;;;2024;Saintes Maries de la Mer;;5,60;43,150;;;`, // 14 snapped point
  ].join('\n');
  const r = run(csv);

  it('keeps good rows, rejects bad ones with spreadsheet line numbers and French field names', () => {
    expect(r.rows).toBe(13);
    expect(r.valid).toBe(7);
    expect(r.rejected).toBe(6);
    expect(r.dataset.supports.map((s) => s.id)).toEqual(['2', '4', '8', '11', '12', '13', '14']);
    expect(r.errors).toEqual([
      { row: 3, field: 'Montant', message: "« abc » n'est pas un nombre" },
      { row: 5, field: 'SIRET', message: 'SIRET invalide (clé de contrôle)' },
      { row: 6, field: 'Montant', message: 'montant négatif' },
      { row: 6, field: 'Date', message: "« 32/13/2022 » n'est pas une date valide" },
      { row: 6, field: 'Commune', message: 'Commune « Paris » introuvable dans les Bouches-du-Rhône' },
      {
        row: 7,
        field: 'Code postal',
        message: 'Code postal 13100 partagé par plusieurs communes : Aix-en-Provence, Beaurecueil, Le Tholonet, précisez la commune',
      },
      { row: 9, field: 'Localisation', message: 'Localisation hors des Bouches-du-Rhône (3, 45)' },
      { row: 10, field: 'SIRET', message: 'doublon de la ligne 2 (même SIRET, date, montant et fonds)' },
    ]);
    expect(r.dataset.kind).toBe('import');
    expect(r.dataset.label).toBe('aides.csv');
    expect(r.dataset.createdAt).toBe('2025-06-01T00:00:00.000Z');
    expect(r.delimiter).toBe(';');
    expect(r.encoding).toBe('utf-8');
  });

  it('builds complete supports', () => {
    const alpha = r.dataset.supports[0];
    expect(alpha).toEqual({
      id: '2', companyName: 'Alpha', siret: siret(1), naf: '62.01Z', sector: 'J', sizeBand: 'pme', fund: 'ampa',
      amountEur: 12500, jobsPlanned: 4, jobsAchieved: 3, date: '2022-03-15', address: null, location: [5.59005, 43.18825],
      precision: 'commune', communeCode: '13028', arrondissementCode: null, qpvCode: null, qpvSource: null, isMicroEntrepreneur: false,
    });
    const gamma = r.dataset.supports[1];
    expect(gamma).toMatchObject({ precision: 'point', location: [5.3698, 43.3], communeCode: '13055', arrondissementCode: '13202', qpvSource: 'computed' });
    const eta = r.dataset.supports[2];
    expect(eta).toMatchObject({ location: [5.37, 43.3], isMicroEntrepreneur: true, sizeBand: 'micro' });
    const lambda = r.dataset.supports[4];
    expect(lambda).toMatchObject({ precision: 'arrondissement', arrondissementCode: '13203', location: [5.37862, 43.31104], qpvCode: 'QN01303I', qpvSource: 'declared', companyName: 'Lambda', siret: null, dateIsYearOnly: true });
    expect(r.dataset.supports[5]).toMatchObject({ arrondissementCode: '13208', qpvCode: null, qpvSource: null });
    expect(r.dataset.supports[6]).toMatchObject({ communeCode: '13028', precision: 'point' });
  });

  it('emits warnings for swaps, duplicates, unknown QPV, snapping and commune conflicts', () => {
    const w = r.warnings.map((x) => `${x.row}|${x.field}|${x.message}`);
    expect(w).toContain('8|Localisation|latitude et longitude inversées (43.3, 5.37) : valeurs permutées');
    expect(w).toContain('11|SIRET|même SIRET que la ligne 2 avec un montant différent (12\u202f500 € puis 9\u202f000 €) : les deux lignes sont conservées');
    expect(w).toContain('13|QPV|code QPV « Inconnu » inconnu : ignoré');
    expect(w).toContain('14|Localisation|point hors des limites communales (littoral) : rattaché à la commune la plus proche');
    expect(w).toContain('14|Commune|commune déclarée (Saintes-Maries-de-la-Mer) différente de celle des coordonnées (La Ciotat) : les coordonnées sont retenues');
  });

  it('honours swapLatLon', () => {
    const never = run(csv, { swapLatLon: false });
    expect(never.errors.find((e) => e.row === 8)?.message).toBe('Localisation hors des Bouches-du-Rhône (43.3, 5.37)');
  });

  it('reads Lambert-93 in x/y columns and in lon/lat columns (with a warning)', () => {
    const [x, y] = wgs84ToLambert93(5.59, 43.19).map((v) => v.toFixed(1).replace('.', ','));
    const a = run(`nom;fonds;montant;date;x;y\nA;ampa;1;2024;${x};${y}\n`);
    expect(a.valid).toBe(1);
    expect(a.dataset.supports[0].location[0]).toBeCloseTo(5.59, 5);
    expect(a.warnings).toEqual([]);
    const b = run(`nom;fonds;montant;date;longitude;latitude\nA;ampa;1;2024;${x};${y}\nB;ampa;1;2024;${y};${x}\n`);
    expect(b.valid).toBe(2);
    expect(b.warnings.map((w) => w.message)).toEqual([
      'coordonnées Lambert-93 dans les colonnes longitude/latitude : converties en WGS84',
      expect.stringContaining('X et Y Lambert-93 inversés'),
    ]);
  });

  it('falls back to the commune when coordinates are unreadable', () => {
    const f = run('nom;fonds;montant;date;commune;lat;lon\nA;adie;5;2024;Aubagne;n/a;n/a\nB;adie;5;2024;;n/a;n/a\n');
    expect(f.valid).toBe(1);
    expect(f.dataset.supports[0]).toMatchObject({ communeCode: '13005', precision: 'commune' });
    expect(f.warnings[0].message).toContain('localisation par la commune');
    expect(f.errors).toEqual([{ row: 3, field: 'Localisation', message: "« n/a » n'est pas une coordonnée" }]);
  });

  it('keeps strings as plain text (no HTML interpretation)', () => {
    const h = run('nom;fonds;montant;date;commune\n"<img src=x onerror=alert(1)>";adie;5;2024;Aubagne\n');
    expect(h.dataset.supports[0].companyName).toBe('<img src=x onerror=alert(1)>');
  });

  it('uses defaultFund when there is no fund column, rejects rows otherwise', () => {
    const none = run('nom;montant;date;commune\nA;5;2024;Aubagne\nB;6;2024;Aubagne\n');
    // Said once for the file, not once per row.
    expect(none.errors).toEqual([
      { row: 0, field: 'Fonds', message: 'aucune colonne de fonds : choisissez le fonds du fichier (AMPA, Airbus ou Adie) ou ajoutez une colonne « Fonds »' },
    ]);
    expect([none.valid, none.rejected]).toEqual([0, 2]);
    expect(run('nom;fonds;montant;date;commune\nA;;5;2024;Aubagne\n').errors[0]).toEqual({ row: 2, field: 'Fonds', message: 'fonds manquant (AMPA, Airbus ou Adie)' });
    expect(run('nom;montant;date;commune\nA;5;2024;Aubagne\n', { defaultFund: 'adie' }).valid).toBe(1);
  });

  it('skips a title line above the header and keeps real line numbers', () => {
    const t = run('Aides accordées en 2024;;;\nRaison sociale;Fonds;Montant;Date;Commune\nA;adie;x;2024;Aubagne\n');
    expect(t.headerLine).toBe(2);
    expect(t.errors).toEqual([{ row: 3, field: 'Montant', message: "« x » n'est pas un nombre" }]);
  });

  it('finds the header among the first rows of a long file and validates every row after it', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Société ${i};adie;${100 + i};2024;Aubagne`);
    const t = run(['Aides 2024', 'Source : DDETS 13', 'Raison sociale;Fonds;Montant;Date;Commune', ...rows].join('\n'));
    expect(t.headerLine).toBe(3);
    expect([t.rows, t.valid]).toEqual([30, 30]);
    expect(t.dataset.supports[0]).toMatchObject({ id: '4', companyName: 'Société 0', amountEur: 100 });
    expect(t.dataset.supports.at(-1)).toMatchObject({ id: '33', amountEur: 129 });
  });

  it('an exact duplicate of a later row of the same SIRET names that row', () => {
    const s1 = siret(21);
    const t = run(
      [
        'Raison sociale;SIRET;Fonds;Montant;Date;Commune',
        `A;${s1};adie;1000;2022;Aubagne`,
        `A;${s1};adie;1000;2023;Aubagne`,
        `A;${s1};adie;1000;2023;Aubagne`,
        `A;${s1};adie;1000;2022;Aubagne`,
      ].join('\n'),
    );
    expect(t.dataset.supports.map((x) => x.id)).toEqual(['2', '3']);
    expect(t.errors.map((e) => `${e.row}|${e.message}`)).toEqual([
      '4|doublon de la ligne 3 (même SIRET, date, montant et fonds)',
      '5|doublon de la ligne 2 (même SIRET, date, montant et fonds)',
    ]);
    expect(t.warnings.map((w) => `${w.row}|${w.message}`)).toEqual([
      '3|même SIRET que la ligne 2 (date ou fonds différents) : les deux lignes sont conservées',
    ]);
  });

  it('a header followed only by a broken line reports that line instead of an empty file', () => {
    const t = run('Raison sociale;Fonds;Montant;Date;Commune\n"A;adie;5;2024;Aubagne\n');
    expect([t.rows, t.valid, t.rejected]).toEqual([1, 0, 1]);
    expect(t.errors).toEqual([{ row: 2, field: 'Ligne', message: 'Guillemet non fermé : ligne ignorée' }]);
  });

  it('throws French fatal errors', () => {
    expect(() => run('foo;bar\n1;2\n')).toThrow(ImportFatalError);
    expect(() => run('foo;bar\n1;2\n')).toThrow(/Aucune colonne reconnue/);
    expect(() => run('Raison sociale;Montant\n')).toThrow("Le fichier ne contient que la ligne d'en-tête : aucune donnée à importer.");
    expect(() => importFile(new Uint8Array(), 'x.csv', ctx)).toThrow('Le fichier est vide.');
    expect(() => importFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'x.xls', ctx)).toThrow(/\.xls/);
    expect(() => importFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), 'x.csv', ctx)).toThrow(
      'Le fichier ne semble pas être un fichier texte (CSV)',
    );
  });

  it('20k identical rows without SIRET: all kept, each flagged as a probable duplicate of the first', () => {
    // Speed lives in the benchmark (npm run bench); this checks the big-file behaviour.
    const line = `Alpha;adie;1 000,00;15/03/2022;La Ciotat;13600\n`;
    const res = run('Raison sociale;Fonds;Montant;Date;Commune;Code postal\n' + line.repeat(20_000));
    expect([res.rows, res.valid]).toEqual([20_000, 20_000]);
    expect(res.dataset.supports.reduce((a, x) => a + x.amountEur, 0)).toBe(20_000_000);
    expect(res.warnings).toHaveLength(19_999);
    expect(res.warnings[0]).toEqual({ row: 3, field: 'Raison sociale', message: 'doublon probable de la ligne 2 (sans SIRET) : conservé' });
    expect(res.warnings.at(-1)!.row).toBe(20_001);
  });
});

describe('importFile — GeoJSON', () => {
  const gj = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { nom: 'A', fonds: 'AMPA', montant: 1000, date: '2023-01-01' }, geometry: { type: 'Point', coordinates: [5.59, 43.19, 12] } },
      { type: 'Feature', properties: { nom: 'B', fonds: 'Adie', montant: 10, date: '2023-01-01' }, geometry: { type: 'LineString', coordinates: [[5.5, 43.2], [5.6, 43.2]] } },
      { type: 'Feature', properties: { nom: 'C', fonds: 'Adie', montant: 10, date: '2023-01-01' }, geometry: { type: 'MultiPoint', coordinates: [[5.57, 43.30]] } },
      { type: 'Feature', properties: { nom: 'D', fonds: 'Adie', montant: 10, date: '2023-01-01' }, geometry: { type: 'Point', coordinates: [500, 43] } },
    ],
  };
  it('reads points (3D, single MultiPoint) and rejects other geometries', () => {
    const r = importFile(enc(JSON.stringify(gj)), 'points.geojson', ctx);
    expect(r.format).toBe('geojson');
    expect(r.rows).toBe(4);
    expect(r.dataset.supports.map((s) => [s.companyName, s.communeCode, s.precision])).toEqual([
      ['A', '13028', 'point'],
      ['C', '13005', 'point'],
    ]);
    expect(r.errors).toEqual([
      { row: 2, field: 'Localisation', message: 'Géométrie de type LineString non prise en charge : seuls les points sont acceptés' },
      { row: 4, field: 'Localisation', message: 'coordonnées invalides (500, 43) : ni WGS84 ni Lambert-93' },
    ]);
    const single = importFile(enc(JSON.stringify(gj.features[0])), 'un.json', ctx);
    expect(single.valid).toBe(1);
    expect(() => importFile(enc('{"type":"Feature"'), 'x.geojson', ctx)).toThrow("Le fichier GeoJSON n'est pas un JSON valide.");
  });
});

describe('importFile — consent to individual publication (« Diffusion » / « Publication »)', () => {
  it('reads oui/non, defaults to non, and warns on an unreadable answer', () => {
    const csv = [
      'Raison sociale;Fonds;Montant;Date;Commune;Diffusion',
      'Alpha;AMPA;1000;2022;La Ciotat;oui', // 2
      'Beta;AMPA;1000;2022;La Ciotat;non', // 3
      'Gamma;AMPA;1000;2022;La Ciotat;', // 4 empty → non
      'Delta;AMPA;1000;2022;La Ciotat;peut-être', // 5 unreadable → non, warning
      'Epsilon;AMPA;1000;2022;La Ciotat;X', // 6
    ].join('\n');
    const r = run(csv);
    expect(r.mapping.publishable).toBe('Diffusion');
    expect(r.dataset.supports.map((s) => [s.companyName, s.publishable === true])).toEqual([
      ['Alpha', true],
      ['Beta', false],
      ['Gamma', false],
      ['Delta', false],
      ['Epsilon', true],
    ]);
    expect(r.warnings).toContainEqual({ row: 5, field: 'Diffusion', message: '« peut-être » : répondez oui ou non : non diffusée' });
  });

  it('recognises « Publication » and « Accord de diffusion »; without the column nobody is published', () => {
    for (const header of ['Publication', 'Accord de diffusion', 'publication autorisée']) {
      const r = run(`Raison sociale;Fonds;Montant;Date;Commune;${header}\nAlpha;AMPA;1000;2022;La Ciotat;Oui`);
      expect(r.mapping.publishable, header).toBe(header);
      expect(r.dataset.supports[0].publishable, header).toBe(true);
    }
    const none = run('Raison sociale;Fonds;Montant;Date;Commune\nAlpha;AMPA;1000;2022;La Ciotat');
    expect(none.dataset.supports[0].publishable).toBeUndefined();
  });
});
