// The kiosk story « De 2019 à aujourd'hui »: year after year, what the funds had done by then
// (cumulative big figures) and what that year added (a sentence). Masked for the public through
// maskFigures, like every kiosk story. Pure.

import { jobsOf, type Support } from '../domain/types.ts';
import { displayValue, maskFigures, type PrivacyMode } from '../domain/privacy.ts';
import { flagged } from '../analysis/review-tables.ts';
import { emptyFigures } from '../analysis/types.ts';
import { formatInt } from '../text/format.ts';
import { figuresOf, type StoryModel } from './stories.ts';

const yearOf = (s: Pick<Support, 'date'>) => Number(s.date.slice(0, 4));

function figures(rows: readonly Support[]) {
  const companies = new Set(rows.map((s) => (s.siret ? `siret:${s.siret}` : `id:${s.id}`))).size;
  const jobs = rows.reduce((a, s) => a + jobsOf(s), 0);
  const amountEur = rows.reduce((a, s) => a + s.amountEur, 0);
  return emptyFigures({ companies, jobs, amountEur, eurPerJob: jobs > 0 ? amountEur / jobs : null });
}

/** The story at `year`: cumulative figures since the first year, and the year's own line. */
export function timelineStory(supports: readonly Support[], year: number, mode: PrivacyMode): StoryModel {
  const first = Math.min(...supports.map(yearOf));
  const upTo = maskFigures(flagged(figures(supports.filter((s) => yearOf(s) <= year)), mode));
  const that = maskFigures(flagged(figures(supports.filter((s) => yearOf(s) === year)), mode));
  const companies = displayValue(that.companies, formatInt);
  const jobs = displayValue(that.jobs, formatInt);
  const sentences = [
    year === first ? `${year} : la première année des fonds mutualisés.` : `De ${first} à ${year}, voici ce que les trois fonds ont permis.`,
    that.masked
      ? `En ${year} seulement : moins de 3 entreprises soutenues (secret statistique).`
      : `En ${year} seulement : ${companies} entreprises soutenues, ${jobs} emplois créés.`,
  ];
  return { figures: figuresOf(upTo), sentences, masked: upTo.masked || that.masked };
}
