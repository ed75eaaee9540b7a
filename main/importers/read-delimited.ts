import { createReadStream, statSync } from 'node:fs';
import { DelimitedParser, type DelimitedRecord } from './delimited-parser';

/**
 * Streams a delimited text file through the parser, so a large export is never held twice in
 * memory as text. `onBytes` reports progress (bytes read of the file's size).
 */
export async function* readDelimited(file: string, delimiter: string, onBytes?: (done: number, total: number) => void): AsyncGenerator<DelimitedRecord> {
  const total = statSync(file).size;
  const parser = new DelimitedParser(delimiter);
  let done = 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    done += Buffer.byteLength(chunk);
    yield* parser.push(chunk);
    onBytes?.(done, total);
  }
  yield* parser.end();
}

/** Whole records of a small file, in order. */
export async function readAllDelimited(file: string, delimiter: string): Promise<DelimitedRecord[]> {
  const out: DelimitedRecord[] = [];
  for await (const r of readDelimited(file, delimiter)) out.push(r);
  return out;
}
