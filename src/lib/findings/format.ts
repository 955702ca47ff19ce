/** Numbers of the Findings page in the unit of the outcome, for both UI languages. */
import { formatDecimal } from '../i18n/format';
import type { Lang } from '../i18n/messages';
import type { OutcomeUnit } from './outcomes';

/**
 * Decimals that make an interval of this width readable: one decimal for widths ≥ 1, then
 * one more per factor of ten, at most three (a per-session change of 0.04 people needs them).
 */
export function effectDigits(low: number, high: number): number {
  const width = high - low;
  if (!Number.isFinite(width) || width <= 0) return 1;
  return Math.min(3, Math.max(1, 1 - Math.floor(Math.log10(width))));
}

const UNIT_SUFFIX: Record<OutcomeUnit, Record<Lang, string>> = {
  percent: { id: '%', en: '%' },
  pp: { id: ' pp', en: ' pp' },
  people: { id: ' orang', en: ' people' },
};

/** `+1,4%`, `−0,8 pp`, `+0,053 orang`; infinite ends (very few mentors) as ±∞. */
export function formatEffect(lang: Lang, unit: OutcomeUnit, value: number | null, digits: number, signed = true): string {
  if (value == null || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  return `${formatDecimal(lang, value, digits, signed)}${UNIT_SUFFIX[unit][lang]}`;
}

/** The unit's name for axis labels and table headers. */
export function unitLabel(lang: Lang, unit: OutcomeUnit): string {
  return { percent: '%', pp: lang === 'en' ? 'percentage points' : 'poin persen', people: lang === 'en' ? 'people' : 'orang' }[unit];
}
