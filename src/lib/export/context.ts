/**
 * What a page tells every export made on it: the filters in words. Explore and Findings
 * set it once; each card's export buttons read it, so the cards need not be handed the
 * view. Call both during component initialisation (Svelte's context rules).
 */
import { getContext, setContext } from 'svelte';

export interface ExportContext {
  /** The filters of the view in words; empty when nothing is filtered. */
  filters(): readonly string[];
}

const KEY = Symbol('dampingan-export-context');

export function setExportContext(context: ExportContext): void {
  setContext(KEY, context);
}

/** The page's export context, or undefined on pages without filters (SQL). */
export function getExportContext(): ExportContext | undefined {
  return getContext<ExportContext | undefined>(KEY);
}
