/** The shareable link of what is on screen: the page's URL plus the dataset's identity. */
import { dataset } from './app';
import { setIdentityParams, type DatasetIdentity } from './dataset-identity';

export function currentIdentity(): DatasetIdentity | null {
  return dataset.fingerprint ? { fingerprint: dataset.fingerprint, name: dataset.name } : null;
}

/** Path and query (no origin) of a view with the active dataset's identity. */
export function shareablePath(url: URL): string {
  const query = setIdentityParams(url.searchParams, currentIdentity()).toString();
  return `${url.pathname}${query ? `?${query}` : ''}${url.hash}`;
}

export function shareableLink(url: URL): string {
  return `${url.origin}${shareablePath(url)}`;
}
