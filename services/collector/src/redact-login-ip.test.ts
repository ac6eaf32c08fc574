import { describe, expect, it } from 'vitest';
import { redactLoginIp } from './redact-login-ip';

const redact = (s: string): string => redactLoginIp(Buffer.from(s)).toString();

describe('redactLoginIp', () => {
  it('removes only the ip pair', () => {
    expect(redact('type@=loginres/userid@=0/ip@=192.0.2.2/rn@=0/')).toBe(
      'type@=loginres/userid@=0/rn@=0/',
    );
    expect(redact('type@=loginres/ip@=192.0.2.2/')).toBe('type@=loginres/');
  });

  it('keeps keys that merely end in ip, and bodies without an ip', () => {
    expect(redact('type@=loginres/vip@=1/')).toBe('type@=loginres/vip@=1/');
    const body = Buffer.from('type@=loginres/userid@=0/');
    expect(redactLoginIp(body)).toBe(body);
  });

  it('handles an unterminated last pair', () => {
    expect(redact('type@=loginres/ip@=192.0.2.2')).toBe('type@=loginres');
  });
});
