/** This tab's targets, following the active dataset, kept in localStorage. */
import { dataset } from '../state/app';
import { DatasetTargets } from './dataset-targets.svelte';

function browserStorage() {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const targets = new DatasetTargets(dataset, browserStorage);
