import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';
import * as vitest from 'vitest';

RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export type Fixture = 'dom' | 'node' | 'bare';

/**
 * A RuleTester with type information from one fixture project:
 * `dom` (lib.dom's AbortSignal), `node` (@types/node's) or `bare` (neither).
 */
export function createTypedTester(fixture: Fixture, settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: path.join(fixturesDir, fixture),
      },
    },
    ...(settings !== undefined ? { settings } : {}),
  });
}
