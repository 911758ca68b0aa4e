import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportFatalError } from '../../src/lib/import/errors.ts';
import { importFile } from '../../src/lib/import/pipeline.ts';
import { columnIndex, excelSerialToIso, isDateFormatCode, listSheets, readSheet } from '../../src/lib/import/xlsx.ts';
import { decodeEntities } from '../../src/lib/import/xml.ts';
import { fakeLocator, fixtureIndex } from '../fixtures/import/territories-fixture.ts';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbook(): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook ${NS}><workbookPr/><sheets>
  <sheet name="Synthèse" sheetId="1" r:id="rId1"/>
  <sheet name="Bénéficiaires" sheetId="2" r:id="rId2"/>
</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
</Relationships>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>
<sst ${NS} count="9" uniqueCount="9">
  <si><t>Raison sociale</t></si>
  <si><t>SIRET</t></si>
  <si><t>Montant (€)</t></si>
  <si><t>Date</t></si>
  <si><t>Fonds</t></si>
  <si><t>Code INSEE</t></si>
  <si><r><t xml:space="preserve">Société </t></r><r><rPr><b/></rPr><t>Générale &amp; Cie &#233;&#xE9;</t></r><rPh sb="0" eb="1"><t>ソシエテ</t></rPh></si>
  <si><t>AMPA</t></si>
  <si><t>Total</t></si>
</sst>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>
<styleSheet ${NS}>
  <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
</styleSheet>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>8</v></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>`,
    ),
    'xl/worksheets/data.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ${NS}><dimension ref="A1:G6"/><sheetData>
  <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="inlineStr"><is><t>Double</t></is></c><c r="G1" t="s"><v>5</v></c></row>
  <row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2" t="str"><v>73282932000074</v></c><c r="C2" s="3"><v>12500.5</v></c><c r="D2" s="1"><v>44635</v></c><c r="E2" t="s"><v>7</v></c><c r="F2"><f>C2*2</f><v>25001</v></c><c r="G2"><v>13028</v></c></row>
  <row r="3"><c r="A3" t="inlineStr"><is><r><t>Boulangerie</t></r><r><t xml:space="preserve"> du Port</t></r></is></c><c r="B3"/><c r="C3"><v>0.30000000000000004</v></c><c r="D3" s="2"><v>45000.75</v></c><c r="E3" t="str"><v>Adie</v></c><c r="G3" t="str"><f>"13"&amp;"203"</f><v>13203</v></c></row>
  <row r="5"><c r="A5" t="b"><v>1</v></c><c r="C5" t="e"><v>#N/A</v></c><c r="D5" t="str"><v>2022</v></c><c r="E5" t="s"><v>7</v></c><c r="G5"><v>13005</v></c></row>
  <row r="6"><c r="A6"/><c r="B6" s="1"/></row>
</sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells></worksheet>`,
    ),
  };
  return zipSync(files);
}

describe('xlsx', () => {
  const bytes = workbook();

  it('lists the sheets', () => {
    expect(listSheets(bytes)).toEqual([
      { index: 0, name: 'Synthèse', hidden: false },
      { index: 1, name: 'Bénéficiaires', hidden: false },
    ]);
  });

  it('reads cells: shared strings with rich runs, numbers, dates, cached formulas, gaps, merged cells', () => {
    const s = readSheet(bytes, 'Bénéficiaires');
    expect(s.name).toBe('Bénéficiaires');
    expect(s.lineNumbers).toEqual([1, 2, 3, 5]);
    expect(s.rows[0]).toEqual(['Raison sociale', 'SIRET', 'Montant (€)', 'Date', 'Fonds', 'Double', 'Code INSEE']);
    expect(s.rows[1]).toEqual(['Société Générale & Cie éé', '73282932000074', '12500.5', '2022-03-15', 'AMPA', '25001', '13028']);
    expect(s.rows[2]).toEqual(['Boulangerie du Port', '', '0.3', '2023-03-15', 'Adie', '', '13203']);
    expect(s.rows[3]).toEqual(['VRAI', '', '#N/A', '2022', 'AMPA', '', '13005']);
    expect(readSheet(bytes, 1).rows).toEqual(s.rows);
    expect(readSheet(bytes).rows).toEqual([['Total', '42']]);
  });

  it('reports an unknown sheet in French', () => {
    expect(() => readSheet(bytes, 'Feuil9')).toThrow('Feuille « Feuil9 » introuvable. Feuilles disponibles : Synthèse, Bénéficiaires.');
  });

  it('imports a sheet through the pipeline with spreadsheet row numbers', () => {
    const r = importFile(bytes, 'aides.xlsx', { index: fixtureIndex, locator: fakeLocator, sheet: 'Bénéficiaires', now: new Date('2025-01-01') });
    expect(r.format).toBe('xlsx');
    expect(r.sheets?.map((x) => x.name)).toEqual(['Synthèse', 'Bénéficiaires']);
    expect(r.rows).toBe(3);
    expect(r.valid).toBe(2);
    expect(r.dataset.supports[0]).toMatchObject({ id: '2', companyName: 'Société Générale & Cie éé', amountEur: 12500.5, date: '2022-03-15', communeCode: '13028', fund: 'ampa' });
    expect(r.dataset.supports[1]).toMatchObject({ id: '3', date: '2023-03-15', communeCode: '13055', arrondissementCode: '13203', precision: 'arrondissement' });
    expect(r.errors).toEqual([
      { row: 5, field: 'Montant', message: "« #N/A » n'est pas un nombre" },
    ]);
  });

  it('rejects non-zip and oversized archives', () => {
    expect(() => readSheet(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(ImportFatalError);
    // Forge a central directory that declares 300 MB for the workbook part.
    const z = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    const view = new DataView(z.buffer);
    for (let i = z.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 300 * 1024 * 1024, true);
    }
    expect(() => listSheets(z)).toThrow(/trop volumineux/);
  });

  it('helpers', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('AB12')).toBe(27);
    expect(excelSerialToIso(44635)).toBe('2022-03-15');
    expect(excelSerialToIso(43173, true)).toBe('2022-03-15');
    expect(isDateFormatCode('dd/mm/yyyy')).toBe(true);
    expect(isDateFormatCode('[$-40C]d mmmm yyyy')).toBe(true);
    expect(isDateFormatCode('h:mm')).toBe(false);
    expect(isDateFormatCode('#,##0.00\\ "€"')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
    expect(decodeEntities('&lt;a&gt; &amp;amp; &quot;&apos; &#8364;&#x20AC; &nope;')).toBe('<a> &amp; "\' €€ &nope;');
  });
});
