/**
 * The chunking loop both exporters share: render one record at a time and hand out strings of bounded size,
 * so the background never holds more than one chunk of the output (and never every record) in memory.
 */
import { DEFAULT_CHUNK_SIZE, type ExportStreamOptions } from './types.ts';

/**
 * Yields `opening`, each rendered record and `closing`, packed into chunks of about `chunkSize` characters.
 * Progress is reported after every chunk and once at the end.
 * @internal shared by {@link exportCsvChunks} and {@link exportJsonChunks}.
 */
export async function* chunkRecords<T>(
  records: AsyncIterable<T> | Iterable<T>,
  render: (record: T, index: number) => string,
  opening: string,
  closing: string,
  options: ExportStreamOptions,
): AsyncGenerator<string, void, undefined> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const { total, onProgress, signal } = options;
  signal?.throwIfAborted();
  // Chunks are joined from parts so a chunk costs one allocation, not one per appended record.
  let parts: string[] = [opening];
  let size = opening.length;
  let done = 0;
  for await (const record of records) {
    signal?.throwIfAborted();
    const text = render(record, done);
    done += 1;
    parts.push(text);
    size += text.length;
    if (size >= chunkSize) {
      yield parts.join('');
      parts = [];
      size = 0;
      onProgress?.(done, total);
    }
  }
  parts.push(closing);
  size += closing.length;
  if (size > 0) yield parts.join('');
  onProgress?.(done, total);
}
