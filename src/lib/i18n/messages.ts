/**
 * UI text in Bahasa Indonesia (default) and English. Each feature keeps its messages in
 * `messages/<feature>.ts` with the same keys in both languages (the type checks it).
 */
import * as common from './messages/common';
import * as overview from './messages/overview';
import * as explore from './messages/explore';
import * as data from './messages/data';
import * as sql from './messages/sql';
import * as share from './messages/share';
import * as findings from './messages/findings';
import * as exports from './messages/exports';
import * as offline from './messages/offline';
import * as indicators from './messages/indicators';
import * as targets from './messages/targets';
import * as gesi from './messages/gesi';
import * as disclosure from './messages/disclosure';

const id = {
  ...common.id,
  ...overview.id,
  ...explore.id,
  ...sql.id,
  ...share.id,
  ...data.id,
  ...findings.id,
  ...exports.id,
  ...offline.id,
  ...indicators.id,
  ...targets.id,
  ...gesi.id,
  ...disclosure.id,
};
const en = {
  ...common.en,
  ...overview.en,
  ...explore.en,
  ...sql.en,
  ...share.en,
  ...data.en,
  ...findings.en,
  ...exports.en,
  ...offline.en,
  ...indicators.en,
  ...targets.en,
  ...gesi.en,
  ...disclosure.en,
};

export type MessageKey = keyof typeof id;
export type Lang = 'id' | 'en';
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { id, en };

/** Looks up a message and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
