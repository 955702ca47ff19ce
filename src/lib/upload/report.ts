/**
 * Turning an upload's outcome into words for the evaluator, in the UI language: problem
 * reasons, what was done to the row, why a load failed — and the rejected rows as a
 * formula-safe CSV (`toCsv` neutralises `=HYPERLINK(…)` and friends).
 */
import { toCsv, type CsvValue } from '../ingest/csv-safety';
import { formatBytes } from '../i18n/format';
import { MESSAGES, translate, type Lang, type MessageKey } from '../i18n/messages';
import type { TableName } from '../domain/schema';
import type { InspectFailure } from './inspect';
import { MAX_SET_BYTES } from '../ingest/limits';
import type { LoadError, Problem, ProblemAction, ProblemReason } from './types';

/** A size for people: `1 GB`, `12,5 MB`, `3 KB`. */
export function formatSize(lang: Lang, bytes: number): string {
  const number = (n: number) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(n);
  if (bytes >= 1e9) return `${number(bytes / 1e9)} GB`;
  if (bytes < 1e5) return `${number(Math.max(1, Math.round(bytes / 1e3)))} KB`;
  return formatBytes(lang, bytes);
}

export function reasonText(lang: Lang, reason: ProblemReason | string): string {
  const key = `reason.${reason}`;
  return key in MESSAGES[lang] ? translate(lang, key as MessageKey) : reason;
}

export function actionText(lang: Lang, action: ProblemAction): string {
  return translate(lang, `data.action.${action}` as MessageKey);
}

export function tableText(lang: Lang, table: TableName): string {
  return translate(lang, `data.table.${table}` as MessageKey);
}

/** Why a file could not be inspected. */
export function inspectFailureText(lang: Lang, failure: InspectFailure): string {
  return translate(lang, `data.inspect.${failure.reason}` as MessageKey, {
    line: failure.line ?? '?',
    size: formatSize(lang, failure.size),
    max: formatSize(lang, MAX_SET_BYTES),
  });
}

/** Why a load failed, as one sentence. */
export function loadErrorText(lang: Lang, error: LoadError): string {
  const info = error.info;
  return translate(lang, `data.error.${error.code}` as MessageKey, {
    file: info.file ?? '',
    table: info.table ? tableText(lang, info.table) : '',
    tables: (info.tables ?? []).map((t) => tableText(lang, t)).join(', '),
    columns: (info.columns ?? []).join(', '),
    line: info.line ?? '?',
    detail: info.detail ?? '',
    max: formatSize(lang, MAX_SET_BYTES),
  });
}

export const PROBLEM_COLUMNS = ['file', 'table', 'line', 'line_end', 'column', 'value', 'reason', 'action', 'explanation'] as const;

/** Problem rows for a CSV download: codes for machines, an explanation for people. */
export function problemRows(problems: readonly Problem[], lang: Lang): Record<(typeof PROBLEM_COLUMNS)[number], CsvValue>[] {
  return problems.map((p) => ({
    file: p.file,
    table: p.table,
    line: p.line,
    line_end: p.lineEnd ?? p.line,
    column: p.column,
    value: p.value,
    reason: p.reason,
    action: p.action,
    explanation: `${reasonText(lang, p.reason)}; ${actionText(lang, p.action)}`,
  }));
}

export function problemsCsv(problems: readonly Problem[], lang: Lang): string {
  return toCsv(problemRows(problems, lang), PROBLEM_COLUMNS);
}
