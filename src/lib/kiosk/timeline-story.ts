// The kiosk story « De 2019 à aujourd'hui »: year after year, what the funds had done by then
// (cumulative big figures) and what that year added (a sentence). Masked for the public through
// maskFigures, like every kiosk story. Pure.

import { jobsOf, type Support } from '../domain/types.ts';
import { maskFigures, type PrivacyMode } from '../domain/privacy.ts';
import { flagged } from '../analysis/review-tables.ts';
import { emptyFigures } from '../analysis/types.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';
import { figuresOf, kioskText, shown, type StoryModel } from './stories.ts';

const yearOf = (s: Pick<Support, 'date'>) => Number(s.date.slice(0, 4));

function figures(rows: readonly Support[]) {
  const companies = new Set(rows.map((s) => (s.siret ? `siret:${s.siret}` : `id:${s.id}`))).size;
  const jobs = rows.reduce((a, s) => a + jobsOf(s), 0);
  const amountEur = rows.reduce((a, s) => a + s.amountEur, 0);
  return emptyFigures({ companies, jobs, amountEur, eurPerJob: jobs > 0 ? amountEur / jobs : null });
}

/** The story at `year`: cumulative figures since the first year, and the year's own line. */
export function timelineStory(supports: readonly Support[], year: number, mode: PrivacyMode, locale: Locale = DEFAULT_LOCALE): StoryModel {
  const { t, c, n } = kioskText(locale);
  const first = Math.min(...supports.map(yearOf));
  const upTo = maskFigures(flagged(figures(supports.filter((s) => yearOf(s) <= year)), mode));
  const that = maskFigures(flagged(figures(supports.filter((s) => yearOf(s) === year)), mode));
  const count = (v: unknown) => (typeof v === 'number' ? v : 2);
  const sentences = [
    year === first ? t.firstYear(year) : t.fromTo(first, year),
    that.masked
      ? t.yearMasked(year)
      : t.yearAlone(year, shown(that.companies, n.int, c), count(that.companies), shown(that.jobs, n.int, c), count(that.jobs)),
  ];
  return { figures: figuresOf(upTo, locale), sentences, masked: upTo.masked || that.masked };
}
