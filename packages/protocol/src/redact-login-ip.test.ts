import { describe, expect, it } from 'vitest';
import { redactLoginIp } from './redact-login-ip.js';

const redact = (s: string): string => redactLoginIp(Buffer.from(s)).toString();

describe('redactLoginIp', () => {
  it('removes only the ip pair', () => {
    expect(redact('type@=loginres/userid@=0/ip@=192.0.2.2/rn@=0/')).toBe(
      'type@=loginres/userid@=0/rn@=0/',
    );
    expect(redact('type@=loginres/ip@=192.0.2.2/')).toBe('type@=loginres/');
  });

  it('removes every ip pair, also the first pair of the body', () => {
    expect(redact('type@=loginres/ip@=192.0.2.2/rn@=0/ip@=192.0.2.3/x@=1/')).toBe(
      'type@=loginres/rn@=0/x@=1/',
    );
    expect(redact('ip@=192.0.2.2/type@=loginres/')).toBe('type@=loginres/');
    expect(redact('type@=loginres/ip@=192.0.2.2/ip@=192.0.2.3/')).toBe('type@=loginres/');
  });

  it('keeps keys that merely end in ip, values that contain ip@=, and bodies without an ip', () => {
    expect(redact('type@=loginres/vip@=1/')).toBe('type@=loginres/vip@=1/');
    expect(redact('type@=loginres/note@=vip@=1/')).toBe('type@=loginres/note@=vip@=1/');
    const body = Buffer.from('type@=loginres/userid@=0/');
    expect(redactLoginIp(body)).toBe(body);
  });

  it('handles an unterminated last pair', () => {
    expect(redact('type@=loginres/ip@=192.0.2.2')).toBe('type@=loginres');
    expect(redact('type@=loginres/ip@=192.0.2.2/ip@=192.0.2.3')).toBe('type@=loginres');
  });

  it('leaves no client address in any real loginres sample', async () => {
    const { loadSamples } = await import('./samples.fixture.js');
    const logins = loadSamples().filter((s) => s.body.startsWith('type@=loginres/'));
    expect(logins.length).toBeGreaterThan(0);
    for (const { body } of logins) {
      expect(redact(body)).not.toMatch(/(^|\/)ip@=/);
      expect(redact(body)).toBe(body.replace(/(^|\/)ip@=[^/]*\//g, '$1'));
    }
  });
});
