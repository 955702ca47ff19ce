/** The built-in sample export: bundled by Vite from `data/`, fetched from the site itself. */
import clientsUrl from '../../../data/sample/clients.csv?url';
import mentorsUrl from '../../../data/sample/mentors.csv?url';
import sessionsUrl from '../../../data/sample/sessions.csv?url';
import outcomesUrl from '../../../data/sample/outcomes.csv?url';
import crosswalkUrl from '../../../data/mentor-functions.csv?url';
import type { TableName } from '../domain/schema';

export const SAMPLE_URLS: Record<TableName, string> = {
  clients: clientsUrl,
  mentors: mentorsUrl,
  sessions: sessionsUrl,
  outcomes: outcomesUrl,
};

export const CROSSWALK_URL = crosswalkUrl;

/** Fetches a file as bytes, reporting bytes received so far. */
export async function fetchBytes(url: string, onBytes?: (received: number) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} for ${url}`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onBytes?.(received);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
