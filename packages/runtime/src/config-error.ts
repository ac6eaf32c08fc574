/**
 * Bad configuration, with every problem found (not just the first), so one run shows the
 * operator everything to fix. The CLI prints `problems` and exits 2.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    /** What was being configured, for the message: "collector", "writer". */
    subject = 'the',
  ) {
    super(`invalid ${subject} configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
