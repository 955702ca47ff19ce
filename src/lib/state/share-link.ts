/** The shareable link of what is on screen: the page's URL plus the dataset's identity. */
import { dataset } from './app';
import { setIdentityParams, type DatasetIdentity } from './dataset-identity';
import { SHARED_PARAM } from '../query/view-url';
import { resolve } from '$app/paths';

export function currentIdentity(): DatasetIdentity | null {
  return dataset.fingerprint ? { fingerprint: dataset.fingerprint, name: dataset.name } : null;
}

/** Path and query (no origin) of a view with the active dataset's identity. */
export function shareablePath(url: URL): string {
  const query = setIdentityParams(url.searchParams, currentIdentity()).toString();
  return `${url.pathname}${query ? `?${query}` : ''}${url.hash}`;
}

/**
 * Pages whose shared view hides small groups: Explore, and the Overview (its GESI table and
 * target progress); the report view hides them always.
 */
function privateWhenShared(pathname: string): boolean {
  const root = resolve('/');
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  return path === (root.endsWith('/') ? root : `${root}/`) || path.endsWith('/explore/');
}

/**
 * The link Copy link gives: the view, its data's identity, and on Explore and the Overview the mark of a
 * shared link (`shared=1`), so whoever opens it sees small groups hidden, not marked.
 */
export function shareableLink(url: URL): string {
  const marked = new URL(url);
  if (privateWhenShared(marked.pathname)) marked.searchParams.set(SHARED_PARAM, '1');
  return `${marked.origin}${shareablePath(marked)}`;
}
