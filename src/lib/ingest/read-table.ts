/**
 * The whole pure pipeline for one uploaded file: bytes → text (`decodeBytes`) → how to
 * read it (`sniffCsv`) → rectangular table of raw cells (`parseTable`). Each stage's
 * failure comes back typed, with the stage named, so the UI can say what went wrong.
 */
import { decodeBytes, type DecodedText, type DecodeFailureReason } from './encoding';
import { parseTable, type ParsedTable, type ParseFailureReason, type ParseOptions } from './parse';
import { sniffCsv, type SniffFailureReason, type Sniffed, type SniffOptions } from './sniff';

export type ReadFailure =
  | { readonly ok: false; readonly stage: 'decode'; readonly reason: DecodeFailureReason; readonly detail: string }
  | { readonly ok: false; readonly stage: 'sniff'; readonly reason: SniffFailureReason; readonly encoding: DecodedText['encoding'] }
  | {
      readonly ok: false;
      readonly stage: 'parse';
      readonly reason: ParseFailureReason;
      readonly line?: number;
      readonly header?: string[] | null;
      readonly decoded: Omit<DecodedText, 'text'>;
      readonly sniffed: Sniffed;
    };

export interface ReadTable {
  readonly ok: true;
  /** Encoding, warnings and suspicion of the decoded text (the text itself is not kept). */
  readonly decoded: Omit<DecodedText, 'text'>;
  readonly sniffed: Sniffed;
  readonly table: ParsedTable;
}

export type ReadResult = ReadTable | ReadFailure;

function withoutText(d: DecodedText): Omit<DecodedText, 'text'> {
  const { text: _text, ...rest } = d;
  return rest;
}

export function readCsvBytes(bytes: Uint8Array, options: SniffOptions & ParseOptions = {}): ReadResult {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, stage: 'decode', reason: decoded.reason, detail: decoded.detail };
  const sniffed = sniffCsv(decoded.text, options);
  if (!sniffed.ok) return { ok: false, stage: 'sniff', reason: sniffed.reason, encoding: decoded.encoding };
  const table = parseTable(decoded.text, sniffed, options);
  if (!table.ok) {
    return {
      ok: false,
      stage: 'parse',
      reason: table.reason,
      line: table.line,
      header: table.header,
      decoded: withoutText(decoded),
      sniffed,
    };
  }
  return { ok: true, decoded: withoutText(decoded), sniffed, table };
}
