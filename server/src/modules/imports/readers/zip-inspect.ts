import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { corruptFile, FileRefused, type ReadLimits } from './source.ts';

/** An entry inflating more than this many times its compressed size, and over BOMB_MIN_BYTES, is a bomb. */
const BOMB_RATIO = 200;
const BOMB_MIN_BYTES = 10 * 1024 * 1024;

export interface ZipSummary {
  entryCount: number;
  /** Sum of the entries' declared uncompressed sizes. */
  inflatedBytes: number;
  names: string[];
}

/** A zip whose directory passed the checks; yauzl enforces the declared sizes while inflating. */
export interface CheckedZip {
  zip: ZipFile;
  entries: Map<string, Entry>;
  summary: ZipSummary;
}

/**
 * Reads only the zip's central directory and refuses what could hurt before anything is inflated: too
 * many entries, a total uncompressed size over the limit, an entry with a bomb's compression ratio, or
 * a zip that is no workbook. Returns the summary and closes the file.
 */
export async function inspectZip(path: string, limits: ReadLimits): Promise<ZipSummary> {
  const { zip, summary } = await openCheckedZip(path, limits);
  zip.close();
  return summary;
}

/** inspectZip, keeping the zip open for reading its entries; the caller closes it. */
export async function openCheckedZip(path: string, limits: ReadLimits): Promise<CheckedZip> {
  let zip: ZipFile;
  try {
    // validateEntrySizes (the default) makes a stream fail when an entry inflates past its declared size.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw corruptFile(error);
  }
  try {
    const entries = await readDirectory(zip, limits);
    if (!entries.has('xl/workbook.xml')) {
      throw new FileRefused('notXlsx', {});
    }
    const summary: ZipSummary = {
      entryCount: entries.size,
      inflatedBytes: [...entries.values()].reduce((sum, e) => sum + e.uncompressedSize, 0),
      names: [...entries.keys()],
    };
    return { zip, entries, summary };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function readDirectory(zip: ZipFile, limits: ReadLimits): Promise<Map<string, Entry>> {
  // The end-of-directory record states the count: refuse before reading a million entries.
  if (zip.entryCount > limits.maxZipEntries) {
    throw new FileRefused('tooManyEntries', { entries: zip.entryCount, limit: limits.maxZipEntries });
  }
  const entries = new Map<string, Entry>();
  let inflated = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.size + 1 > limits.maxZipEntries) {
        throw new FileRefused('tooManyEntries', {
          entries: entries.size + 1,
          limit: limits.maxZipEntries,
        });
      }
      const size = entry.uncompressedSize;
      inflated += size;
      if (inflated > limits.maxInflatedBytes) {
        throw new FileRefused('zipBomb', {
          inflatedBytes: inflated,
          limit: limits.maxInflatedBytes,
        });
      }
      if (size > BOMB_MIN_BYTES && size > entry.compressedSize * BOMB_RATIO) {
        throw new FileRefused('zipBomb', {
          entry: entry.fileName,
          ratio: Math.round(size / Math.max(1, entry.compressedSize)),
        });
      }
      // Normalised: some writers store "/xl/..." or backslashes.
      entries.set(entry.fileName.replace(/\\/g, '/').replace(/^\//, ''), entry);
    }
  } catch (error) {
    throw corruptFile(error);
  }
  return entries;
}
