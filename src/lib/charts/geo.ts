/** The NTB boundaries shipped with the site (static/geo), fetched once from its own origin. */
import { asset } from '$app/paths';
import type { RegionCollection } from './ntb-map';

let loading: Promise<RegionCollection> | null = null;

export function loadNtbGeo(): Promise<RegionCollection> {
  loading ??= fetch(asset('/geo/ntb-kabupaten.geojson')).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status} for the region boundaries`);
    return r.json() as Promise<RegionCollection>;
  });
  return loading;
}
