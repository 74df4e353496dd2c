import * as path from 'node:path';

import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect } from 'vitest';

import { fixturesDir } from './tester.js';

/**
 * Lints `code` with one rule, in the Node-only fixture project, and counts the
 * calls that rule makes on the type checker (every checker method, and the
 * parser services' `getTypeAtLocation`). The rule is handed views of its
 * context whose services count; nothing else in the run is counted.
 */
export function countRuleCheckerCalls<MessageIds extends string, Options extends readonly unknown[]>(
  rule: TSESLint.RuleModule<MessageIds, Options>,
  code: string,
): number {
  let calls = 0;
  const counted = {
    meta: rule.meta,
    create(context: Parameters<typeof rule.create>[0]) {
      const services = ESLintUtils.getParserServices(context);
      const checker = services.program.getTypeChecker();
      const countingChecker = new Proxy(checker, {
        get(target, key, receiver) {
          const value: unknown = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const program = new Proxy(services.program, {
        get: (target, key, receiver) =>
          key === 'getTypeChecker' ? () => countingChecker : (Reflect.get(target, key, receiver) as unknown),
      });
      const parserServices = {
        ...services,
        program,
        getTypeAtLocation: (n: TSESTree.Node) => {
          calls++;
          return services.getTypeAtLocation(n);
        },
      };
      // SourceCode and the context are frozen: hand the rule views of them with counting services.
      const sourceCode = Object.create(context.sourceCode, { parserServices: { value: parserServices } }) as typeof context.sourceCode;
      return rule.create(Object.create(context, { sourceCode: { value: sourceCode } }) as typeof context);
    },
  };
  const fixture = path.join(fixturesDir, 'node');
  const linter = new Linter({ configType: 'flat', cwd: fixture });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: fixture } },
        plugins: { counted: { rules: { rule: counted } } },
        rules: { 'counted/rule': 'error' },
      },
    ] as never,
    path.join(fixture, 'file.ts'),
  );
  expect(messages.filter((m) => m.fatal === true)).toEqual([]);
  return calls;
}
