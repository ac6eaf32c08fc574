import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REAL_TEMPLATES } from './real-templates.js';

const SAMPLES = readFileSync(
  new URL('../../../fixtures/douyu/samples.txt', import.meta.url),
  'utf8',
).split('\n');

describe('REAL_TEMPLATES', () => {
  it('are verbatim lines of the real captured samples', () => {
    for (const [type, bodies] of Object.entries(REAL_TEMPLATES)) {
      for (const body of bodies) {
        expect(SAMPLES, type).toContain(body);
        expect(body).toContain(`type@=${type}/`);
      }
    }
  });
});
