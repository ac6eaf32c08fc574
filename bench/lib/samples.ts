import { readFileSync } from 'node:fs';

const SAMPLES_URL = new URL('../../fixtures/douyu/samples.txt', import.meta.url);

/** The real captured Douyu bodies (fixtures/douyu/samples.txt), comments and blank lines dropped. */
export function loadSampleBodies(): string[] {
  return readFileSync(SAMPLES_URL, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}
