import rule from '../../src/rules/require-signal.js';
import { createTypedTester } from '../tester.js';

// Calls the rule leaves alone because of where they run or what they are for
// (bench/FINDINGS.md, FP 3 to FP 7), each with the cases at its edge.

const node = createTypedTester('node');

// FP 3: a timer that bounds a `Promise.race` is a deadline, not work. In a teardown that
// waits (bounded) after aborting, the signal would end the wait at once.
node.run('require-signal: the timer of a Promise.race', rule, {
  valid: [
    `import { setTimeout as sleep } from 'node:timers/promises';
export class Runner {
  readonly signal: AbortSignal;
  #onIdle: (() => void) | null = null;
  constructor(signal: AbortSignal) {
    this.signal = signal;
  }
  async drain(): Promise<void> {
    await Promise.race([new Promise<void>((r) => (this.#onIdle = r)), sleep(5000)]);
  }
}`,
    // With a value to tell the timeout apart, or a `.then` that throws.
    `import { setTimeout as sleep } from 'node:timers/promises';
export async function load(signal: AbortSignal) {
  return Promise.race([fetch('/a', { signal }), sleep(1000, 'timeout' as const)]);
}`,
    `import { setTimeout as sleep } from 'node:timers/promises';
export async function load(signal: AbortSignal) {
  return Promise.race([
    fetch('/a', { signal }),
    sleep(1000).then(() => {
      throw new Error('timeout');
    }),
  ]);
}`,
  ],
  invalid: [
    {
      // The work in the race still needs the signal; a timer outside a race is work.
      code: "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function load(signal: AbortSignal) {\n  await Promise.race([fetch('/a'), sleep(1000)]);\n  await Promise.all([fetch('/b', { signal }), sleep(1000)]);\n}",
      errors: [
        { messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' }, line: 3 },
        { messageId: 'missingSignal', data: { callee: 'sleep', slot: '3rd argument (`signal`)', signal: 'signal' }, line: 4 },
      ],
      output:
        "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function load(signal: AbortSignal) {\n  await Promise.race([fetch('/a', { signal }), sleep(1000)]);\n  await Promise.all([fetch('/b', { signal }), sleep(1000, undefined, { signal })]);\n}",
    },
    {
      // A number first is not enough: this call resolves to a result of its own.
      code: 'declare function page(n: number, options?: { signal?: AbortSignal }): Promise<string[]>;\nexport async function first(signal: AbortSignal) {\n  return Promise.race([page(1), page(2, { signal })]);\n}',
      errors: [{ messageId: 'missingSignal', data: { callee: 'page', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        'declare function page(n: number, options?: { signal?: AbortSignal }): Promise<string[]>;\nexport async function first(signal: AbortSignal) {\n  return Promise.race([page(1, { signal }), page(2, { signal })]);\n}',
    },
  ],
});
