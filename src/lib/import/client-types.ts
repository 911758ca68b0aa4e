// Messages between the app and the import worker.
import type { ImportResult } from './pipeline.ts';

export interface ImportRequest {
  id: number;
  bytes: ArrayBuffer;
  fileName: string;
  sheet?: string | number;
}

export type ImportResponse =
  | { id: number; ok: true; result: ImportResult }
  | { id: number; ok: false; fatal: boolean; message: string };
