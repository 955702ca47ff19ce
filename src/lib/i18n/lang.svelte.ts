/**
 * The UI language lives in the URL (`?lang=en`; Bahasa Indonesia when absent), so it is
 * kept across pages and travels with a shared link.
 */
import { page } from '$app/state';
import { resolve } from '$app/paths';
import type { RouteId } from '$app/types';
import { translate, type Lang, type MessageKey } from './messages';
import { SOURCE_PARAM } from '../query/view-url';

/**
 * The language as a value of its own: whatever reads it (a chart's drawing through `t`) is
 * updated when the language changes, not on every change of the address (each view change
 * of Explore is one), which would redraw charts whose data did not change.
 */
const lang = $derived<Lang>(page.url.searchParams.get('lang') === 'en' ? 'en' : 'id');

export function currentLang(): Lang {
  return lang;
}

/** `t('kpi.clients')` in the current language. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return translate(currentLang(), key, values);
}

export type AppRoute = RouteId;

/** A link to an app route that keeps the current language (and a remote dataset's `source`). */
export function hrefWithLang(route: AppRoute, lang: Lang = currentLang()): string {
  // Every app route is static (no parameters), so resolve needs no more than the id.
  const path = (resolve as (route: string) => string)(route);
  const params = new URLSearchParams();
  if (lang === 'en') params.set('lang', 'en');
  const source = page.url.searchParams.get(SOURCE_PARAM);
  if (source) params.set(SOURCE_PARAM, source);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The current URL with the language switched (all other state kept). */
export function hrefSwitchLang(): string {
  const url = new URL(page.url);
  if (currentLang() === 'en') url.searchParams.delete('lang');
  else url.searchParams.set('lang', 'en');
  return `${url.pathname}${url.search}${url.hash}`;
}
