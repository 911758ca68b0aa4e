// Sorting of the sortable tables (communes, gap analysis): one rule everywhere.
// Empty values (null) go last whatever the direction; equal values keep the name order (French).

export type CellValue = string | number | null;

/** Rows sorted by `value`, ascending or not; ties and equal values by `name`. */
export function sortByColumn<R>(rows: readonly R[], value: (r: R) => CellValue, name: (r: R) => string, ascending: boolean): R[] {
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === vb) return name(a).localeCompare(name(b), 'fr');
    if (va === null) return 1;
    if (vb === null) return -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'fr');
    return ascending ? c : -c;
  });
}

/** The aria-sort value of a column header. */
export function ariaSort(sorted: boolean, ascending: boolean): 'ascending' | 'descending' | 'none' {
  return sorted ? (ascending ? 'ascending' : 'descending') : 'none';
}
