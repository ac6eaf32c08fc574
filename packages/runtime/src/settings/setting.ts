import type { z } from 'zod';

/** One row of a settings table as a service declares it; the key is the row's name. */
export interface SettingSpec<S extends z.ZodType = z.ZodType> {
  env: string;
  schema: S;
  help: string;
  /** Default: the key in kebab-case (`kafkaBrokers` → `--kafka-brokers`). */
  flag?: string;
  /** Markdown for the default column when the schema's default is not what a reader should see. */
  shownDefault?: string;
}

export type SettingSpecs = Record<string, SettingSpec>;

/**
 * One setting: camelCase key (config file), `--flag`, environment variable, default, help, zod
 * parser, and the components or commands that read it.
 */
export interface Setting {
  readonly key: string;
  readonly env: string;
  readonly flag: string;
  readonly help: string;
  readonly schema: z.ZodType;
  /** Markdown of the default; empty when there is none. */
  readonly shownDefault: string;
  readonly usedBy: readonly string[];
}

/** The rows of a table, in declaration order. */
export function settingRows(specs: SettingSpecs, usedBy: readonly string[]): Setting[] {
  return Object.entries(specs).map(([key, spec]) => ({
    key,
    env: spec.env,
    flag: spec.flag ?? toKebab(key),
    help: spec.help,
    schema: spec.schema,
    shownDefault: spec.shownDefault ?? describeDefault(spec.schema),
    usedBy,
  }));
}

/** The object schema of a table, typed by its rows. */
export type SettingsShape<T extends SettingSpecs> = { [K in keyof T]: T[K]['schema'] };

export function shapeOf<T extends SettingSpecs>(specs: T): SettingsShape<T> {
  return Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => [key, spec.schema]),
  ) as SettingsShape<T>;
}

export function toKebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function describeDefault(schema: z.ZodType): string {
  const parsed = schema.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '';
  const value: unknown = parsed.data;
  if (Array.isArray(value)) return value.length === 0 ? '' : `\`${value.join(',')}\``;
  return `\`${String(value)}\``;
}
