/**
 * What a view needs that the loaded data lacks, in words (see query/coverage.ts): a table
 * ("the outcomes file: baseline and endline measurements") or one of its columns ("column
 * programme of the clients table").
 */
import type { TableName } from '../domain/schema';
import { translate, type Lang, type MessageKey } from './messages';

export function needText(lang: Lang, need: string): string {
  const [table, column] = need.split('.') as [TableName, string | undefined];
  const tableText = translate(lang, `need.table.${table}` as MessageKey);
  return column ? translate(lang, 'need.column', { column, table: tableText }) : tableText;
}

/** "Not available for this data: it needs …; add it on the Data page." */
export function unavailableText(lang: Lang, need: string): string {
  return translate(lang, 'need.unavailable', { what: needText(lang, need) });
}

/** A dimension whose column has no values: every client is in one "unknown" group. */
export function unknownDimensionText(lang: Lang, need: string): string {
  return translate(lang, 'need.dimension', { what: needText(lang, need) });
}
