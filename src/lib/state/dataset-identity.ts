/**
 * A link names the dataset it was made on: `ds=<fingerprint>` and `dn=<name>`. The
 * fingerprint is computed from the normalised content, so the same data uploaded in another
 * format (delimiter, decimal comma, encoding) has the same identity.
 */
export interface DatasetIdentity {
  fingerprint: string;
  name: string;
}

const FINGERPRINT = /^[0-9a-f]{8,64}$/;
const MAX_NAME = 80;

/** Reads the identity from a link; a malformed one counts as absent (the view still opens). */
export function identityFromParams(params: URLSearchParams): DatasetIdentity | null {
  const fingerprint = params.get('ds');
  if (!fingerprint || !FINGERPRINT.test(fingerprint)) return null;
  const name = (params.get('dn') ?? '').replace(/[\u0000-\u001f]/g, '').slice(0, MAX_NAME);
  return { fingerprint, name: name || fingerprint.slice(0, 12) };
}

export function setIdentityParams(params: URLSearchParams, identity: DatasetIdentity | null): URLSearchParams {
  const out = new URLSearchParams(params);
  out.delete('ds');
  out.delete('dn');
  if (identity) {
    out.set('ds', identity.fingerprint);
    out.set('dn', identity.name.slice(0, MAX_NAME));
  }
  return out;
}

/** Short form for people: the first 12 hex digits. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, 12);
}
