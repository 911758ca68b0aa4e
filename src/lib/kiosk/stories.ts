// What the kiosk's story panels say, as data: short French sentences and big figures, already
// masked for the public (statistical secrecy, see domain/privacy.ts). Pure: the Svelte panels only
// lay them out, and the unit tests check that no figure built on fewer than 3 companies leaks.

import { emptyFigures, type AggregationResult, type TerritoryFigures } from '../analysis/types.ts';
import { buildChoropleth, type ChoroplethLegendItem } from '../analysis/choropleth.ts';
import { KIOSK_INDICATOR } from '../analysis/indicators.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { belowThreshold, displayValue, isSecret, maskFigures, visibleSupports, type PrivacyMode } from '../domain/privacy.ts';
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


export const SECRET_NOTE = '« < 3 » et « secret statistique » : chiffre calculé sur moins de 3 entreprises, non publié.';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/**
 * A share of a total, or null when publishing it would disclose a figure built on fewer than 3
 * companies: the part itself, the rest of the total (total − part, by subtraction) or the total.
 */
export function publicShare(partCompanies: number, totalCompanies: number, share: number, mode: PrivacyMode): number | null {
  if (mode !== 'public') return share;
  if (totalCompanies === 0) return null;
  if (belowThreshold(partCompanies) || belowThreshold(totalCompanies - partCompanies) || belowThreshold(totalCompanies)) return null;
  return share;
}


/** Figures of all supports located in a QPV (rebuilt from the shares, which are exact ratios). */
export function qpvFigures(agg: AggregationResult): TerritoryFigures {
  const t = agg.totals;
  const s = agg.shares.qpv;
  const jobs = Math.round(s.jobs * t.jobs);
  const amountEur = Math.round(s.amountEur * t.amountEur);
  return emptyFigures({ companies: Math.round(s.companies * t.companies), jobs, amountEur, eurPerJob: jobs > 0 ? amountEur / jobs : null });
}

export function figuresOf(m: ReturnType<typeof maskFigures>): BigFigure[] {
  return [
    { id: 'companies', value: displayValue(m.companies, formatInt), label: 'entreprises soutenues' },
    { id: 'jobs', value: displayValue(m.jobs, formatInt), label: 'emplois créés', secret: isSecret(m.jobs) },
    { id: 'amount', value: displayValue(m.amountEur, formatEur), label: 'd’aides accordées', secret: isSecret(m.amountEur) },
  ];
}

export function keyFiguresStory(agg: AggregationResult, mode: PrivacyMode): StoryModel {
  const t = agg.totals;
  const m = maskFigures(emptyFigures({ companies: t.companies, jobs: t.jobs, amountEur: t.amountEur }), mode);
  const sentences: string[] = [];
  const q = qpvFigures(agg);
  const qpvShare = publicShare(q.companies, t.companies, agg.shares.qpv.jobs, mode);
  const ruralShare = publicShare(agg.rural.companies, t.companies, agg.shares.rural.jobs, mode);
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

export function qpvStory(agg: AggregationResult, territories: TerritoriesIndex, mode: PrivacyMode): StoryModel {
  const q = qpvFigures(agg);
  const m = maskFigures(q, mode);
  const share = publicShare(q.companies, agg.totals.companies, agg.shares.qpv.jobs, mode);
  const total = territories.qpv.length;
  const inMarseille = territories.qpv.filter((x) => x.communes.includes('13055')).length;
  const reached = Object.values(agg.byQpv).filter((f) => f.companies > 0).length;
  const sentences = [
    `Le département compte ${formatInt(total)} quartiers prioritaires, dont ${formatInt(inMarseille)} à Marseille.`,
    `${formatInt(reached)} ${plural(reached, 'a accueilli', 'ont accueilli')} au moins une entreprise soutenue.`,
  ];
  if (share !== null) sentences.push(`${formatShare(share)} des emplois créés dans le département l’ont été en quartier prioritaire.`);
  sentences.push('Sur la carte, les quartiers prioritaires sont hachurés en violet.');
  return { figures: figuresOf(m).slice(0, 2), sentences, masked: m.masked || share === null };
}

export function ruralStory(agg: AggregationResult, territories: TerritoriesIndex, mode: PrivacyMode): StoryModel {
  const m = maskFigures(agg.rural, mode);
  const share = publicShare(agg.rural.companies, agg.totals.companies, agg.shares.rural.jobs, mode);
  const ruralCommunes = territories.communes.filter((c) => c.rural);
  const reached = ruralCommunes.filter((c) => (agg.byCommune[c.code]?.companies ?? 0) > 0).length;
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

export function communeCard(code: string, territories: TerritoriesIndex, agg: AggregationResult | null, mode: PrivacyMode): CommuneCardModel | null {
  const c = territories.communes.find((x) => x.code === code);
  if (!c) return null;
  const f = agg?.byCommune[code] ?? emptyFigures({ population: c.population });
  const m = maskFigures(f, mode);
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

export const SECRET_COLOR = '#cecece';

export interface KioskChoropleth {
  classes: Map<string, number>;
  colors: string[];
  legend: ChoroplethLegendItem[];
}

/**
 * Communes coloured by the kiosk's indicator (jobs created), for the public: a commune whose figures rest on 1 or 2
 * companies gets its own "secret statistique" class (its jobs would otherwise be bracketed by the
 * class bounds) and the breaks are computed on the other communes only.
 */
export function publicChoropleth(byCommune: Record<string, TerritoryFigures>, mode: PrivacyMode, k = 4): KioskChoropleth {
  const open: Record<string, TerritoryFigures> = {};
  const secret: string[] = [];
  for (const [code, f] of Object.entries(byCommune)) {
    if (mode === 'public' && belowThreshold(f.companies)) secret.push(code);
    else open[code] = f;
  }
  const c = buildChoropleth(open, KIOSK_INDICATOR, 'quantile', k);
  const legend = c.legend.map((l) => ({ ...l, label: l.label === 'Aucun' ? 'Aucun emploi' : `${l.label} ${c.indicator.unit}` }));
  const classes = new Map(c.classes);
  const colors = [...c.colors];
  if (secret.length) {
    const idx = colors.length;
    colors.push(SECRET_COLOR);
    for (const code of secret) classes.set(code, idx);
    legend.push({ label: 'Secret statistique (1 ou 2 entreprises)', color: SECRET_COLOR, count: secret.length });
  }
  return { classes, colors, legend };
}

// --- Company symbols --------------------------------------------------------------------------

/**
 * Companies as the kiosk may draw them: no micro-entrepreneur (visibleSupports), and, where the
 * commune's figures are secret (1 or 2 companies), no jobs figure either — the symbol's size would
 * reveal the commune's masked total (same rule as the app's company card). Such companies are
 * drawn at the smallest size.
 */
export function publicSymbols<S extends Pick<Support, 'isMicroEntrepreneur' | 'communeCode' | 'jobsAchieved' | 'jobsPlanned'>>(
  supports: readonly S[],
  byCommune: Record<string, TerritoryFigures> | null,
): S[] {
  return visibleSupports(supports, 'public').map((s) =>
    byCommune && belowThreshold(byCommune[s.communeCode]?.companies ?? 0) ? { ...s, jobsAchieved: null, jobsPlanned: null } : s,
  );
}
