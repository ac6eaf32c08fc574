import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';

describe('ConfigError', () => {
  it('lists every problem in its message', () => {
    const error = new ConfigError(['A: bad', 'B: worse'], 'writer');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual(['A: bad', 'B: worse']);
    expect(error.message).toBe('invalid writer configuration:\n  - A: bad\n  - B: worse');
  });
});
