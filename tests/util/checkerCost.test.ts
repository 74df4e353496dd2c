import * as path from 'node:path';

import type { ParserServicesWithTypeInformation, TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { fixturesDir } from '../tester.js';

/**
 * Counts the type-checker calls the plugin's rules make on a file (of one
 * method only, if given), by wrapping the checker's methods before the rules
 * traverse it.
 */
function countCheckerCalls(code: string, rules: string[] = Object.keys(plugin.rules), method?: keyof ts.TypeChecker): number {
  let calls = 0;
  const wrapped = new WeakSet<ts.TypeChecker>();
  const counter: TSESLint.RuleModule<'x'> = {
    meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        Program() {
          const checker = (context.sourceCode.parserServices as ParserServicesWithTypeInformation).program.getTypeChecker();
          if (wrapped.has(checker)) return;
          wrapped.add(checker);
          for (const key of Object.keys(checker) as (keyof ts.TypeChecker)[]) {
            const original = checker[key];
            if (typeof original !== 'function') continue;
            (checker as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
              if (method === undefined || key === method) calls++;
              return (original as (...a: unknown[]) => unknown).apply(checker, args);
            };
          }
        },
      };
    },
  };
  const fixture = path.join(fixturesDir, 'dom');
  const ruleLevels: Linter.RulesRecord = { 'cost/count': 'error' };
  for (const rule of rules) ruleLevels[`abort-signal/${rule}`] = 'error';
  new Linter().verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: fixture } },
        plugins: { cost: { rules: { count: counter as never } }, 'abort-signal': plugin as never },
        rules: ruleLevels,
      },
    ],
    { filename: path.join(fixture, 'file.ts') },
  );
  return calls;
}

describe('cost on the type checker', () => {
  it('asks nothing of code without calls, loops or try blocks', () => {
    expect(countCheckerCalls('export const a = 1;\nexport function f(x: number) { return x + 1; }\nexport class C { y = 2; }')).toBe(0);
  });

  it('no-never-aborting-signal and no-unlinked-timeout ask nothing of calls given a real signal', () => {
    const code = [
      'declare function summarize(text: string, signal: AbortSignal): Promise<string>;',
      'export async function handle(request: Request, signal: AbortSignal) {',
      '  const controller = new AbortController();',
      "  signal.addEventListener('abort', () => controller.abort(), { once: true });",
      "  await fetch('/a', { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });",
      "  await fetch('/b', { method: 'POST', signal: request.signal });",
      "  await summarize('text', controller.signal);",
      '  return JSON.stringify({ ok: true }, null, 2);',
      '}',
    ].join('\n');
    expect(countCheckerCalls(code, ['no-never-aborting-signal', 'no-unlinked-timeout'])).toBe(0);
  });

  /** Checker calls of require-signal for ten calls `g(argument)` (or `new g(argument)`), less those for one. */
  const perNineCalls = (declaration: string, argument: string, call = 'g'): number => {
    const one = countCheckerCalls(`${declaration}\nexport const a = ${call}(${argument});`, ['require-signal']);
    const ten = countCheckerCalls(
      `${declaration}\n${Array.from({ length: 10 }, (_, i) => `export const a${String(i)} = ${call}(${argument});`).join('\n')}`,
      ['require-signal'],
    );
    return ten - one;
  };

  // Every call costs its resolved signature and that signature's return type, both read
  // from the checker's cache after type-checking; the declarations are read once each.
  it('require-signal asks two questions per call whose parameters are plainly typed', () => {
    // `x: number` is read from the syntax, once per declaration.
    expect(perNineCalls('declare function g(x: number): Promise<number>;', '1')).toBe(9 * 2);
  });

  it('require-signal asks two questions per call to a callee that takes no signal', () => {
    // Whether `Options` can carry a signal is asked once per declaration.
    expect(perNineCalls('interface Options { retries?: number }\ndeclare function g(o: Options): Promise<number>;', '{}')).toBe(9 * 2);
  });

  it('require-signal asks two questions per call that can take a signal but returns no work', () => {
    // The return type's flags (`number`) drop the call before its declaration is read.
    const declaration = 'interface Options { signal?: AbortSignal }\ndeclare function g(o: Options): number;';
    expect(perNineCalls(declaration, '{}')).toBe(9 * 2);
    expect(countCheckerCalls(`${declaration}\nexport const a = g({});`, ['require-signal'], 'getSymbolAtLocation')).toBe(0);
  });

  it('require-signal asks two questions per construction of an object that is no promise', () => {
    // Whether `Client` is a promise is asked once per type, before its options are read.
    const declaration = 'interface Options { signal?: AbortSignal }\nexport class Client { constructor(readonly options: Options) {} }';
    expect(perNineCalls(declaration, '{}', 'new Client')).toBe(9 * 2);
    // The constructor's `Options` is never resolved.
    const code = `${declaration}\nexport const client = new Client({});`;
    expect(countCheckerCalls(code, ['require-signal'], 'getSymbolAtLocation')).toBe(0);
  });
});
