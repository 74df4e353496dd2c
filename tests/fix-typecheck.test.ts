import * as fs from 'node:fs';
import * as path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { fixturesDir } from './tester.js';

/**
 * Fixes must never break the build: lint a copy of `fixtures/fixable` with
 * every rule, apply the autofixes (and, separately, every suggestion), and
 * require that the copy type-checks with no diagnostic it did not have before.
 */
const source = path.join(fixturesDir, 'fixable');

function copyFixture(name: string): string {
  const target = path.join(fixturesDir, `.fixed-${name}-${String(process.pid)}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true });
  return target;
}

function diagnostics(dir: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  if (config === undefined) throw new Error(`cannot read ${dir}/tsconfig.json`);
  const program = ts.createProgram(config.fileNames, config.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const file = d.file !== undefined ? path.basename(d.file.fileName) : '';
    return `${file} TS${String(d.code)} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

function createESLint(dir: string, fix: boolean): ESLint {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: dir },
      },
    },
    plugin.configs.all as unknown as Linter.Config,
  ];
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, fix });
}

/** Applies every suggestion whose range does not overlap an earlier one. */
function applySuggestions(text: string, messages: Linter.LintMessage[]): { text: string; applied: number } {
  const fixes = messages
    .flatMap((message) => (message.suggestions ?? []).slice(0, 1).map((suggestion) => suggestion.fix))
    .sort((a, b) => a.range[0] - b.range[0]);
  let output = '';
  let last = 0;
  let applied = 0;
  for (const fix of fixes) {
    if (fix.range[0] < last) continue;
    output += text.slice(last, fix.range[0]) + fix.text;
    last = fix.range[1];
    applied++;
  }
  return { text: output + text.slice(last), applied };
}

describe('fixes keep the build green', () => {
  const dirs: string[] = [];
  let before: string[];

  beforeAll(() => {
    before = diagnostics(source);
  });

  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the fixture type-checks before any fix', () => {
    expect(before).toEqual([]);
  });

  it('autofixes add no type error and are idempotent', async () => {
    const dir = copyFixture('auto');
    dirs.push(dir);
    const first = await createESLint(dir, true).lintFiles(['*.ts']);
    await ESLint.outputFixes(first);
    const fixedFiles = first.filter((result) => result.output !== undefined);
    expect(fixedFiles.length).toBeGreaterThan(0);
    expect(diagnostics(dir)).toEqual(before);
    const second = await createESLint(dir, true).lintFiles(['*.ts']);
    expect(second.filter((result) => result.output !== undefined).map((r) => r.filePath)).toEqual([]);
  });

  it('suggestions add no type error', async () => {
    const dir = copyFixture('suggest');
    dirs.push(dir);
    const results = await createESLint(dir, false).lintFiles(['*.ts']);
    let total = 0;
    for (const result of results) {
      const text = fs.readFileSync(result.filePath, 'utf8');
      const { text: output, applied } = applySuggestions(text, result.messages);
      total += applied;
      fs.writeFileSync(result.filePath, output);
    }
    expect(total).toBeGreaterThan(0);
    expect(diagnostics(dir)).toEqual(before);
  });
});
