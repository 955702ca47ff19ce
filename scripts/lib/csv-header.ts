/** The header of a canonical CSV file on disk, read from its first 64 KB only (files can be large). */
import { closeSync, openSync, readSync } from 'node:fs';
import { canonicalHeader } from '../../src/lib/db/load-canonical';

export function canonicalHeaderOfFile(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(65_536);
    const read = readSync(fd, head, 0, head.length, 0);
    return canonicalHeader(head.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}
