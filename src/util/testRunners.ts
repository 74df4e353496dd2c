import ts from 'typescript';

import { getPackageName } from './aiModules.js';

/**
 * Test runners that offer each test a signal (vitest's `({ signal })`,
 * node:test's `t.signal`) or may one day: packages, and the ambient modules
 * `@types/node` declares. Test code is not request code, so a signal such a
 * runner offers to a callback that does not declare it is not a source.
 */
export const TEST_RUNNER_PACKAGES: ReadonlySet<string> = new Set([
  'vitest',
  '@vitest/runner',
  'jest',
  '@jest/globals',
  '@jest/types',
  '@types/jest',
  'bun-types',
  '@types/bun',
  'mocha',
  '@types/mocha',
  'ava',
]);
const TEST_RUNNER_MODULES: ReadonlySet<string> = new Set(['node:test']);

const cache = new WeakMap<ts.Node, boolean>();

/**
 * Is `declaration` (a parameter or signature of a callback's contextual type)
 * declared by a test runner?
 *
 * @example isTestRunnerDeclaration(signature.declaration) // `TestFunction` of @vitest/runner → true
 */
export function isTestRunnerDeclaration(declaration: ts.Node): boolean {
  let result = cache.get(declaration);
  if (result === undefined) {
    result = computeIsTestRunner(declaration);
    cache.set(declaration, result);
  }
  return result;
}

function computeIsTestRunner(declaration: ts.Node): boolean {
  const packageName = getPackageName(declaration.getSourceFile().fileName);
  if (packageName !== undefined && TEST_RUNNER_PACKAGES.has(packageName)) return true;
  // `declare module 'node:test' { … }` in @types/node.
  const module = ts.findAncestor(declaration, (node) => ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name));
  return module !== undefined && TEST_RUNNER_MODULES.has((module as ts.ModuleDeclaration).name.text);
}
