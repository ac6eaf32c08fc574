import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSamples, SAMPLES_URL } from './samples.fixture.js';

// The copy in fixtures/douyu must stay byte-identical to the captured set it was taken from; an
// edit made to get another test green would otherwise go unnoticed.
const CAPTURED_SET_SHA256 = 'cbfb5beddcc98c9f932cf782c1c2feea06ef798f572ca3dd7faac1a261782353';

describe('fixtures/douyu/samples.txt', () => {
  it('is the captured set, byte for byte', () => {
    const digest = createHash('sha256').update(readFileSync(SAMPLES_URL)).digest('hex');
    expect(digest).toBe(CAPTURED_SET_SHA256);
  });

  it('holds the bodies the suites rely on', () => {
    expect(loadSamples().length).toBeGreaterThanOrEqual(72);
  });
});
