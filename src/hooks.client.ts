/**
 * Runs once, before SvelteKit's router reads the address: a malformed fragment in a shared
 * link (`/explore#v=garbage%%%`) is dropped instead of throwing `URIError` (url-safety.ts),
 * also when one is typed later. The engine starts here, while the page hydrates (≈ 0.1–0.3 s
 * before the root layout mounts, where the dataset manager asks for it).
 */
import type { ClientInit } from '@sveltejs/kit';
import { dropMalformedHash } from '$lib/state/url-safety';
import { startDatabase } from '$lib/db/browser-database';

export const init: ClientInit = () => {
  // The app's scripts arrived and run: the plain note for when they do not (app.html) goes.
  document.getElementById('dampingan-boot')?.remove();
  startDatabase().catch(() => undefined); // a failure is reported where the dataset manager asks again
  dropMalformedHash(location, history);
  // Registered before the router's own listener, so it sees a clean address.
  window.addEventListener('hashchange', (event) => {
    if (dropMalformedHash(location, history)) event.stopImmediatePropagation();
  });
};
