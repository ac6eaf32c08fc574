// The alert rules of deploy/prometheus/alerts.yml: promtool checks them and runs their unit
// tests (deploy/prometheus/alerts.test.yml), and every alert must have a case that fires it
// and a case with series that do not, so an alert added without tests fails here. Needs
// Debian's promtool (installed by .ci/run); without it the suite is skipped, except in CI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from './cli-support.js';
import { promtool } from './prometheus-support.js';
import { describeWithTools } from './support/index.js';

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface RuleTest {
  name?: string;
  input_series?: Array<{ series: string; values: string }>;
  alert_rule_test?: Array<{ alertname: string; eval_time: string; exp_alerts?: unknown[] }>;
}

const RULES = join(REPO_ROOT, 'deploy/prometheus/alerts.yml');
const RULE_TESTS = join(REPO_ROOT, 'deploy/prometheus/alerts.test.yml');
const SEVERITIES = ['critical', 'warning'];

const rules = (
  parse(readFileSync(RULES, 'utf8')) as { groups: Array<{ rules: AlertRule[] }> }
).groups.flatMap((group) => group.rules);
const alerts = rules.filter((rule) => rule.alert !== undefined);
const ruleTests = parse(readFileSync(RULE_TESTS, 'utf8')) as {
  rule_files: string[];
  tests: RuleTest[];
};

/** The alert's cases in the rules tests: firing (alerts expected) and quiet (none expected). */
function casesOf(alertname: string): { firing: string[]; quiet: string[] } {
  const firing: string[] = [];
  const quiet: string[] = [];
  for (const test of ruleTests.tests) {
    // A quiet case needs series to stay quiet on; with no input it proves nothing.
    const hasSeries = (test.input_series ?? []).length > 0;
    for (const check of test.alert_rule_test ?? []) {
      if (check.alertname !== alertname) continue;
      const where = `${test.name ?? '?'} @ ${check.eval_time}`;
      if ((check.exp_alerts ?? []).length > 0) firing.push(where);
      else if (hasSeries) quiet.push(where);
    }
  }
  return { firing, quiet };
}

describeWithTools(['promtool'], [], 'alert rules (promtool)', () => {
  it('promtool check rules accepts deploy/prometheus/alerts.yml', () => {
    const checked = promtool(['check', 'rules', RULES]);
    expect(checked.status, checked.output).toBe(0);
    expect(checked.output).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it('promtool test rules passes deploy/prometheus/alerts.test.yml', () => {
    const tested = promtool(['test', 'rules', RULE_TESTS]);
    expect(tested.status, tested.output).toBe(0);
    expect(tested.output).toContain('SUCCESS');
  });

  it('every quiet case fails when its alert fires on anything (the cases evaluate)', () => {
    // The same rules with each expression replaced by one that is always true, and only the
    // quiet cases: promtool must report every one of them, or a case proves nothing.
    const dir = mkdtempSync(join(tmpdir(), 'danmaku-alerts-'));
    try {
      const mutated = parse(readFileSync(RULES, 'utf8')) as {
        groups: Array<{ rules: AlertRule[] }>;
      };
      for (const group of mutated.groups)
        for (const rule of group.rules) if (rule.alert !== undefined) rule.expr = 'vector(1)';
      writeFileSync(join(dir, 'alerts.yml'), stringify(mutated));
      const quiet = ruleTests.tests
        .map((test) => ({
          ...test,
          alert_rule_test: (test.alert_rule_test ?? []).filter(
            (check) => (check.exp_alerts ?? []).length === 0,
          ),
        }))
        .filter((test) => test.alert_rule_test.length > 0);
      expect(quiet.length).toBeGreaterThanOrEqual(alerts.length);
      writeFileSync(join(dir, 'alerts.test.yml'), stringify({ ...ruleTests, tests: quiet }));
      const tested = promtool(['test', 'rules', join(dir, 'alerts.test.yml')]);
      expect(tested.status, tested.output).not.toBe(0);
      for (const test of quiet) expect(tested.output, test.name).toContain(`name: ${test.name},`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('alert rules (structure)', () => {
  it('has the alerts operators asked for, and the rules tests load that file', () => {
    expect(alerts.map((rule) => rule.alert).sort()).toEqual([
      'DanmakuCollectorDown',
      'DanmakuConsumerLagGrowing',
      'DanmakuCoverageGapOpen',
      'DanmakuDatabaseRetries',
      'DanmakuIngestErrors',
      'DanmakuKafkaSendErrors',
      'DanmakuRecordsDropped',
      'DanmakuRoomSilent',
      'DanmakuWriterDown',
    ]);
    expect(ruleTests.rule_files).toEqual(['alerts.yml']);
  });

  it('every alert has a firing case and a quiet case in the rules tests', () => {
    for (const rule of alerts) {
      const { firing, quiet } = casesOf(rule.alert ?? '');
      expect(firing, `${rule.alert}: a test whose series fire it`).not.toEqual([]);
      expect(quiet, `${rule.alert}: a test with series that do not fire it`).not.toEqual([]);
    }
    // And no test names an alert that does not exist (a renamed alert keeps its tests honest).
    const names = new Set(alerts.map((rule) => rule.alert));
    for (const test of ruleTests.tests)
      for (const check of test.alert_rule_test ?? [])
        expect(names, test.name).toContain(check.alertname);
  });

  it('every alert has a severity, a summary, a description and a runbook anchor', () => {
    for (const rule of alerts) {
      expect(SEVERITIES, rule.alert).toContain(rule.labels?.['severity']);
      expect(rule.annotations?.['summary'], rule.alert).toBeTruthy();
      expect(rule.annotations?.['description'], rule.alert).toBeTruthy();
      expect(rule.annotations?.['runbook_url'], rule.alert).toMatch(
        /^docs\/operations\.md#[a-z0-9]+(-[a-z0-9]+)*$/,
      );
    }
  });

  it("every runbook anchor is a section of the operator's page that names its alert", () => {
    const page = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');
    for (const rule of alerts) {
      const anchor = (rule.annotations?.['runbook_url'] ?? '').split('#')[1] ?? '';
      const start = page.indexOf(`\n### ${anchor}\n`);
      expect(start, `docs/operations.md has no "### ${anchor}"`).toBeGreaterThan(0);
      const next = page.indexOf('\n### ', start + 1);
      const section = page.slice(start, next === -1 ? undefined : next);
      expect(section, anchor).toContain(`\`${rule.alert ?? ''}\``);
    }
  });
});
