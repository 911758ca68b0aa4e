// The dataset on the map (published, demo or imported), the user's filters and the figures
// derived from them. `aggregation` is what views may show: in public mode, the secrecy engine's
// tables of the filtered data (or of the published package), never the raw figures.

import type { Dataset, FundId, SizeBand } from '../domain/types.ts';
import { layersToVisibility, ROUTE_DEFAULTS } from '../routing/route.ts';
import { filterLayoffs, filterSupports, undatedCount, yearsOf } from '../analysis/filter.ts';
import { aggregate } from '../analysis/aggregate.ts';
import { buildChoropleth } from '../analysis/choropleth.ts';
import type { ChoroplethIndicatorId } from '../analysis/indicators.ts';
import type { ClassifyMethod } from '../analysis/classify.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import demoUrl from '../../data/demo-dataset.json?url';
import { CorruptStoreError, clearImported, loadImported, saveImported, type StoredFile } from './persist.ts';
import { mergeImports, type CrossFileDuplicate } from '../import/merge.ts';
import { notifyOtherTabs } from './tabs.ts';
import { app } from './app.svelte.ts';
import { visibleSupports } from '../domain/privacy.ts';
import { protectTables } from '../publication/secrecy.ts';
import { datasetOfPublication, layoffTablesOf, layoffTablesOfPublication, parsePublication, publicAggregation } from '../publication/figures.ts';
import { PUBLICATION_PATH, PUBLISHED_SITE_META, type PublishedDataset } from '../publication/types.ts';

const DEFAULT_LAYERS = layersToVisibility(ROUTE_DEFAULTS.layers);

export const DEMO_LABEL = 'Données de démonstration';

class DataState {
  dataset = $state.raw<Dataset | null>(null);
  /** Name of the imported file (or of the set of files), when the dataset is an import. */
  fileName = $state<string | null>(null);
  /** Imported files merged into the dataset (several files, one dataset), in import order. */
  files = $state.raw<StoredFile[]>([]);
  /** Rows found in two files (reported; exact repeats are counted once). */
  crossFileDuplicates = $state.raw<CrossFileDuplicate[]>([]);
  /** Rows kept per file after cross-file duplicates. */
  fileCounts = $state.raw<{ fileName: string; supports: number; excluded: number }[]>([]);
  storeError = $state<string | null>(null);

  funds = $state<FundId[]>([...ROUTE_DEFAULTS.funds]);
  yearFrom = $state<number | null>(null);
  yearTo = $state<number | null>(null);
  /** NAF section letters; empty = every sector. */
  sectors = $state<string[]>([]);
  /** Company size bands; empty = every size (set by the breakdown charts). */
  sizes = $state<SizeBand[]>([]);
  /** Rows without a date (« année non renseignée ») shown. */
  undated = $state(true);

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
  readonly undatedRows = $derived(this.dataset ? undatedCount(this.dataset.supports) : 0);
  readonly sectorsAvailable = $derived(
    this.dataset ? [...new Set(this.dataset.supports.map((s) => s.sector).filter((x): x is string => !!x))].sort() : [],
  );
  readonly filter = $derived({
    funds: this.funds,
    yearFrom: this.yearFrom ?? undefined,
    yearTo: this.yearTo ?? undefined,
    sectors: this.sectors,
    sizes: this.sizes,
    undated: this.undated,
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
    this.sizes = [...ROUTE_DEFAULTS.sizes];
    this.undated = true;
  }

  async loadDemo(): Promise<void> {
    const early = this.early?.demo;
    this.early = null;
    const res = (early && (await early)) || (await fetch(demoUrl));
    if (!res.ok) throw new Error(`Impossible de charger les données de démonstration (HTTP ${res.status}).`);
    this.setDataset((await res.json()) as Dataset, null);
  }

  /**
   * A published site: `data/publication.json` beside the app. True when it was there and valid
   * (then it is shown, and nothing else can be). Absent (404, no server) = the internal app.
   */
  async loadPublication(): Promise<boolean> {
    let res: Response;
    const early = this.early?.publication;
    if (this.early) this.early.publication = null;
    try {
      res = early ? await early : await fetchPublication();
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

  /** Requests started together with the map layers' (see `startEarly`); each is used once. */
  private early: { publication: Promise<Response> | null; demo: Promise<Response | null> | null } | null = null;

  /**
   * Starts the requests of `loadInitial` at once, beside the map layers', instead of one after the
   * other: the published package and the demo together. Asking for the demo only once the package
   * was known absent cost a throttled phone about 2 s (the 404's handler waited for the busy main
   * thread). A published site says so in its page (publish-site) and never asks for the demo.
   * The page preloads both (build/assets.ts: same URL, mode and credentials, so reused here).
   */
  startEarly(): void {
    const publication = fetchPublication();
    const publishedSite = typeof document !== 'undefined' && document.querySelector(`meta[name="${PUBLISHED_SITE_META}"]`) !== null;
    const demo = publishedSite ? null : fetch(demoUrl).catch(() => null);
    publication.catch(() => undefined); // read by loadPublication, which handles a failure
    this.early = { publication, demo };
  }

  /** At start: the published package if the site has one, else the stored import, else the demo. A damaged store is reported, not fatal. */
  async loadInitial(): Promise<void> {
    if (this.published || (await this.loadPublication())) return;
    try {
      const stored = typeof indexedDB !== 'undefined' ? await loadImported(indexedDB) : null;
      if (stored) {
        this.setFiles(stored.files);
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

  /** The merged dataset of `files`, with the per-file counts and the cross-file duplicates. */
  private setFiles(files: StoredFile[]): Dataset {
    const merged = mergeImports(files.map((f) => ({ fileName: f.fileName, dataset: f.dataset, rowWord: f.rowWord })));
    this.files = files;
    this.fileCounts = merged.counts;
    this.crossFileDuplicates = merged.duplicates;
    return merged.dataset;
  }

  /**
   * Adds an imported file to the set shown (a file of the same name, or `replacing`, is replaced;
   * the demo data is left for the first file), then stores the whole set.
   */
  async addImported(file: StoredFile, target: { replacing?: string; alone?: boolean } = {}): Promise<void> {
    const base = this.isDemo || target.alone ? [] : this.files;
    const at = base.findIndex((f) => f.fileName === (target.replacing ?? file.fileName));
    const files = at >= 0 ? base.map((f, i) => (i === at ? file : f)) : [...base, file];
    await this.useFiles(files);
  }

  /** Removes one file from the set; the last one removed brings the demo data back. */
  async removeFile(fileName: string): Promise<void> {
    const files = this.files.filter((f) => f.fileName !== fileName);
    if (files.length === 0) await this.backToDemo();
    else await this.useFiles(files);
  }

  private async useFiles(files: StoredFile[]): Promise<void> {
    const d = this.setFiles(files);
    const label = files.length === 1 ? files[0].fileName : d.label;
    this.setDataset(d, label);
    this.storeError = null;
    try {
      const { revision } = await saveImported(indexedDB, d, label, files);
      notifyOtherTabs({ kind: 'import', revision });
    } catch (e) {
      this.storeError = `Les fichiers sont affichés mais n’ont pas pu être enregistrés sur ce poste (${(e as Error).message}) : il faudra les importer à nouveau après rechargement.`;
    }
  }

  /** Shows one imported dataset alone (kept for callers that import a single file). */
  async useImported(d: Dataset, fileName: string): Promise<void> {
    await this.useFiles([{ fileName, dataset: d, rows: d.supports.length, rejected: 0 }]);
  }

  async backToDemo(): Promise<void> {
    try {
      await clearImported(indexedDB);
      notifyOtherTabs({ kind: 'demo' });
    } catch {
      /* nothing stored, or storage unavailable: the demo is shown either way */
    }
    this.storeError = null;
    this.setFiles([]);
    await this.loadDemo();
  }
}

export const data = new DataState();

/** The published package beside the app (`data/publication.json`), never from the HTTP cache. */
function fetchPublication(): Promise<Response> {
  return fetch(new URL(`${import.meta.env.BASE_URL}${PUBLICATION_PATH}`, location.href).href, { cache: 'no-cache' });
}
