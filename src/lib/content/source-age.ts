/**
 * How old the sources of a fact are: where only an old source gives it, the page says so
 * (« d’après une source de 2021 ») so that a family knows to check before relying on it.
 */

/** A source older than this many years, with nothing more recent, is shown with its year. */
export const OLD_SOURCE_YEARS = 2;

/**
 * The year to show beside a fact whose newest source is older than OLD_SOURCE_YEARS before `today`
 * (both AAAA-MM-JJ), or undefined when a recent source exists or a source has no date (it may be
 * recent: nothing honest can be said of its age).
 */
export function oldSourceYear(dates: readonly (string | undefined)[], today: string): number | undefined {
  if (!dates.length || dates.some((date) => date === undefined)) return undefined;
  const newest = (dates as string[]).reduce((a, b) => (a > b ? a : b));
  const limit = `${Number(today.slice(0, 4)) - OLD_SOURCE_YEARS}${today.slice(4, 10)}`;
  return newest < limit ? Number(newest.slice(0, 4)) : undefined;
}

/** « d’après une source de 2021 », or an empty string when the sources are recent or undated. */
export function oldSourceText(dates: readonly (string | undefined)[], today: string): string {
  const year = oldSourceYear(dates, today);
  return year === undefined ? '' : `d’après une source de ${year}`;
}
