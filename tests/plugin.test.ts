import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const ruleNames = Object.keys(plugin.rules);
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

describe('the plugin object', () => {
  it('names itself after the package', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'abort-signal' });
  });

  it.each(ruleNames)('%s has a test file, a doc page and type-aware meta', (name) => {
    const rule = plugin.rules[name as keyof typeof plugin.rules];
    expect(fs.existsSync(path.join(root, 'tests', 'rules', `${name}.test.ts`))).toBe(true);
    expect(fs.existsSync(path.join(root, 'docs', 'rules', `${name}.md`))).toBe(true);
    expect(rule.meta.docs?.requiresTypeChecking).toBe(true);
    expect(rule.meta.docs?.description).toMatch(/^(Enforce|Require|Disallow)\b.*[^.]$/);
    expect(['recommended', 'strict']).toContain(rule.meta.docs?.recommended);
  });

  it('lists the rules in src/rules/index.ts in sorted order', () => {
    expect(ruleNames).toEqual([...ruleNames].sort());
  });

  it('builds each config from the rules meta', () => {
    const configs = plugin.configs;
    const expectAt = (level: 'recommended' | 'strict'): string[] =>
      ruleNames
        .filter((name) => {
          const recommended = plugin.rules[name as keyof typeof plugin.rules].meta.docs?.recommended;
          return level === 'strict' ? recommended !== undefined : recommended === 'recommended';
        })
        .map((name) => `abort-signal/${name}`);
    expect(Object.keys(configs.recommended.rules).sort()).toEqual(expectAt('recommended').sort());
    expect(Object.keys(configs.strict.rules).sort()).toEqual(expectAt('strict').sort());
    expect(Object.keys(configs.all.rules).sort()).toEqual(ruleNames.map((name) => `abort-signal/${name}`).sort());
    for (const [level, config] of Object.entries(configs)) {
      expect(config.name).toBe(`abort-signal/${level}`);
      expect(config.plugins['abort-signal']).toBe(plugin);
    }
  });

  it('rejects invalid options with a readable message', async () => {
    const { Linter } = await import('eslint');
    const linter = new Linter();
    expect(() =>
      linter.verify('x', [
        { plugins: { 'abort-signal': plugin as never }, rules: { 'abort-signal/require-signal': ['error', { checkWithoutSignal: 'sometimes' }] } },
      ]),
    ).toThrow(/Value "sometimes" should be equal to one of the allowed values/);
    expect(() =>
      linter.verify('x', [
        { plugins: { 'abort-signal': plugin as never }, rules: { 'abort-signal/require-signal': ['error', { allowCallees: [] }] } },
      ]),
    ).toThrow(/Unexpected property "allowCallees"/);
  });

  it('fails with a projectService hint when a file has no type information', async () => {
    const { Linter } = await import('eslint');
    const linter = new Linter();
    expect(() =>
      linter.verify('fetch("/a");', [
        { plugins: { 'abort-signal': plugin as never }, rules: { 'abort-signal/require-signal': 'error' } },
      ]),
    ).toThrow(/projectService/);
  });
});
