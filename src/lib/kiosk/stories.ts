// What the kiosk's story panels say, as data: short sentences and big figures, already masked for
// the public (statistical secrecy, see domain/privacy.ts). Pure: the Svelte panels only lay them
// out, and the unit tests check that no figure built on fewer than 3 companies leaks. The words come
// from the kiosk's messages (i18n/messages/kiosk.ts) and the numbers from the language's formats:
// every function takes the language last, French by default.

import { emptyFigures, type AggregationResult, type SecretFlags, type TerritoryFigures } from '../analysis/types.ts';
import { buildChoropleth, legendIn, type ChoroplethLegendItem } from '../analysis/choropleth.ts';
import { KIOSK_INDICATOR } from '../analysis/indicators.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { displayValue, isSecret, isSecretFigure, maskFigures, visibleSupports, type MaybeSecret } from '../domain/privacy.ts';
import type { Support } from '../domain/types.ts';
import { numberFormats, type NumberFormats } from '../text/format.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';
import { messagesFor, type Messages } from '../i18n/catalogue.ts';

/** The kiosk's words, the shared ones and the number formats of one language. */
export const kioskText = (locale: Locale = DEFAULT_LOCALE): { t: Messages['kiosk']; c: Messages['common']; n: NumberFormats } => ({
  t: messagesFor(locale).kiosk,
  c: messagesFor(locale).common,
  n: numberFormats(locale),
});

/** A public figure as shown: formatted, or the language's « secret statistique » (`common`). */
export const shown = (v: MaybeSecret<number | null>, format: (n: number) => string, c: Messages['common']) => (isSecret(v) ? c.secretLabel : displayValue(v, format));
/** The count a label agrees with (null when the figure is secret: the plural form). */
const countOf = (v: MaybeSecret<number | null>) => (typeof v === 'number' ? v : null);

export interface BigFigure {
  id: string;
  /** Formatted value, or "< 3" / "secret statistique". */
  value: string;
  label: string;
  /** The value is a "secret statistique" text rather than a number (laid out smaller). */
  secret?: boolean;
}

export interface StoryModel {
  figures: BigFigure[];
  sentences: string[];
  /** At least one figure is hidden by the statistical secrecy (show the explanation). */
  masked: boolean;
}

/** A share of the total as it may be said: null when the figures do not publish it (domain/privacy.ts). */
const shareOrNull = (share: number | null, total: number): number | null => (share === null || total === 0 ? null : share);

/**
 * Figures of all supports located in a QPV, rebuilt from the shares (exact ratios). A share the
 * public figures do not give (a QPV cell suppressed) leaves its figure « secret statistique ».
 */
export function qpvFigures(agg: AggregationResult): TerritoryFigures {
  const t = agg.totals;
  const s = agg.shares.qpv;
  const secret: SecretFlags = {};
  const part = (share: number | null, total: number, m: keyof SecretFlags) => {
    if (share === null || isSecretFigure(t, [m])) {
      secret[m] = true;
      return 0;
    }
    return Math.round(share * total);
  };
  const companies = part(s.companies, t.companies, 'companies');
  const jobs = part(s.jobs, t.jobs, 'jobs');
  const amountEur = part(s.amountEur, t.amountEur, 'amountEur');
  const eurPerJob = jobs > 0 && !secret.jobs && !secret.amountEur ? amountEur / jobs : null;
  return emptyFigures({ companies, jobs, amountEur, eurPerJob, ...(Object.keys(secret).length ? { secret } : {}) });
}

/** Territories that received at least one company (a suppressed count rests on at least one). */
const reachedCount = (figures: readonly TerritoryFigures[]) => figures.filter((f) => f.companies > 0 || isSecretFigure(f, ['companies'])).length;

export function figuresOf(m: ReturnType<typeof maskFigures>, locale: Locale = DEFAULT_LOCALE): BigFigure[] {
  const { t, c, n } = kioskText(locale);
  return [
    { id: 'companies', value: shown(m.companies, n.int, c), label: t.figCompanies(countOf(m.companies)) },
    { id: 'jobs', value: shown(m.jobs, n.int, c), label: t.figJobs(countOf(m.jobs)), secret: isSecret(m.jobs) },
    { id: 'amount', value: shown(m.amountEur, n.eur, c), label: t.figAmount, secret: isSecret(m.amountEur) },
  ];
}

export function keyFiguresStory(agg: AggregationResult, locale: Locale = DEFAULT_LOCALE): StoryModel {
  const { t: k, n } = kioskText(locale);
  const t = agg.totals;
  const m = maskFigures(emptyFigures({ companies: t.companies, jobs: t.jobs, amountEur: t.amountEur, ...(t.secret ? { secret: t.secret } : {}) }));
  const sentences: string[] = [];
  const qpvShare = shareOrNull(agg.shares.qpv.jobs, t.companies);
  const ruralShare = shareOrNull(agg.shares.rural.jobs, t.companies);
  let masked = m.masked;
  if (qpvShare !== null) {
    const pop = agg.shares.qpv.population;
    sentences.push(k.qpvJobsShare(n.percentWhole(qpvShare), pop !== null ? n.percentWhole(pop) : null));
  } else masked = true;
  if (ruralShare !== null) sentences.push(k.ruralJobsShare(n.percentWhole(ruralShare), n.percentWhole(agg.shares.rural.population)));
  else masked = true;
  if (t.jobsCut > 0) sentences.push(k.layoffsCut(n.int(t.jobsCut), t.jobsCut));
  return { figures: figuresOf(m, locale), sentences, masked };
}

export function qpvStory(agg: AggregationResult, territories: TerritoriesIndex, locale: Locale = DEFAULT_LOCALE): StoryModel {
  const { t, n } = kioskText(locale);
  const q = qpvFigures(agg);
  const m = maskFigures(q);
  const share = shareOrNull(agg.shares.qpv.jobs, agg.totals.companies);
  const total = territories.qpv.length;
  const inMarseille = territories.qpv.filter((x) => x.communes.includes('13055')).length;
  const reached = reachedCount(Object.values(agg.byQpv));
  const sentences = [t.qpvCount(n.int(total), n.int(inMarseille)), t.qpvReached(n.int(reached), reached)];
  if (share !== null) sentences.push(t.qpvShareOfJobs(n.percentWhole(share)));
  sentences.push(t.qpvOnMap);
  return { figures: figuresOf(m, locale).slice(0, 2), sentences, masked: m.masked || share === null };
}

export function ruralStory(agg: AggregationResult, territories: TerritoriesIndex, locale: Locale = DEFAULT_LOCALE): StoryModel {
  const { t, n } = kioskText(locale);
  const m = maskFigures(agg.rural);
  const share = shareOrNull(agg.shares.rural.jobs, agg.totals.companies);
  const ruralCommunes = territories.communes.filter((c) => c.rural);
  const reached = reachedCount(ruralCommunes.map((c) => agg.byCommune[c.code] ?? emptyFigures()));
  const sentences = [
    t.ruralCount(n.int(ruralCommunes.length), n.int(territories.communes.length), n.percentWhole(agg.shares.rural.population)),
    t.ruralReached(n.int(reached), reached),
  ];
  if (share !== null) sentences.push(t.ruralShareOfJobs(n.percentWhole(share)));
  sentences.push(t.ruralOnMap);
  return { figures: figuresOf(m, locale).slice(0, 2), sentences, masked: m.masked || share === null };
}

export interface CommuneCardModel {
  code: string;
  name: string;
  population: string;
  figures: BigFigure[];
  /** Jobs cut by collective layoffs, as a sentence. */
  layoffs: string;
  masked: boolean;
}

export function communeCard(code: string, territories: TerritoriesIndex, agg: AggregationResult | null, locale: Locale = DEFAULT_LOCALE): CommuneCardModel | null {
  const { t, c: common, n } = kioskText(locale);
  const c = territories.communes.find((x) => x.code === code);
  if (!c) return null;
  const f = agg?.byCommune[code] ?? emptyFigures({ population: c.population });
  const m = maskFigures(f);
  const jobsCut = shown(m.jobsCut, n.int, common);
  const layoffs =
    f.jobsCut === 0 && f.layoffs === 0 ? t.noLayoffs : isSecret(m.jobsCut) ? t.layoffsSecret(jobsCut) : t.layoffsJobs(jobsCut, m.jobsCut);
  return {
    code,
    name: c.nom,
    population: t.inhabitants(n.int(c.population), c.population),
    figures: figuresOf(m, locale),
    layoffs,
    masked: m.masked,
  };
}

// --- Commune picker without a keyboard -------------------------------------------------------

export const LETTERS: readonly string[] = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

const ARTICLE_RE = /^(le|la|les)\s+|^l['’]\s*/i;

const firstLetter = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^[^A-Za-z]+/, '')
    .charAt(0)
    .toUpperCase();

/** Name without its leading article ("La Ciotat" → "Ciotat"), used to sort and file. */
export const withoutArticle = (name: string) => name.replace(ARTICLE_RE, '');

/** Letters under which a commune is filed: its first letter, and the one after the article ("La Ciotat": L and C). */
export function communeLetters(name: string): string[] {
  return [...new Set([firstLetter(name), firstLetter(withoutArticle(name))])].filter((l) => l !== '');
}

export interface PickerEntry {
  code: string;
  name: string;
}

/** Letter → communes filed under it, sorted as a visitor reads them (article ignored, French order). */
export function communesByLetter(communes: readonly { code: string; nom: string }[]): Map<string, PickerEntry[]> {
  const out = new Map<string, PickerEntry[]>();
  const sorted = [...communes].sort((a, b) => withoutArticle(a.nom).localeCompare(withoutArticle(b.nom), 'fr') || a.code.localeCompare(b.code));
  for (const c of sorted) {
    for (const l of communeLetters(c.nom)) {
      let list = out.get(l);
      if (!list) out.set(l, (list = []));
      list.push({ code: c.code, name: c.nom });
    }
  }
  return out;
}

// --- Map colouring ----------------------------------------------------------------------------

export interface KioskChoropleth {
  classes: Map<string, number>;
  colors: string[];
  legend: ChoroplethLegendItem[];
}

/**
 * Communes coloured by the kiosk's indicator (jobs created), for the public: the figures' own
 * secrecy (choropleth.ts) gives a suppressed commune the « secret statistique » class, out of the breaks.
 */
export function publicChoropleth(byCommune: Record<string, TerritoryFigures>, k = 4, locale: Locale = DEFAULT_LOCALE): KioskChoropleth {
  const { t, c: common } = kioskText(locale);
  const c = buildChoropleth(byCommune, KIOSK_INDICATOR, 'quantile', k);
  // The classes come first, highest first (choropleth.ts): item j is class count-1-j, up to breaks[count-j].
  const count = Math.max(0, c.breaks.length - 1);
  const legend = legendIn(c, locale).map((l, j) => ({
    ...l,
    label: j < count ? t.classWithUnit(l.label, c.breaks[count - j]) : c.legendKeys[j].kind === 'zero' ? common.noJob : l.label,
  }));
  return { classes: c.classes, colors: c.colors, legend };
}

// --- Company symbols --------------------------------------------------------------------------

/**
 * Companies as the kiosk may draw them: those published individually (domain/privacy.ts). Their
 * jobs size the symbols: the secrecy engine counted them as published cells.
 */
export function publicSymbols<S extends Pick<Support, 'isMicroEntrepreneur' | 'publishable'>>(supports: readonly S[]): S[] {
  return visibleSupports(supports, 'public');
}
