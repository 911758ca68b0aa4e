// Messages between the app and the import worker.
import type { FundId } from '../domain/types.ts';
import type { ColumnOverrides } from './columns.ts';
import type { ImportPhase, ImportResult } from './pipeline.ts';

export interface ImportRequest {
  id: number;
  bytes: ArrayBuffer;
  fileName: string;
  sheet?: string | number;
  /** See ImportContext.swapLatLon (default 'auto'). */
  swapLatLon?: 'auto' | boolean;
  /** Fund of a file without a fund column (ImportContext.defaultFund). */
  defaultFund?: FundId;
  /** Column chosen per field (ImportContext.columns). */
  columns?: ColumnOverrides;
  /** Choices remembered per header (ImportContext.columnsByHeader). */
  columnsByHeader?: Record<string, ColumnOverrides>;
}

/** Progress of request `id`: `fraction` (0–1) of the current phase. Sent at most once per percent. */
export interface ImportProgressMessage {
  id: number;
  progress: true;
  phase: ImportPhase;
  fraction: number;
}

export type ImportResponse =
  | ImportProgressMessage
  | { id: number; progress?: undefined; ok: true; result: ImportResult }
  | { id: number; progress?: undefined; ok: false; fatal: boolean; message: string };
