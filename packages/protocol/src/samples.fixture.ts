// Test-only (not exported from index): the real captured bodies in fixtures/douyu/samples.txt (a verbatim copy of the captured bodies).
import { readFileSync } from 'node:fs';

export interface Sample {
  /** 1-based line number in fixtures/douyu/samples.txt, for readable test names. */
  line: number;
  body: string;
}

export const SAMPLES_URL = new URL('../../../fixtures/douyu/samples.txt', import.meta.url);

export function loadSamples(): Sample[] {
  return readFileSync(SAMPLES_URL, 'utf8')
    .split('\n')
    .map((body, i) => ({ line: i + 1, body }))
    .filter(({ body }) => body.length > 0 && !body.startsWith('#'));
}

/** The one sample whose body lacks the trailing '/': its source's decoder cut the frame short. */
export const TRUNCATED_SAMPLE_CID = '0a99327c7fbb495bbfd1f10000000000';

export function sampleWith(samples: Sample[], needle: string): Sample {
  const found = samples.filter((s) => s.body.includes(needle));
  if (found.length !== 1)
    throw new Error(`expected one sample with ${needle}, got ${found.length}`);
  return found[0] as Sample;
}
