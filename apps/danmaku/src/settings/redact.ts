const SECRET_PARAM = /pass|secret|token/i;

/**
 * Replaces the password of a URL (`postgres://user:secret@host/db` → `user:***@`), and of query
 * parameters such as `?password=` (node-postgres reads those too).
 */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    let changed = false;
    if (url.password !== '') {
      url.password = '***';
      changed = true;
    }
    for (const name of [...url.searchParams.keys()]) {
      if (SECRET_PARAM.test(name)) {
        url.searchParams.set(name, '***');
        changed = true;
      }
    }
    return changed ? url.toString() : value;
  } catch {
    return value
      .replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@')
      .replace(/([?&][^=&\s]*(?:pass|secret|token)[^=&\s]*=)[^&\s]*/gi, '$1***');
  }
}

/** Settings whose values may carry a password (a file's path is no secret: KAFKA_SASL_PASSWORD_FILE). */
export function isSecretKey(key: string): boolean {
  return /url$/i.test(key) || (/password|secret|token/i.test(key) && !/File$/.test(key));
}

/** A setting's value as safe to print. */
export function displayValue(key: string, value: unknown): string {
  if (value === undefined) return '(unset)';
  if (Array.isArray(value) && value.length === 0) return '(none)';
  const text = Array.isArray(value) ? value.map(scalarText).join(',') : scalarText(value);
  if (!isSecretKey(key)) return text;
  return /password|secret|token/i.test(key) ? '***' : redactUrl(text);
}

function scalarText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : `${value as string}`;
}
