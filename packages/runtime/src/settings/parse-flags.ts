export interface ParsedFlags {
  values: Record<string, string>;
  problems: string[];
}

/**
 * `--name=value` or `--name value`, names mapped to config keys. A repeated flag joins its values
 * with commas, so `--rooms 1 --rooms 2` equals `--rooms 1,2`. Problems are collected, not thrown,
 * so they are reported together with schema problems.
 */
export function parseFlags(
  argv: readonly string[],
  flagToKey: ReadonlyMap<string, string>,
): ParsedFlags {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument "${arg}"`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const key = flagToKey.get(name);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) value = argv[++i];
    if (key === undefined) {
      problems.push(`unknown flag --${name}`);
      continue;
    }
    if (value === undefined) {
      problems.push(`--${name} needs a value`);
      continue;
    }
    values[key] = values[key] === undefined ? value : `${values[key]},${value}`;
  }
  return { values, problems };
}
