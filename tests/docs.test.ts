import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { fixturesDir } from './tester.js';

/**
 * Every `ts` example in a rule's doc is linted with that rule: a block marked
 * only with ❌ must be reported, a block marked only with ✅ must not.
 */
const docsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');
const fixture = path.join(fixturesDir, 'node');

interface Example {
  readonly rule: string;
  readonly kind: 'bad' | 'good';
  readonly code: string;
  readonly index: number;
}

function readExamples(): Example[] {
  const examples: Example[] = [];
  for (const file of fs.readdirSync(docsDir).filter((name) => name.endsWith('.md'))) {
    const rule = file.replace(/\.md$/, '');
    const text = fs.readFileSync(path.join(docsDir, file), 'utf8');
    let index = 0;
    for (const match of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
      const code = match[1] ?? '';
      const bad = code.includes('❌');
      const good = code.includes('✅');
      if (bad !== good) examples.push({ rule, kind: bad ? 'bad' : 'good', code, index: index++ });
    }
  }
  return examples;
}

function createESLint(rule: string): ESLint {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: fixture },
      },
      plugins: { 'abort-signal': plugin as never },
      rules: { [`abort-signal/${rule}`]: 'error' },
    },
  ];
  return new ESLint({ cwd: fixture, overrideConfigFile: true, overrideConfig: config });
}

const examples = readExamples();

describe('rule docs', () => {
  it('have examples', () => {
    expect(new Set(examples.map((example) => example.rule))).toEqual(new Set(Object.keys(plugin.rules)));
  });

  it.each(examples.map((example) => [`${example.rule} example ${String(example.index + 1)} (${example.kind})`, example] as const))(
    '%s',
    async (_name, example) => {
      const [result] = await createESLint(example.rule).lintText(example.code, { filePath: path.join(fixture, 'file.ts') });
      const messages = result?.messages ?? [];
      expect(messages.filter((message) => message.fatal === true)).toEqual([]);
      const reported = messages.filter((message) => message.ruleId === `abort-signal/${example.rule}`);
      if (example.kind === 'bad') expect(reported.length).toBeGreaterThan(0);
      else expect(reported).toEqual([]);
    },
  );
});
