/** How the active dataset is named to people: its name and short fingerprint. */
import { dataset } from './app';
import { translate, type Lang } from '../i18n/messages';

export function datasetLabel(lang: Lang): string {
  return dataset.name === 'sample' ? translate(lang, 'dataset.sample') : dataset.name;
}
