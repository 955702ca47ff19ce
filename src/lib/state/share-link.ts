/** The shareable link of what is on screen: the page's URL plus the dataset's identity. */
import { dataset } from './app';
import { setIdentityParams, type DatasetIdentity } from './dataset-identity';
import { SHARED_PARAM } from '../query/view-url';

export function currentIdentity(): DatasetIdentity | null {
  return dataset.fingerprint ? { fingerprint: dataset.fingerprint, name: dataset.name } : null;
}

/** Path and query (no origin) of a view with the active dataset's identity. */
export function shareablePath(url: URL): string {
  const query = setIdentityParams(url.searchParams, currentIdentity()).toString();
  return `${url.pathname}${query ? `?${query}` : ''}${url.hash}`;
}

/** Pages whose shared view hides small groups (the report view hides them always). */
const PRIVATE_WHEN_SHARED = /\/explore\/?$/;

/**
 * The link Copy link gives: the view, its data's identity, and on Explore the mark of a
 * shared link (`shared=1`), so whoever opens it sees small groups hidden, not marked.
 */
export function shareableLink(url: URL): string {
  const marked = new URL(url);
  if (PRIVATE_WHEN_SHARED.test(marked.pathname)) marked.searchParams.set(SHARED_PARAM, '1');
  return `${marked.origin}${shareablePath(marked)}`;
}
