// The dataset on the map (published, demo or imported), the user's filters and the figures
// derived from them. `aggregation` is what views may show: in public mode, the secrecy engine's
// tables of the filtered data (or of the published package), never the raw figures.

import type { Dataset, FundId } from '../domain/types.ts';
import { layersToVisibility, ROUTE_DEFAULTS } from '../routing/route.ts';
import { filterLayoffs, filterSupports, yearsOf } from '../analysis/filter.ts';
import { aggregate } from '../analysis/aggregate.ts';
import { buildChoropleth } from '../analysis/choropleth.ts';
import type { ChoroplethIndicatorId } from '../analysis/indicators.ts';
import type { ClassifyMethod } from '../analysis/classify.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import demoUrl from '../../data/demo-dataset.json?url';
import { CorruptStoreError, clearImported, loadImported, saveImported } from './persist.ts';
import { notifyOtherTabs } from './tabs.ts';
import { app } from './app.svelte.ts';
import { visibleSupports } from '../domain/privacy.ts';
import { protectTables } from '../publication/secrecy.ts';
import { datasetOfPublication, layoffTablesOf, layoffTablesOfPublication, parsePublication, publicAggregation } from '../publication/figures.ts';
import { PUBLICATION_PATH, type PublishedDataset } from '../publication/types.ts';

const DEFAULT_LAYERS = layersToVisibility(ROUTE_DEFAULTS.layers);

export const DEMO_LABEL = 'Données de démonstration';

class DataState {
  dataset = $state.raw<Dataset | null>(null);
  /** Name of the imported file, when the dataset is an import. */
  fileName = $state<string | null>(null);
  storeError = $state<string | null>(null);

  funds = $state<FundId[]>([...ROUTE_DEFAULTS.funds]);
  yearFrom = $state<number | null>(null);
  yearTo = $state<number | null>(null);
  /** NAF section letters; empty = every sector. */
  sectors = $state<string[]>([]);

  showSupports = $state(DEFAULT_LAYERS.showSupports);
  showChoropleth = $state(DEFAULT_LAYERS.showChoropleth);
  indicator = $state<ChoroplethIndicatorId>(ROUTE_DEFAULTS.indicator);
  method = $state<ClassifyMethod>(ROUTE_DEFAULTS.method);
  classCount = $state(ROUTE_DEFAULTS.classCount);

  territories = $state.raw<TerritoriesIndex | null>(null);

  /** The published package this site serves (data/publication.json), null for the internal app. */
  published = $state.raw<PublishedDataset | null>(null);
  /** The package was there but unreadable (French message). */
  publicationError = $state<string | null>(null);

  readonly isPublished = $derived(this.published !== null);
  readonly isDemo = $derived(this.dataset?.kind === 'demo');
  // Years of supports and layoffs: layoffs often precede the supports they paid for.
  readonly years = $derived(this.dataset ? yearsOf([...this.dataset.supports, ...this.dataset.layoffs]) : []);
  readonly sectorsAvailable = $derived(
    this.dataset ? [...new Set(this.dataset.supports.map((s) => s.sector).filter((x): x is string => !!x))].sort() : [],
  );
  readonly filter = $derived({
    funds: this.funds,
    yearFrom: this.yearFrom ?? undefined,
    yearTo: this.yearTo ?? undefined,
    sectors: this.sectors,
  });
  // A published site answers no filter: its tables cover every fund, year and sector.
  readonly supports = $derived(this.dataset ? (this.published ? this.dataset.supports : filterSupports(this.dataset.supports, this.filter)) : []);
  readonly layoffs = $derived(this.dataset ? filterLayoffs(this.dataset.layoffs, this.filter) : []);
  /** Raw figures of the filtered data: internal mode only (never shown in public mode). */
  readonly rawAggregation = $derived(
    this.territories && this.dataset && !this.published ? aggregate(this.supports, this.layoffs, this.territories) : null,
  );
  /** Secrecy engine's tables: of the package on a published site, of the filtered data in public mode, none in internal mode. */
  readonly tables = $derived(
    this.published ? this.published.tables : app.mode === 'public' && this.territories && this.dataset ? protectTables(this.supports, this.territories) : null,
  );
  /** The figures every view shows (public figures carry their suppressions, see domain/privacy.ts). */
  readonly aggregation = $derived.by(() => {
    if (!this.territories || !this.dataset) return null;
    if (!this.tables) return this.rawAggregation;
    const layoffs = this.published ? layoffTablesOfPublication(this.published) : this.rawAggregation ? layoffTablesOf(this.rawAggregation) : null;
    return layoffs ? publicAggregation(this.tables, layoffs, this.territories) : null;
  });
  /** Companies that may be drawn and listed one by one in the current mode. */
  readonly visibleSupports = $derived(visibleSupports(this.supports, app.mode));
  readonly choropleth = $derived(
    this.aggregation ? buildChoropleth(this.aggregation.byCommune, this.indicator, this.method, this.classCount) : null,
  );

  /** Shows a dataset and resets the filters to cover all of it. */
  setDataset(d: Dataset, fileName: string | null) {
    this.dataset = d;
    this.fileName = fileName;
    const ys = yearsOf([...d.supports, ...d.layoffs]);
    this.yearFrom = ys[0] ?? null;
    this.yearTo = ys[ys.length - 1] ?? null;
    this.funds = [...ROUTE_DEFAULTS.funds];
    this.sectors = [...ROUTE_DEFAULTS.sectors];
  }

  async loadDemo(): Promise<void> {
    const res = await fetch(demoUrl);
    if (!res.ok) throw new Error(`Impossible de charger les données de démonstration (HTTP ${res.status}).`);
    this.setDataset((await res.json()) as Dataset, null);
  }

  /**
   * A published site: `data/publication.json` beside the app. True when it was there and valid
   * (then it is shown, and nothing else can be). Absent (404, no server) = the internal app.
   */
  async loadPublication(): Promise<boolean> {
    let res: Response;
    try {
      res = await fetch(new URL(`${import.meta.env.BASE_URL}${PUBLICATION_PATH}`, location.href).href, { cache: 'no-cache' });
    } catch {
      return false;
    }
    if (!res.ok) return false;
    let parsed: ReturnType<typeof parsePublication>;
    try {
      parsed = parsePublication(await res.json());
    } catch {
      parsed = { ok: false, error: 'Le fichier de données publiées n’est pas un JSON valide.' };
    }
    if (!parsed.ok) {
      this.publicationError = `${parsed.error} Les données de démonstration sont affichées.`;
      return false;
    }
    this.published = parsed.publication;
    this.setDataset(datasetOfPublication(parsed.publication), null);
    return true;
  }

  /** At start: the published package if the site has one, else the stored import, else the demo. A damaged store is reported, not fatal. */
  async loadInitial(): Promise<void> {
    if (this.published || (await this.loadPublication())) return;
    try {
      const stored = typeof indexedDB !== 'undefined' ? await loadImported(indexedDB) : null;
      if (stored) {
        this.setDataset(stored.dataset, stored.fileName);
        return;
      }
    } catch (e) {
      this.storeError =
        e instanceof CorruptStoreError
          ? `${e.message} Les données de démonstration sont affichées ; vous pouvez importer à nouveau votre fichier.`
          : `Les données importées n’ont pas pu être relues (${(e as Error).message}). Les données de démonstration sont affichées.`;
    }
    await this.loadDemo();
  }

  async useImported(d: Dataset, fileName: string): Promise<void> {
    this.setDataset(d, fileName);
    this.storeError = null;
    try {
      const { revision } = await saveImported(indexedDB, d, fileName);
      notifyOtherTabs({ kind: 'import', revision });
    } catch (e) {
      this.storeError = `Le fichier est affiché mais n’a pas pu être enregistré sur ce poste (${(e as Error).message}) : il faudra l’importer à nouveau après rechargement.`;
    }
  }

  async backToDemo(): Promise<void> {
    try {
      await clearImported(indexedDB);
      notifyOtherTabs({ kind: 'demo' });
    } catch {
      /* nothing stored, or storage unavailable: the demo is shown either way */
    }
    this.storeError = null;
    await this.loadDemo();
  }
}

export const data = new DataState();
