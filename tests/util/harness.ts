import * as path from 'node:path';

import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import type ts from 'typescript';
import tseslint from 'typescript-eslint';

import { fixturesDir, type Fixture } from '../tester.js';

export interface Analysis {
  readonly services: ParserServicesWithTypeInformation;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** Every node of a type, in source order. */
  readonly nodes: Map<string, TSESTree.Node[]>;
}

const linter = new Linter();

/**
 * Parses `code` as `file.ts` of a fixture project, with type information,
 * and hands the parser services and the nodes to `inspect`.
 *
 * @example analyze('fetch("/a")', 'dom', ({ nodes }) => nodes.get('CallExpression'))
 */
export function analyze<T>(code: string, fixture: Fixture, inspect: (analysis: Analysis) => T): T {
  let result: { value: T } | undefined;
  const nodes = new Map<string, TSESTree.Node[]>();
  const rule: TSESLint.RuleModule<'x'> = {
    meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        '*'(node: TSESTree.Node) {
          const list = nodes.get(node.type) ?? [];
          list.push(node);
          nodes.set(node.type, list);
        },
        'Program:exit'() {
          const services = context.sourceCode.parserServices as ParserServicesWithTypeInformation;
          result = { value: inspect({ services, sourceCode: context.sourceCode, nodes }) };
        },
      };
    },
  };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: path.join(fixturesDir, fixture) },
        },
        plugins: { test: { rules: { inspect: rule as never } } },
        rules: { 'test/inspect': 'error' },
      },
    ],
    { filename: path.join(fixturesDir, fixture, 'file.ts') },
  );
  const fatal = messages.find((message) => message.fatal === true);
  if (fatal !== undefined) throw new Error(fatal.message);
  if (result === undefined) throw new Error('the inspect rule did not run');
  return result.value;
}

/** The `index`-th node of a type. */
export function nth<T extends TSESTree.Node>(analysis: Analysis, type: T['type'], index = 0): T {
  const node = analysis.nodes.get(type)?.[index];
  if (node === undefined) throw new Error(`no ${type} #${String(index)}`);
  return node as T;
}

/**
 * A view of the checker that passes every call on, and records each call of the
 * named methods as what `describe` makes of its first argument.
 */
export function recordCalls(
  checker: ts.TypeChecker,
  methods: readonly (keyof ts.TypeChecker)[],
  calls: string[],
  describe: (argument: never, method: string) => string = (_argument, method) => method,
): ts.TypeChecker {
  return new Proxy(checker, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (!methods.includes(key as keyof ts.TypeChecker) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(describe(args[0] as never, String(key)));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
