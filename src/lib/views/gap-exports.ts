// Exports of the gap analysis: the table as CSV for French Excel and as GeoJSON, the map as PNG.
// They follow the current privacy mode (the columns mask the same values as the screen).

import { app } from '../state/app.svelte.ts';
import { data } from '../state/data.svelte.ts';
import { gapState } from '../state/gaps.svelte.ts';
import { mapSync } from '../state/map-ref.svelte.ts';
import { GAP_LEVEL_LABELS } from '../analysis/gaps.ts';
import { exportFileName, toExcelCsv, toGeoExportRows, toGeoJsonExport, type ExportColumn } from '../export/table-export.ts';
import { dataUrl } from '../geodata/load.ts';
import type { GapRow } from '../analysis/gaps.ts';
import { composeMapPng, downloadBlob, downloadCanvas } from '../map/export-png.ts';
import { gapColumns } from './gap-columns.ts';
import { SECRET_COLOR } from '../analysis/choropleth.ts';
import type { Geometry } from 'geojson';

const LEVEL_FILES = { commune: 'communes.geojson', epci: 'epci.geojson', ze: 'zones-emploi.geojson', qpv: 'qpv.geojson' } as const;

function columns(): ExportColumn<GapRow>[] {
  const white = new Map(gapState.white.map((z) => [z.code, z]));
  return gapColumns({ needId: gapState.needId, supportId: app.gap.support, result: gapState.result, white }).map((c) => ({
    header: c.header,
    value: c.value,
    decimals: c.decimals,
  }));
}

/** Rows in the table's default order: zones blanches first (neediest first), then the others. */
export function orderedRows(): GapRow[] {
  const whiteOrder = new Map(gapState.white.map((z, i) => [z.code, i]));
  return [...gapState.rows].sort((a, b) => (whiteOrder.get(a.code) ?? 1e9) - (whiteOrder.get(b.code) ?? 1e9) || a.name.localeCompare(b.name, 'fr'));
}

const what = () => `ecarts-${GAP_LEVEL_LABELS[app.gap.level]}${app.mode === 'public' ? '-public' : ''}${data.isDemo ? '-demo' : ''}`;

export function exportGapCsv(): void {
  const bytes = toExcelCsv(columns(), orderedRows());
  downloadBlob(new Blob([bytes as BlobPart], { type: 'text/csv;charset=utf-8' }), exportFileName(what(), 'csv'));
}

export async function exportGapGeoJson(): Promise<void> {
  const layer = (await (await fetch(dataUrl(LEVEL_FILES[app.gap.level]))).json()) as { features: { properties: { code: string }; geometry: Geometry }[] };
  const geom = new Map(layer.features.map((f) => [f.properties.code, f.geometry]));
  const text = toGeoJsonExport(toGeoExportRows(columns(), orderedRows(), (r) => geom.get(r.code)));
  downloadBlob(new Blob([text], { type: 'application/geo+json' }), exportFileName(what(), 'geojson'));
}

export async function exportGapPng(): Promise<void> {
  const mapCanvas = mapSync.canvas();
  if (!mapCanvas || !gapState.legend) return;
  const lg = gapState.legend;
  const canvas = composeMapPng(mapCanvas, {
    title: `Analyse des écarts – ${GAP_LEVEL_LABELS[app.gap.level]}`,
    subtitle: `${lg.needLabel} × ${lg.supportLabel}${data.isDemo ? ' – données de démonstration' : ''}${app.mode === 'public' ? ' – mode public' : ''}`,
    legendTitle: `Besoin (vertical) × soutien (horizontal), en tiers`,
    bivariate: { grid: lg.grid.map((row) => row.map((cell) => cell.color)), xLabel: lg.xLabel, yLabel: lg.yLabel },
    legend: [
      { color: '#f3b300', label: 'Besoin élevé, soutien faible (zones blanches)' },
      ...(gapState.result?.secret.length ? [{ color: SECRET_COLOR, label: 'Secret statistique (non classé)' }] : []),
    ],
    sources: 'Sources : IGN, ANCT (QPV 2024), INSEE, DGCL ; DDETS 13 – fonds de revitalisation',
  });
  await downloadCanvas(canvas, exportFileName(what(), 'csv').replace(/\.csv$/, '.png'));
}
