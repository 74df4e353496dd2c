import rule from '../../src/rules/require-signal.js';
import { createTypedTester } from '../tester.js';

const ruleTester = createTypedTester('node');

ruleTester.run('require-signal', rule, {
  valid: ["async function f(signal: AbortSignal) { await fetch('/a', { signal }); }"],
  invalid: [
    {
      code: "async function f(signal: AbortSignal) { await fetch('/a'); }",
      errors: [{ messageId: 'missingSignal' }],
      output: "async function f(signal: AbortSignal) { await fetch('/a', { signal }); }",
    },
    {
      code: `import OpenAI from 'openai';
const openai = new OpenAI();
export async function POST(request: Request) {
  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [] });
  return r;
}`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'openai.chat.completions.create', slot: '2nd argument (`signal`)', signal: 'request.signal' } }],
      output: `import OpenAI from 'openai';
const openai = new OpenAI();
export async function POST(request: Request) {
  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: request.signal });
  return r;
}`,
    },
  ],
});
