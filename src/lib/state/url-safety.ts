/**
 * A link can carry anything after `#`. SvelteKit decodes the fragment with
 * `decodeURIComponent` to find the element to scroll to, which throws `URIError` on a
 * malformed escape (`#v=garbage%%%`) and breaks the page. No view of this app lives in the
 * fragment, so a fragment that cannot be decoded is simply dropped.
 */

/** Whether `hash` (with or without `#`) decodes. */
export function isDecodableHash(hash: string): boolean {
  try {
    decodeURIComponent(hash.replace(/^#/, ''));
    return true;
  } catch {
    return false;
  }
}

/** Drops a malformed fragment from the address bar (no navigation, no history entry). */
export function dropMalformedHash(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState' | 'state'>,
): boolean {
  if (!location.hash || isDecodableHash(location.hash)) return false;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return true;
}
