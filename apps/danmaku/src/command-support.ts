import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { readConfigFile, type SettingSources } from '@danmaku/runtime/settings';
import { allFields, type Field } from './settings/fields.js';

export const PRECEDENCE = 'flags > env > file > defaults';

/** `--flag <value>` for each setting; a repeated flag joins its values with commas. */
export function addFieldOptions(command: Command, fields: readonly Field[]): Command {
  for (const field of fields) {
    command.option(`--${field.flag} <value>`, `${field.help} [${field.env}]`, joinRepeated);
  }
  return command;
}

export function joinRepeated(value: string, previous: string | undefined): string {
  return previous === undefined ? value : `${previous},${value}`;
}

/** Flags given on the command line for these settings, by camelCase key. */
export function flagsOf(command: Command, fields: readonly Field[]): Record<string, unknown> {
  const options = command.opts<Record<string, unknown>>();
  const flags: Record<string, unknown> = {};
  for (const field of fields) {
    if (options[field.key] !== undefined) flags[field.key] = options[field.key];
  }
  return flags;
}

/** The config file (--config or DANMAKU_CONFIG), env and flags of one command invocation. */
export function sourcesOf(
  command: Command,
  io: CliIo,
  fields: readonly Field[],
): { sources: SettingSources; problems: string[] } {
  const globals = command.optsWithGlobals<{ config?: string }>();
  const file = readConfigFile(globals.config ?? io.env['DANMAKU_CONFIG'], [
    ...allFields().values(),
  ]);
  return {
    sources: { env: io.env, file, flags: flagsOf(command, fields) },
    problems: [...file.problems, ...strayArguments(command)],
  };
}

/**
 * Commands that take settings accept unknown options (commander would stop at the first one) so
 * that an unknown flag is reported together with every other problem.
 */
export function strayArguments(command: Command): string[] {
  const declared = command.registeredArguments;
  if (declared.at(-1)?.variadic === true) return [];
  return command.args
    .slice(declared.length)
    .map((arg) => (arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument "${arg}"`));
}

/** Prints every problem at once; returns exit code 2. */
export function reportProblems(io: CliIo, problems: readonly string[]): number {
  const list = problems.map((problem) => `  - ${problem}`).join('\n');
  io.err(`danmaku: invalid configuration (precedence: ${PRECEDENCE}):\n${list}\n`);
  return 2;
}

// Node's names for a server certificate that no trusted CA signed. "self-signed certificate in
// certificate chain" reads as if the server were misconfigured when sslrootcert is the wrong CA.
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** An error as one line to print, with a hint for a TLS certificate no trusted CA signed. */
export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code)
    ? `${error.message} (TLS: no trusted CA signed the server's certificate; sslrootcert names the CA to trust)`
    : error.message;
}
