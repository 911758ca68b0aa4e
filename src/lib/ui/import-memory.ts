// The user's column choices, remembered per header (files with the same columns get the same
// choices on the next import). Kept in this browser's localStorage only; a missing or full
// storage just means nothing is remembered.

import type { ColumnOverrides } from '../import/columns.ts';

const KEY = 'carte-fonds-13:colonnes';

export function loadMappings(): Record<string, ColumnOverrides> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, ColumnOverrides>) : {};
  } catch {
    return {};
  }
}

export function rememberMapping(signature: string, columns: ColumnOverrides): void {
  try {
    const all = loadMappings();
    all[signature] = columns;
    globalThis.localStorage?.setItem(KEY, JSON.stringify(all));
  } catch {
    /* storage unavailable or full: the choice applies to this import only */
  }
}
