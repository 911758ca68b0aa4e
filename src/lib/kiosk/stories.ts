// What the kiosk's story panels say, as data: short French sentences and big figures, already
// masked for the public (statistical secrecy, see domain/privacy.ts). Pure: the Svelte panels only
// lay them out, and the unit tests check that no figure built on fewer than 3 companies leaks.

import { emptyFigures, type AggregationResult, type SecretFlags, type TerritoryFigures } from '../analysis/types.ts';
import { buildChoropleth, SECRET_LEGEND_LABEL, type ChoroplethLegendItem } from '../analysis/choropleth.ts';
import { KIOSK_INDICATOR } from '../analysis/indicators.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { displayValue, isSecret, isSecretFigure, maskFigures, visibleSupports } from '../domain/privacy.ts';
import type { Support } from '../domain/types.ts';
import { formatEur, formatInt, formatPercentWhole as formatShare } from '../text/format.ts';

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


export { SECRET_NOTE } from '../domain/privacy.ts';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

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

export function figuresOf(m: ReturnType<typeof maskFigures>): BigFigure[] {
  return [
    { id: 'companies', value: displayValue(m.companies, formatInt), label: 'entreprises soutenues' },
    { id: 'jobs', value: displayValue(m.jobs, formatInt), label: 'emplois créés', secret: isSecret(m.jobs) },
    { id: 'amount', value: displayValue(m.amountEur, formatEur), label: 'd’aides accordées', secret: isSecret(m.amountEur) },
  ];
}

export function keyFiguresStory(agg: AggregationResult): StoryModel {
  const t = agg.totals;
  const m = maskFigures(emptyFigures({ companies: t.companies, jobs: t.jobs, amountEur: t.amountEur, ...(t.secret ? { secret: t.secret } : {}) }));
  const sentences: string[] = [];
  const qpvShare = shareOrNull(agg.shares.qpv.jobs, t.companies);
  const ruralShare = shareOrNull(agg.shares.rural.jobs, t.companies);
  let masked = m.masked;
  if (qpvShare !== null) {
    const pop = agg.shares.qpv.population;
    sentences.push(
      `${formatShare(qpvShare)} des emplois créés l’ont été dans un quartier prioritaire${pop !== null ? `, où vit ${formatShare(pop)} de la population` : ''}.`,
    );
  } else masked = true;
  if (ruralShare !== null) {
    sentences.push(`${formatShare(ruralShare)} des emplois créés l’ont été dans une commune rurale, où vit ${formatShare(agg.shares.rural.population)} de la population.`);
  } else masked = true;
  if (t.jobsCut > 0) sentences.push(`Les licenciements collectifs ont supprimé ${formatInt(t.jobsCut)} emplois dans le département.`);
  return { figures: figuresOf(m), sentences, masked };
}

export function qpvStory(agg: AggregationResult, territories: TerritoriesIndex): StoryModel {
  const q = qpvFigures(agg);
  const m = maskFigures(q);
  const share = shareOrNull(agg.shares.qpv.jobs, agg.totals.companies);
  const total = territories.qpv.length;
  const inMarseille = territories.qpv.filter((x) => x.communes.includes('13055')).length;
  const reached = reachedCount(Object.values(agg.byQpv));
  const sentences = [
    `Le département compte ${formatInt(total)} quartiers prioritaires, dont ${formatInt(inMarseille)} à Marseille.`,
    `${formatInt(reached)} ${plural(reached, 'a accueilli', 'ont accueilli')} au moins une entreprise soutenue.`,
  ];
  if (share !== null) sentences.push(`${formatShare(share)} des emplois créés dans le département l’ont été en quartier prioritaire.`);
  sentences.push('Sur la carte, les quartiers prioritaires sont hachurés en violet.');
  return { figures: figuresOf(m).slice(0, 2), sentences, masked: m.masked || share === null };
}

export function ruralStory(agg: AggregationResult, territories: TerritoriesIndex): StoryModel {
  const m = maskFigures(agg.rural);
  const share = shareOrNull(agg.shares.rural.jobs, agg.totals.companies);
  const ruralCommunes = territories.communes.filter((c) => c.rural);
  const reached = reachedCount(ruralCommunes.map((c) => agg.byCommune[c.code] ?? emptyFigures()));
  const sentences = [
    `${formatInt(ruralCommunes.length)} communes sur ${formatInt(territories.communes.length)} sont rurales : ${formatShare(agg.shares.rural.population)} des habitants y vivent.`,
    `${formatInt(reached)} d’entre elles ${plural(reached, 'a accueilli', 'ont accueilli')} au moins une entreprise soutenue.`,
  ];
  if (share !== null) sentences.push(`${formatShare(share)} des emplois créés l’ont été dans ces communes.`);
  sentences.push('Sur la carte, les communes rurales sont en vert.');
  return { figures: figuresOf(m).slice(0, 2), sentences, masked: m.masked || share === null };
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

export function communeCard(code: string, territories: TerritoriesIndex, agg: AggregationResult | null): CommuneCardModel | null {
  const c = territories.communes.find((x) => x.code === code);
  if (!c) return null;
  const f = agg?.byCommune[code] ?? emptyFigures({ population: c.population });
  const m = maskFigures(f);
  const jobsCut = displayValue(m.jobsCut, formatInt);
  const layoffs =
    f.jobsCut === 0 && f.layoffs === 0
      ? 'Aucun licenciement collectif connu dans la commune.'
      : isSecret(m.jobsCut)
        ? `Emplois supprimés par des licenciements collectifs : ${jobsCut}.`
        : `${jobsCut} ${plural(m.jobsCut, 'emploi supprimé', 'emplois supprimés')} par des licenciements collectifs.`;
  return {
    code,
    name: c.nom,
    population: `${formatInt(c.population)} ${plural(c.population, 'habitant', 'habitants')}`,
    figures: figuresOf(m),
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
export function publicChoropleth(byCommune: Record<string, TerritoryFigures>, k = 4): KioskChoropleth {
  const c = buildChoropleth(byCommune, KIOSK_INDICATOR, 'quantile', k);
  const legend = c.legend.map((l) => ({
    ...l,
    label: l.label === 'Aucun' ? 'Aucun emploi' : l.label === SECRET_LEGEND_LABEL ? SECRET_LEGEND_LABEL : `${l.label} ${c.indicator.unit}`,
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
