import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, reportProblems, sourcesOf } from '../command-support.js';
import { fieldsFor } from '../settings/fields.js';
import { loadCollectorSettings, loadWriterSettings, originOf } from '../settings/load-settings.js';
import { displayValue } from '../settings/redact.js';
import { formatReplicas } from '../status/room-replicas.js';
import type { StatusReport } from '../status/status-report.js';

export function registerStatus(program: Command, io: CliIo, exit: (code: number) => void): void {
  // The settings that say where things are.
  const fields = fieldsFor('status');
  const command = program
    .command('status')
    .description('settings (secrets redacted), database contents and offsets, rooms in Redis')
    .option('--json', 'one JSON document')
    .allowUnknownOption()
    .allowExcessArguments();
  addFieldOptions(command, fields);
  command.action(async () => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const collector = loadCollectorSettings(sources);
    const writer = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...collector.problems, ...writer.problems);
    if (problems.length > 0 || collector.config === undefined || writer.config === undefined) {
      exit(reportProblems(io, problems));
      return;
    }
    const values: Record<string, unknown> = { ...collector.config, ...writer.config };
    const report: StatusReport = {
      settings: fields.map((field) => ({
        key: field.key,
        env: field.env,
        value: displayValue(field.key, values[field.key]),
        from: originOf(sources, field),
      })),
      database: await (
        await import('../status/status-report.js')
      ).databaseStatus(writer.config, io.env),
      rooms: await (await import('../status/status-report.js')).queueStatus(collector.config),
    };
    io.out(
      command.opts<{ json?: boolean }>().json === true
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatReport(report),
    );
    exit(report.database.error === undefined ? 0 : 1);
  });
}

function formatReport(report: StatusReport): string {
  const lines = ['settings (flags > env > file > defaults; passwords redacted):'];
  for (const s of report.settings) lines.push(`  ${s.env.padEnd(24)} ${s.value}  (${s.from})`);
  const db = report.database;
  lines.push(`database: ${db.target}`);
  if (db.error !== undefined) lines.push(`  unavailable: ${db.error}`);
  else {
    lines.push(`  migrations applied: ${db.migrations}`);
    for (const t of db.tables)
      lines.push(`  ${t.table.padEnd(18)} ${t.rows} rows${t.latest ? `, latest ${t.latest}` : ''}`);
    for (const o of db.offsets)
      lines.push(
        `  offset ${o.group} ${o.topic}[${o.partition}] → ${o.nextOffset} (${o.updatedAt})`,
      );
    lines.push(`  coverage gaps in the last 24 h: ${db.gapsLastDay}`);
  }
  const rooms = report.rooms;
  if (rooms === undefined) lines.push('rooms queue: REDIS_URL not set');
  else if (rooms.error !== undefined) lines.push(`rooms queue: unavailable: ${rooms.error}`);
  else {
    lines.push(
      `rooms queue: ${rooms.rooms} room job(s) ${JSON.stringify(rooms.byState)}, ${rooms.schedules} schedule(s)`,
    );
    if (rooms.replicas !== undefined) lines.push(...formatReplicas(rooms.replicas));
  }
  return `${lines.join('\n')}\n`;
}
