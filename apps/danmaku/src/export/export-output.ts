import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Where the bytes go: a file written under a temporary name and renamed when complete. */
export interface ExportOutput {
  readonly stream: Writable;
  /** Bytes handed to the stream so far. */
  bytes(): number;
  /** Writes with back-pressure: resolves when the stream can take more. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes and, for a file, renames it into place. */
  commit(): Promise<void>;
  /** Removes the partial file, so a failed export leaves nothing that looks complete. */
  discard(): Promise<void>;
}

/** `-` is stdout (`stdout`, or the CLI's `out` in a test that has no stream). */
export function openExportOutput(
  path: string,
  stdout: Writable | undefined,
  out: (text: string) => void,
): ExportOutput {
  if (path === '-') {
    const stream =
      stdout ??
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          out(chunk.toString('utf8'));
          done();
        },
      });
    return outputOn(stream, async () => {
      if (stdout === undefined) stream.end();
      await new Promise<void>((resolve) => (stdout ?? stream).write('', () => resolve()));
    });
  }
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const stream = createWriteStream(partial, { flags: 'wx' });
  const output = outputOn(stream, async () => {
    stream.end();
    await finished(stream);
    await rename(partial, path);
  });
  return {
    ...output,
    async discard() {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
}

function outputOn(stream: Writable, commit: () => Promise<void>): ExportOutput {
  let bytes = 0;
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  const check = (): void => {
    if (failure !== undefined) throw failure;
  };
  return {
    stream,
    bytes: () => bytes,
    async write(chunk) {
      check();
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (stream.write(chunk)) return;
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          stream.off('drain', done);
          stream.off('error', done);
          if (error === undefined) resolve();
          else reject(error);
        };
        stream.on('drain', done);
        stream.on('error', done);
      });
    },
    async commit() {
      check();
      await commit();
      check();
    },
    async discard() {
      return Promise.resolve();
    },
  };
}
