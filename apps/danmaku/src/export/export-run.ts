import type { Writable } from 'node:stream';
import type { SqlClient } from '@danmaku/writer/database';
import { streamCursor, type TextRow } from './export-cursor.js';
import { openExportOutput, type ExportOutput } from './export-output.js';
import { exportProgress, type ExportSummary } from './export-progress.js';
import { exportSelect, readExportColumns, type ExportColumn } from './export-query.js';
import type { ExportRequest } from './export-request.js';
import { csvEncoder, ndjsonEncoder } from './text-encoder.js';
import type { BatchSink } from './parquet-sink.js';

export interface ExportIo {
  err: (text: string) => void;
  out: (text: string) => void;
  /** stdout as a stream, for `-o -` with back-pressure. */
  stdout?: Writable;
  /** stderr is a terminal: draw a progress bar. */
  progressBar: boolean;
}

/** Streams one table or view into the requested file and format; the summary of what it wrote. */
export async function runExport(
  client: SqlClient,
  request: ExportRequest,
  io: ExportIo,
): Promise<ExportSummary> {
  const batchRows = request.batchRows;
  const columns = await readExportColumns(client, request.table);
  const select = exportSelect(request, columns);
  const progress = exportProgress(io.err, io.progressBar);
  const startedAt = performance.now();
  const output = openExportOutput(request.output, io.stdout, io.out);
  try {
    const sink = await sinkFor(request.format, columns, output, batchRows);
    let rows = 0;
    await streamCursor(client, {
      select,
      columns: columns.length,
      batchRows,
      async onStart(tx) {
        if (!io.progressBar) return;
        const count = await tx.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM (${select.text}) AS export`,
          select.params,
        );
        progress.setTotal(Number(count.rows[0]?.n ?? 0));
      },
      async onBatch(batch) {
        await sink.write(batch);
        rows += batch.length;
        progress.update(rows, output.bytes());
      },
    });
    await sink.end();
    await output.commit();
    const seconds = (performance.now() - startedAt) / 1000;
    const summary: ExportSummary = {
      table: request.table,
      format: request.format,
      output: request.output,
      rows,
      bytes: output.bytes(),
      seconds,
      rowsPerSecond: seconds > 0 ? rows / seconds : 0,
    };
    progress.finish(summary);
    return summary;
  } catch (error) {
    await output.discard();
    throw error;
  }
}

async function sinkFor(
  format: ExportRequest['format'],
  columns: readonly ExportColumn[],
  output: ExportOutput,
  batchRows: number,
): Promise<BatchSink> {
  if (format === 'parquet') {
    // parquet-wasm's WebAssembly loads only for Parquet exports.
    const { parquetSink } = await import('./parquet-sink.js');
    return parquetSink(columns, output, batchRows);
  }
  const encoder = format === 'csv' ? csvEncoder(columns) : ndjsonEncoder(columns);
  let headerWritten = false;
  return {
    async write(rows: TextRow[]) {
      if (!headerWritten) await writeHeader();
      await output.write(encoder.encode(rows));
    },
    async end() {
      if (!headerWritten) await writeHeader();
    },
  };
  async function writeHeader(): Promise<void> {
    headerWritten = true;
    if (encoder.header !== '') await output.write(encoder.header);
  }
}
