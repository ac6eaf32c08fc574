import { Table, tableToIPC } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import type { TextRow } from './export-cursor.js';
import type { ExportOutput } from './export-output.js';
import type { ExportColumn } from './export-query.js';
import { arrowBatch, arrowSchema } from './arrow-batch.js';

export interface BatchSink {
  write(rows: TextRow[]): Promise<void>;
  /** After the last batch: flushes the format's end (Parquet's footer). */
  end(): Promise<void>;
}

/**
 * Parquet through parquet-wasm (the Rust arrow-rs writer): each batch becomes an Arrow record
 * batch and one row group (zstd), written out before the next batch is read, so memory holds one
 * batch. The wasm writer pulls batches from a stream; `write` waits for its pull, so the cursor
 * never runs ahead of the file.
 */
export function parquetSink(
  columns: readonly ExportColumn[],
  output: ExportOutput,
  batchRows: number,
): BatchSink {
  const schema = arrowSchema(columns);
  let controller!: ReadableStreamDefaultController<parquet.RecordBatch>;
  let pulled = deferred();
  const input = new ReadableStream<parquet.RecordBatch>(
    {
      start: (c) => void (controller = c),
      pull: () => pulled.resolve(),
    },
    { highWaterMark: 0 },
  );
  const properties = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.ZSTD)
    .setMaxRowGroupSize(batchRows)
    .setCreatedBy('danmaku export (parquet-wasm)')
    .build();
  const written = parquet.transformParquetStream(input, properties).then(async (bytes) => {
    const reader = (bytes as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      await output.write(value);
    }
  });
  // Rejections are awaited in write() and end(); this keeps an early one from going unhandled.
  written.catch(() => undefined);
  return {
    async write(rows) {
      const ipc = tableToIPC(new Table([arrowBatch(schema, columns, rows)]), 'stream');
      const table = parquet.Table.fromIPCStream(ipc);
      await Promise.race([pulled.promise, written]);
      pulled = deferred();
      for (const batch of table.recordBatches()) controller.enqueue(batch);
      table.free();
    },
    async end() {
      controller.close();
      await written;
    },
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
