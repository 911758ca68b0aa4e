// Gap analysis: rows of the chosen territory level, bivariate classes, "zones blanches", the
// selected / hovered territory (synced between the map and the table).

import { bivariate, bivariateLegend, buildGapRows, needIndicatorsFor, whiteZones, type GapRow } from '../analysis/gaps.ts';
import { app } from './app.svelte.ts';
import { data } from './data.svelte.ts';
import { mapSync } from './map-ref.svelte.ts';
import { SECRET_COLOR } from '../analysis/choropleth.ts';

type Bbox = [number, number, number, number];

class GapState {
  selected = $state<string | null>(null);
  hovered = $state<string | null>(null);

  /** The need indicator actually used: the chosen one when it exists at this level. */
  readonly needId = $derived.by(() => {
    const available = needIndicatorsFor(app.gap.level);
    return available.some((i) => i.id === app.gap.need) ? app.gap.need : available[0].id;
  });
  readonly rows = $derived<GapRow[]>(
    data.aggregation && app.territories ? buildGapRows(app.gap.level, data.aggregation, app.territories) : [],
  );
  readonly result = $derived(this.rows.length ? bivariate(this.rows, this.needId, app.gap.support) : null);
  /** Classes as the map wants them: code → index into a flat 9-colour list (need * 3 + support), then « secret statistique » (9). */
  readonly bivariate = $derived.by(() => {
    const r = this.result;
    if (!r) return null;
    const classes = new Map<string, number>();
    for (const [code, cell] of r.classes) classes.set(code, cell.needClass * 3 + cell.supportClass);
    for (const code of r.secret) classes.set(code, 9);
    return { classes, colors: [...r.palette.flatMap((row) => [...row]), SECRET_COLOR] };
  });
  readonly legend = $derived(this.result ? bivariateLegend(this.result) : null);
  readonly white = $derived(this.rows.length ? whiteZones(this.rows, this.needId, app.gap.support) : []);

  /** Bounding box of a territory of the current level (from its communes for EPCI and zones d'emploi). */
  bboxOf(code: string): Bbox | null {
    const t = app.territories;
    if (!t) return null;
    const direct = t.communes.find((c) => c.code === code) ?? t.qpv.find((q) => q.code === code) ?? t.arrondissements.find((a) => a.code === code);
    if (direct) return direct.bbox;
    const row = this.rows.find((r) => r.code === code);
    const boxes = (row?.communes ?? []).map((c) => t.communes.find((x) => x.code === c)?.bbox).filter((b): b is Bbox => !!b);
    if (!boxes.length) return null;
    return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  }

  select(code: string | null, zoom = true) {
    this.selected = code;
    this.outline(code);
    if (code && zoom) {
      const b = this.bboxOf(code);
      if (b) mapSync.fitBounds(b, app.gap.level === 'qpv' ? 14 : 12);
    }
  }

  hover(code: string | null) {
    this.hovered = code;
    this.outline(code ?? this.selected);
  }

  /** The gap page shows this territory outlined (or none). */
  private outline(code: string | null) {
    mapSync.declare('gaps', { highlighted: code ? { level: app.gap.level, code } : null }, 1);
  }
}

export const gapState = new GapState();
