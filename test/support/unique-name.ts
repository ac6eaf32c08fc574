let counter = 0;
const prefixPattern = /^[a-z][a-z0-9_]{0,29}$/;

/**
 * A name no other test, file or concurrent run uses. Lower-case letters, digits and underscores
 * only, at most 63 characters, so it is valid as a Kafka topic, consumer group, BullMQ queue and an
 * unquoted PostgreSQL identifier.
 */
export function uniqueName(prefix: string): string {
  if (!prefixPattern.test(prefix)) {
    throw new Error(`uniqueName prefix must match ${String(prefixPattern)}, got "${prefix}"`);
  }
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}
