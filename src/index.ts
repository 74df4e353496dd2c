import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';

import { rules } from './rules/index.js';

const require = createRequire(import.meta.url);
const { name, version } = require('../package.json') as { name: string; version: string };

type RuleName = keyof typeof rules;
type Level = 'recommended' | 'strict' | 'all';

const namespace = 'abort-signal';

function pick(level: Level): Record<string, TSESLint.Linter.RuleLevel> {
  const enabled: Record<string, TSESLint.Linter.RuleLevel> = {};
  for (const [ruleName, rule] of Object.entries(rules) as [RuleName, (typeof rules)[RuleName]][]) {
    const recommended = rule.meta.docs?.recommended;
    const include =
      level === 'all' ||
      recommended === 'recommended' ||
      (level === 'strict' && recommended === 'strict');
    if (include) enabled[`${namespace}/${ruleName}`] = 'error';
  }
  return enabled;
}

interface FlatConfig {
  name: string;
  plugins: Record<string, unknown>;
  rules: Record<string, TSESLint.Linter.RuleLevel>;
}

const plugin = {
  meta: { name, version, namespace },
  rules,
  configs: {} as { recommended: FlatConfig; strict: FlatConfig; all: FlatConfig },
};

for (const level of ['recommended', 'strict', 'all'] as const) {
  plugin.configs[level] = { name: `${namespace}/${level}`, plugins: { [namespace]: plugin }, rules: pick(level) };
}

export default plugin;
