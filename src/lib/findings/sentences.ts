/**
 * Plain-language findings, generated from the estimates and gated by their intervals, for
 * the Findings page and for any page that wants "what the data says" (the Overview, the
 * printed report): `findingSentences(result, lang)`.
 *
 * Rules:
 * - "associated with higher / lower …" only when the Holm-compatible interval excludes zero
 *   (verdict higher / lower), with the estimate, that interval and n; otherwise "no clear
 *   difference". Never a causal verb.
 * - Nothing is said about a function under the minimum n (not estimated).
 * - Three to five sentences: the clearest findings first (smallest Holm-adjusted p, at most
 *   three), then what adjustment changed (functions clear before adjustment and not after, or
 *   the reverse), then the functions without a clear difference, then — only to reach three —
 *   who is counted; always last, one sentence on what adjustment and uncertainty mean.
 */
import { translate, type Lang } from '../i18n/messages';
import { formatInteger } from '../i18n/format';
import type { FindingsResult, FunctionEffect } from './analyse';
import { effectDigits, formatEffect } from './format';
import { findingsOutcome } from './outcomes';

export const MAX_SENTENCES = 5;

/** The function's label as it reads inside a sentence ("facilitating"; acronyms kept). */
export function functionPhrase(effect: Pick<FunctionEffect, 'label_id' | 'label_en'>, lang: Lang): string {
  const label = lang === 'en' ? effect.label_en : effect.label_id;
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * “a”, “a” and “b”, “a”, “b” and “c” (dan): each label quoted, because labels have commas,
 * slashes and "and" of their own ("evaluation and reflection with the client").
 */
export function listPhrase(items: readonly string[], lang: Lang): string {
  const quoted = items.map((item) => `“${item}”`);
  const and = lang === 'en' ? ' and ' : ' dan ';
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')}${and}${quoted.at(-1)}`;
}

interface Finding {
  effects: FunctionEffect[];
  label: string;
}

/** Estimated functions, with functions estimated once for identical sessions joined ("facilitator / social broker"). */
function findingsOf(result: FindingsResult, lang: Lang): Finding[] {
  const out: Finding[] = [];
  for (const e of result.effects) {
    if (e.status === 'estimated') out.push({ effects: [e], label: functionPhrase(e, lang) });
  }
  for (const e of result.effects) {
    if (e.status !== 'same-as') continue;
    const twin = out.find((f) => f.effects[0]!.key === e.sameAs);
    if (twin) {
      twin.effects.push(e);
      twin.label = `${twin.label} / ${functionPhrase(e, lang)}`;
    }
  }
  return out;
}

export function findingSentences(result: FindingsResult, lang: Lang): string[] {
  const outcome = findingsOutcome(result.outcome);
  if (!outcome) return [];
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(lang, key, values);
  const noun = lang === 'en' ? outcome.noun_en : outcome.noun_id;
  const model = result.model;
  const all = findingsOf(result, lang);
  const clear = all
    .filter((f) => f.effects[0]!.verdict === 'higher' || f.effects[0]!.verdict === 'lower')
    .sort(
      (a, b) =>
        a.effects[0]!.adjusted!.model.pAdjusted - b.effects[0]!.adjusted!.model.pAdjusted ||
        a.effects[0]!.adjusted!.model.p - b.effects[0]!.adjusted!.model.p,
    );
  const unclear = all.filter((f) => f.effects[0]!.verdict === 'unclear');

  const lead: string[] = [];
  if (!model || all.length === 0) {
    lead.push(t('findings.sentence.none', { min: formatInteger(lang, result.minN) }));
  }
  for (const f of clear.slice(0, 3)) {
    const e = f.effects[0]!;
    const a = e.adjusted!;
    const digits = effectDigits(a.low, a.high);
    const direction = e.verdict === 'higher' ? 'higher' : 'lower';
    const key =
      result.exposure === 'sessions'
        ? (`findings.sentence.sessions.${direction}` as const)
        : (`findings.sentence.exposed.${direction}` as const);
    lead.push(
      t(key, {
        // Quoted: a label may itself hold a verb ("meningkatkan partisipasi masyarakat").
        fn: `“${f.label}”`,
        noun,
        k: result.minSessions,
        est: formatEffect(lang, result.unit, a.estimate, digits),
        low: formatEffect(lang, result.unit, a.low, digits),
        high: formatEffect(lang, result.unit, a.high, digits),
        n: formatInteger(lang, model!.n),
      }),
    );
  }
  const more = clear.slice(3);
  const moreSentence = more.length
    ? t('findings.sentence.more', {
        list: listPhrase(
          more.map((f) => f.label),
          lang,
        ),
      })
    : null;

  // What adjustment changed: a clear raw association that is not clear once adjusted (or a
  // direction that appears only after adjustment).
  const lostByAdjustment = all.filter((f) => {
    const e = f.effects[0]!;
    return (e.raw!.verdict === 'higher' || e.raw!.verdict === 'lower') && e.verdict === 'unclear';
  });
  const changed = lostByAdjustment.length
    ? t('findings.sentence.adjustmentChanged', {
        list: listPhrase(
          lostByAdjustment.map((f) => f.label),
          lang,
        ),
        direction: t(
          lostByAdjustment.every((f) => f.effects[0]!.raw!.verdict === 'lower')
            ? 'findings.word.lower'
            : lostByAdjustment.every((f) => f.effects[0]!.raw!.verdict === 'higher')
              ? 'findings.word.higher'
              : 'findings.word.different',
        ),
        noun,
      })
    : null;
  // Functions the previous sentence already named are not listed again.
  const stillUnclear = unclear.filter((f) => !lostByAdjustment.includes(f));
  const unclearSentence = stillUnclear.length
    ? t('findings.sentence.unclear', {
        list: listPhrase(
          stillUnclear.map((f) => f.label),
          lang,
        ),
        noun,
      })
    : null;

  const optional = [changed, unclearSentence, moreSentence].filter((s): s is string => s !== null);
  // Room for the optional ones: MAX_SENTENCES minus the clear findings and the closing sentence.
  lead.push(...optional.slice(0, Math.max(0, MAX_SENTENCES - 1 - lead.length)));
  if (lead.length < 2) {
    lead.push(
      t('findings.sentence.counted', {
        counted: formatInteger(lang, result.denominators.counted),
        selected: formatInteger(lang, result.denominators.selected),
        outcome: noun,
      }),
    );
  }
  lead.push(methodSentence(result, lang));
  return lead;
}

/** What the estimates compare and how uncertain they are — the last sentence of every lead. */
export function methodSentence(result: FindingsResult, lang: Lang): string {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(lang, key, values);
  const model = result.model;
  if (!model) return t('findings.sentence.methodNoModel');
  return t(result.scale === 'binary_ancova' ? 'findings.sentence.method.ancova' : 'findings.sentence.method', {
    mentors: formatInteger(lang, model.clusters),
    m: formatInteger(lang, model.m),
    bootstrap: model.method === 'wild' ? t('findings.sentence.method.wild') : '',
  });
}
