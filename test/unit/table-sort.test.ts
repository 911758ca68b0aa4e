import { describe, expect, it } from 'vitest';
import { ariaSort, sortByColumn } from '../../src/lib/ui/table-sort.ts';

type R = { name: string; v: number | string | null };
const rows: R[] = [
  { name: 'Éguilles', v: 3 },
  { name: 'Aubagne', v: null },
  { name: 'Cassis', v: 10 },
  { name: 'Arles', v: 3 },
  { name: 'Bouc-Bel-Air', v: null },
];
const names = (rs: R[]) => rs.map((r) => r.name);

describe('sortByColumn', () => {
  it('sorts numbers ascending or descending, ties by French name order, empty values last both ways', () => {
    expect(names(sortByColumn(rows, (r) => r.v, (r) => r.name, true))).toEqual(['Arles', 'Éguilles', 'Cassis', 'Aubagne', 'Bouc-Bel-Air']);
    expect(names(sortByColumn(rows, (r) => r.v, (r) => r.name, false))).toEqual(['Cassis', 'Arles', 'Éguilles', 'Aubagne', 'Bouc-Bel-Air']);
  });
  it('sorts text with French collation (accents beside their letter) and leaves the input untouched', () => {
    const copy = [...rows];
    expect(names(sortByColumn(rows, (r) => r.name, (r) => r.name, true))).toEqual(['Arles', 'Aubagne', 'Bouc-Bel-Air', 'Cassis', 'Éguilles']);
    expect(rows).toEqual(copy);
  });
  it('aria-sort follows the sorted column', () => {
    expect([ariaSort(true, true), ariaSort(true, false), ariaSort(false, true)]).toEqual(['ascending', 'descending', 'none']);
  });
});
