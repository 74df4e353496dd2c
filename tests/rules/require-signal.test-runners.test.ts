import rule from '../../src/rules/require-signal.js';
import { createTypedTester } from '../tester.js';

/** Test runners offer each test a signal; only a test that declares it is asked to use it. */
const ruleTester = createTypedTester('node');

ruleTester.run('require-signal in tests', rule, {
  valid: [
    // vitest offers `{ signal }` to a test that does not declare it: test code is not request code.
    "import { expect, test } from 'vitest';\ntest('fetches', async () => {\n  expect((await fetch('https://example.com')).ok).toBe(true);\n});",
    "import { beforeEach, describe, it } from 'vitest';\ndescribe('api', () => {\n  beforeEach(async () => { await fetch('https://example.com/reset'); });\n  it('fetches', async () => { await fetch('https://example.com'); });\n});",
    // So does node:test, to a test that does not declare its context `t`.
    "import { test } from 'node:test';\ntest('fetches', async () => { await fetch('https://example.com'); });",
  ],
  invalid: [
    {
      // A test that declares vitest's signal means to use it.
      code: "import { test } from 'vitest';\ntest('fetches', async ({ signal }) => { await fetch('https://example.com'); });",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' }, line: 2, column: 47, endLine: 2, endColumn: 75 }],
      output: "import { test } from 'vitest';\ntest('fetches', async ({ signal }) => { await fetch('https://example.com', { signal }); });",
    },
    {
      // node:test's context, declared as `t`.
      code: "import { test } from 'node:test';\ntest('fetches', async (t) => { await fetch('https://example.com'); });",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 't.signal' }, line: 2, column: 38, endLine: 2, endColumn: 66 }],
      output: "import { test } from 'node:test';\ntest('fetches', async (t) => { await fetch('https://example.com', { signal: t.signal }); });",
    },
    {
      // A framework that is not a test runner still offers its signal.
      code: "declare function handle(callback: (context: { signal: AbortSignal }) => Promise<void>): void;\nhandle(async () => { await fetch('https://example.com'); });",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' }, line: 2, column: 28, endLine: 2, endColumn: 56 }],
      output: "declare function handle(callback: (context: { signal: AbortSignal }) => Promise<void>): void;\nhandle(async ({ signal }) => { await fetch('https://example.com', { signal }); });",
    },
  ],
});
