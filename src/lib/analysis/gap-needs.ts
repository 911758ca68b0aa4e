// Gap analysis, need side: the territory levels and the need indicators (what a territory lacks),
// with the method shown to users. The support side is the indicator registry (indicators.ts).
// Pure. See gaps.ts for the whole analysis.

import { formatDec1, formatInt } from '../text/format.ts';

export type GapLevel = 'commune' | 'epci' | 'ze' | 'qpv';
export const GAP_LEVELS: readonly GapLevel[] = ['commune', 'epci', 'ze', 'qpv'];
export const GAP_LEVEL_LABELS: Readonly<Record<GapLevel, string>> = {
  commune: 'Communes',
  epci: 'Intercommunalités (EPCI)',
  ze: 'Zones d’emploi',
  qpv: 'Quartiers prioritaires (QPV)',
};

// ---------------------------------------------------------------------------------------------
// Indicators

export type NeedId = 'jobsCut' | 'unemployment' | 'socialMinima' | 'lowIncome' | 'qpvCount' | 'rural';

export interface NeedIndicator {
  id: NeedId;
  /** French label for selects and table headers. */
  label: string;
  unit: string;
  /** 'higher': a higher value means more need; 'lower': a LOWER value means more need (income). */
  direction: 'higher' | 'lower';
  /** True when 0 means "no need at all" and always goes to the lowest need class. */
  zeroIsLowest: boolean;
  /** Levels where the indicator exists (others give null). */
  levels: readonly GapLevel[];
  /** French explanation of the method, for a tooltip or the "Méthode" section. */
  description: string;
  format: (v: number) => string;
}

const ALL_LEVELS = GAP_LEVELS;

export const NEED_INDICATORS: readonly NeedIndicator[] = [
  {
    id: 'jobsCut',
    label: 'Emplois supprimés (licenciements collectifs)',
    unit: 'emplois',
    direction: 'higher',
    zeroIsLowest: true,
    levels: ALL_LEVELS,
    description:
      'Emplois supprimés par les licenciements collectifs de la période. Pour un quartier prioritaire : ceux de sa commune (les licenciements ne sont pas localisés par quartier).',
    format: formatInt,
  },
  {
    id: 'unemployment',
    label: 'Taux de chômage de la zone d’emploi',
    unit: '%',
    direction: 'higher',
    zeroIsLowest: false,
    levels: ALL_LEVELS,
    description:
      'Taux de chômage localisé (INSEE, dernier trimestre) de la zone d’emploi. Commune et quartier : celui de leur zone d’emploi ; intercommunalité : moyenne des taux des zones d’emploi de ses communes, pondérée par leur population.',
    format: (v) => `${formatDec1(v)} %`,
  },
  {
    id: 'socialMinima',
    label: 'Part des minima sociaux dans le revenu',
    unit: '%',
    direction: 'higher',
    zeroIsLowest: false,
    levels: ALL_LEVELS,
    description:
      'Part des minima sociaux dans le revenu disponible (Filosofi). Intercommunalité et zone d’emploi : moyenne des communes pondérée par leur population ; quartier prioritaire : valeur de sa commune.',
    format: (v) => `${formatDec1(v)} %`,
  },
  {
    id: 'lowIncome',
    label: 'Revenu médian (plus il est bas, plus le besoin est élevé)',
    unit: '€ / UC',
    direction: 'lower',
    zeroIsLowest: false,
    levels: ALL_LEVELS,
    description:
      'Revenu disponible médian par unité de consommation (Filosofi). Un revenu plus BAS signifie un besoin plus élevé. Intercommunalité et zone d’emploi : moyenne des médianes des communes pondérée par leur population (approximation) ; quartier prioritaire : valeur de sa commune.',
    format: (v) => `${formatInt(v)} €`,
  },
  {
    id: 'qpvCount',
    label: 'Nombre de quartiers prioritaires',
    unit: 'QPV',
    direction: 'higher',
    zeroIsLowest: true,
    levels: ['commune', 'epci', 'ze'],
    description:
      'Nombre de quartiers prioritaires de la politique de la ville (QPV 2024) du territoire. La population des quartiers n’étant pas disponible, ce nombre sert d’indicateur approché ; il croît avec la taille du territoire.',
    format: formatInt,
  },
  {
    id: 'rural',
    label: 'Ruralité',
    unit: '',
    direction: 'higher',
    zeroIsLowest: true,
    levels: ['commune', 'epci', 'ze'],
    description:
      'Commune : 1 si elle est rurale (grille communale de densité INSEE, niveaux 5 à 7), 0 sinon. Intercommunalité et zone d’emploi : part de la population vivant dans une commune rurale.',
    format: (v) => `${formatInt(v * 100)} %`,
  },
];

export const needById = (id: NeedId): NeedIndicator => NEED_INDICATORS.find((i) => i.id === id) ?? NEED_INDICATORS[0];

/** Need indicators available at a level (for the select). */
export const needIndicatorsFor = (level: GapLevel): NeedIndicator[] => NEED_INDICATORS.filter((i) => i.levels.includes(level));
