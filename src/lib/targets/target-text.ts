/** Words for targets: where a target applies, its value as the evaluator reads it, its status. */
import { regionByCode } from '../domain/regions';
import type { Lang } from '../i18n/messages';
import { translate } from '../i18n/messages';
import { formatMeasure } from '../i18n/format';
import { measureByKey } from '../query/measures';
import type { Target } from '../ingest/targets-file';
import type { TargetStatus } from './target-status';

/** "Whole programme", or the year, region, cohort and programme the target is for. */
export function targetScopeText(lang: Lang, t: Target): string {
  const parts: string[] = [];
  if (t.region_code !== null) parts.push(regionByCode(t.region_code)?.name ?? t.region_code);
  if (t.period !== null) parts.push(translate(lang, 'targets.scope.period', { year: t.period }));
  if (t.cohort !== null) parts.push(translate(lang, 'targets.scope.cohort', { cohort: t.cohort }));
  if (t.programme !== null) parts.push(translate(lang, 'targets.scope.programme', { programme: t.programme }));
  return parts.length === 0 ? translate(lang, 'targets.scope.whole') : parts.join(' · ');
}

export function indicatorName(lang: Lang, key: string): string {
  const m = measureByKey(key);
  return m ? (lang === 'en' ? m.label_en : m.label_id) : key;
}

/** The target in the measure's own format (60 % for a share of 0.6). */
export function targetValueText(lang: Lang, t: Target): string {
  const m = measureByKey(t.indicator);
  return m ? formatMeasure(lang, m.format, t.target) : String(t.target);
}

export function statusText(lang: Lang, status: TargetStatus): string {
  return translate(lang, `targets.status.${status}`);
}
