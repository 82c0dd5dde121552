/** What every file reader gives the import: a header row and the data rows as text cells. */
export type FileFormat = 'csv' | 'xlsx' | 'vcf';

export interface SheetSource {
  format: FileFormat;
  /** The encoding the text was read in (csv, vcf); null for xlsx. */
  encoding: string | null;
  /** The csv delimiter used; null otherwise. */
  delimiter: string | null;
  headers: string[];
  /**
   * Data rows after the header, in file order; every cell is a string ('' when empty). Blank rows are
   * skipped; rows are padded with '' to the header's width, longer ones keep their extra cells. Iterate
   * once. Cells may be V8 slices of a whole decoded chunk: to keep one beyond its batch (an in-file
   * duplicate set, say) store a derived key, or a copy, not the cell itself.
   */
  rows: AsyncIterable<string[]>;
  /** Releases the file (safe to call twice, and after the rows ran out). */
  close(): Promise<void>;
  /** How far the rows got through the file, 0..1 (bytes read of the file, or of the xlsx sheet), for ETAs. */
  progress?(): number;
}

export interface ReadOptions {
  /** Override of the detected encoding: 'utf-8', 'gbk', 'gb18030', … (csv, vcf). */
  encoding?: string | null;
  /** Override of the detected delimiter (csv): ',', ';', '\t', '|'. */
  delimiter?: string | null;
  limits: ReadLimits;
}

export interface ReadLimits {
  /** Data rows; more is refused (FileRefused 'tooManyRows'). */
  maxRows: number;
  /** xlsx: sum of the entries' uncompressed sizes, checked from the zip directory before inflating. */
  maxInflatedBytes: number;
  /** xlsx: entries in the zip. */
  maxZipEntries: number;
}

export type RefusalReason =
  | 'unknownFormat'
  | 'formatMismatch'
  | 'zipBomb'
  | 'tooManyEntries'
  | 'tooManyRows'
  | 'notXlsx'
  | 'empty'
  | 'badEncoding'
  | 'corrupt';

/** A file the import will not read, and why (the route turns it into a 400/413 naming the file field). */
export class FileRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly params: Record<string, unknown> = {},
  ) {
    super(`file refused: ${reason}`);
  }
}

/**
 * The file is damaged (a broken zip, an entry that inflates past its stated size, …). The low-level
 * error stays in `cause` for the log; it is not in params, which reach the client.
 */
export function corruptFile(cause: unknown, params: Record<string, unknown> = {}): FileRefused {
  if (cause instanceof FileRefused) return cause;
  const refused = new FileRefused('corrupt', params);
  refused.cause = cause;
  return refused;
}
