// The "naive" subject: what a first working attempt looks like. It frames correctly (keeps a tail
// between chunks) but concatenates buffers, decodes every body and parses with split/replace.

export class NaiveFramer {
  private pending = Buffer.alloc(0);

  /** Calls `onBody` with each complete body as a string. */
  push(chunk: Buffer, onBody: (body: string) => void): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32LE(0);
      if (this.pending.length < length + 4) return;
      onBody(this.pending.toString('utf8', 12, length + 3));
      this.pending = this.pending.subarray(length + 4);
    }
  }
}

const unescape = (s: string): string => s.replace(/@S/g, '/').replace(/@A/g, '@');

export function naiveParse(body: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const item of body.split('/')) {
    if (item === '') continue;
    const [key = '', value = ''] = item.split('@=');
    record[unescape(key)] = unescape(value);
  }
  return record;
}

export function naivePeekType(body: string): string | undefined {
  const item = body.split('/').find((i) => i.startsWith('type@='));
  return item === undefined ? undefined : unescape(item.slice(6));
}
