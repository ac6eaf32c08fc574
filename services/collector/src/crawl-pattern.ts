import { CronExpressionParser } from 'cron-parser';

export type CrawlPatternCheck = { ok: true; nextRuns: Date[] } | { ok: false; problems: string[] };

/**
 * Checks a crawl schedule's cron pattern and IANA time zone the way BullMQ will read them (it
 * parses patterns with cron-parser), so a bad one is refused before Redis is reached; on success
 * gives the next `count` runs after `from`.
 */
export function checkCrawlPattern(
  pattern: string,
  tz: string,
  from: Date = new Date(),
  count = 3,
): CrawlPatternCheck {
  const problems: string[] = [];
  if (!isTimeZone(tz))
    problems.push(`--tz: "${tz}" is no IANA time zone (e.g. UTC, Asia/Shanghai)`);
  const fields = pattern.trim().split(/\s+/).length;
  if (fields < 5 || fields > 6) problems.push(`--cron: expected 5 or 6 fields, got ${fields}`);
  if (problems.length > 0) return { ok: false, problems };
  try {
    const interval = CronExpressionParser.parse(pattern, { tz, currentDate: from, strict: false });
    const nextRuns = Array.from({ length: count }, () => interval.next().toDate());
    return { ok: true, nextRuns };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`--cron: "${pattern}": ${message}`] };
  }
}

function isTimeZone(tz: string): boolean {
  if (tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
