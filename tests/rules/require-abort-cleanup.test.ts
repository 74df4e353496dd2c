import * as path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-abort-cleanup.js';
import { countRuleCheckerCalls } from '../checkerCalls.js';
import { createTypedTester, fixturesDir } from '../tester.js';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";

const dom = createTypedTester('dom');
const node = createTypedTester('node');

dom.run('require-abort-cleanup (dom)', rule, {
  valid: [
    // The correct idiom: a deadline combined with the caller's signal, nothing to clean up.
    {
      code: `${OPENAI}export async function answer(question: string, signal: AbortSignal) {
  const completion = await openai.chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: question }] },
    { signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) },
  );
  return completion.choices[0]?.message.content ?? '';
}`,
    },
    // A controller linked by hand, the listener removed in finally.
    {
      code: `${OPENAI}export async function answer(question: string, signal: AbortSignal) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const completion = await openai.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: question }] },
      { signal: controller.signal },
    );
    return completion.choices[0]?.message.content ?? '';
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
    },
    // A timer cleared in finally.
    {
      code: `export async function getJson(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return await response.json();
  } finally {
    clearTimeout(timer);
  }
}`,
    },
    // Timers unrelated to a controller.
    {
      code: `declare function flush(): void;
export async function f() {
  setTimeout(() => flush(), 100);
  const retry = setTimeout(flush, 1_000);
  await fetch('/a');
  return retry;
}`,
    },
    // Cleared by a .finally() handler.
    {
      code: `export function getText(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  return fetch(url, { signal: controller.signal })
    .then((response) => response.text())
    .finally(() => clearTimeout(timer));
}`,
    },
    // Cleared on the success path and in catch.
    {
      code: `export async function get(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    clearTimeout(timer);
    return response.status;
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
}`,
    },
    // Set inside the try, cleared in its finally.
    {
      code: `export async function get(url: string) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    timer = setTimeout(() => controller.abort(), 5_000);
    return (await fetch(url, { signal: controller.signal })).status;
  } finally {
    if (timer) clearTimeout(timer);
  }
}`,
    },
    // The handle is handed over: the caller clears it.
    {
      code: `export function withDeadline(ms: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return { signal: controller.signal, cancel: () => clearTimeout(timer) };
}`,
    },
    // Cleared when another event ends the work: timing unknown here, so no report.
    {
      code: `export async function f(signal: AbortSignal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  signal.addEventListener('abort', () => clearTimeout(timer), { signal: controller.signal });
  try {
    await fetch('/a', { signal: controller.signal });
  } finally {
    controller.abort();
  }
}`,
    },
    // A timer on a field or a module-level controller: not this call's deadline.
    {
      code: `const shutdown = new AbortController();
export class Worker {
  private controller = new AbortController();
  async run() {
    setTimeout(() => this.controller.abort(), 60_000);
    await fetch('/a', { signal: this.controller.signal });
  }
}
export async function drain() {
  setTimeout(() => shutdown.abort(), 10_000);
  await fetch('/drain', { signal: shutdown.signal });
}`,
    },
    // A timer at module level runs once.
    {
      code: `const controller = new AbortController();
setTimeout(() => controller.abort(), 60_000);
export const signal = controller.signal;`,
    },
    // Cleared with nothing in between that could leave early.
    {
      code: `export function f() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10);
  clearTimeout(timer);
  return controller.signal.aborted;
}`,
    },
    // Listeners on signals created by this function do not outlive it.
    {
      code: `export async function f(signal: AbortSignal) {
  const controller = new AbortController();
  controller.signal.addEventListener('abort', () => console.log('stopped'));
  const combined = AbortSignal.any([signal, controller.signal]);
  combined.addEventListener('abort', () => console.log('combined stopped'));
  const deadline = AbortSignal.timeout(1_000);
  deadline.addEventListener('abort', () => console.log('late'));
  await fetch('/a', { signal: combined });
}`,
    },
    // A signal option tied to a local controller aborted in finally.
    {
      code: `export async function f(signal: AbortSignal) {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { signal: controller.signal });
  try {
    await fetch('/a', { signal: controller.signal });
  } finally {
    controller.abort();
  }
}`,
    },
    // Not async, not a promise executor: the work's end is not in this function.
    {
      code: `export function link(signal: AbortSignal, controller: AbortController) {
  signal.addEventListener('abort', () => controller.abort());
}`,
    },
    // Removed by a cleanup function this rule cannot follow.
    {
      code: `export async function f(signal: AbortSignal) {
  const onAbort = () => console.log('aborted');
  signal.addEventListener('abort', onAbort);
  const cleanup = () => signal.removeEventListener('abort', onAbort);
  try {
    await fetch('/a', { signal });
  } finally {
    cleanup();
  }
}`,
    },
    // A promise executor that removes the listener when the promise resolves.
    {
      code: `export function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}`,
    },
    // Not a signal: another EventTarget with an abort event.
    {
      code: `export async function f(request: XMLHttpRequest) {
  request.addEventListener('abort', () => console.log('xhr aborted'));
  await fetch('/a');
}`,
    },
    // any, unknown names, type errors: no crash, no report.
    {
      code: `export async function f(client: any, signal: any) {
  setTimeout(() => client.abort(), 10);
  setTimeout(() => missing.abort(), 10);
  signal.addEventListener('abort', () => {});
  await fetch('/a');
}`,
    },
    // A listener in a constructor ties the object to the signal on purpose.
    {
      code: `export class Session {
  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.close());
  }
  close() {}
}`,
    },
    // Both checks turned off.
    {
      options: [{"checkTimers":false,"checkListeners":false}],
      code: `export async function f(signal: AbortSignal) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 5_000);
  signal.addEventListener('abort', () => controller.abort());
  await fetch('/a', { signal: controller.signal });
}`,
    },
    // The listener serves a stream returned to the caller: the work ends after this function returns.
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function POST(request: Request) {
  const { prompt } = (await request.json()) as { prompt: string };
  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: prompt }] });
  request.signal.addEventListener('abort', () => stream.abort());
  return new Response(stream.toReadableStream());
}`,
    },
    // A promise that only the abort settles: the listener is the end of the work.
    {
      code: `export function aborted(signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}`,
    },
  ],
  invalid: [
    // The classic fetchWithTimeout: cleared only when fetch succeeds.
    {
      code: `export async function getJson(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  const response = await fetch(url, { signal: controller.signal });
  clearTimeout(timer);
  return response.json();
}`,
      errors: [
        {
          messageId: 'timerNotClearedOnEveryPath',
          data: { controller: 'controller' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'clearInFinally',
              data: { timer: 'timer' },
              output: `export async function getJson(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return await response.json();
  } finally {
    clearTimeout(timer);
  }
}`,
            },
          ],
        },
      ],
    },
    // Never cleared (AI SDK).
    {
      code: `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function summarize(text: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  const { text: summary } = await generateText({ model: openai('gpt-4o'), prompt: text, abortSignal: controller.signal });
  return summary;
}`,
      errors: [
        {
          messageId: 'timerNotCleared',
          data: { controller: 'controller' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'clearInFinally',
              data: { timer: 'timer' },
              output: `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function summarize(text: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const { text: summary } = await generateText({ model: openai('gpt-4o'), prompt: text, abortSignal: controller.signal });
    return summary;
  } finally {
    clearTimeout(timer);
  }
}`,
            },
            {
              messageId: 'useTimeoutSignal',
              data: { controller: 'controller', replacement: 'AbortSignal.timeout(30_000)' },
              output: `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function summarize(text: string) {
  const signal = AbortSignal.timeout(30_000);
  const { text: summary } = await generateText({ model: openai('gpt-4o'), prompt: text, abortSignal: signal });
  return summary;
}`,
            },
          ],
        },
      ],
    },
    // Handle never stored, caller's signal in scope (openai).
    {
      code: `${OPENAI}export async function answer(question: string, signal: AbortSignal) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 30_000);
  const completion = await openai.chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: question }] },
    { signal: controller.signal },
  );
  return completion.choices[0]?.message.content ?? '';
}`,
      errors: [
        {
          messageId: 'timerNotStored',
          data: { controller: 'controller' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'useTimeoutSignal',
              data: { controller: 'controller', replacement: 'AbortSignal.any([signal, AbortSignal.timeout(30_000)])' },
              output: `${OPENAI}export async function answer(question: string, signal: AbortSignal) {
  const timeoutSignal = AbortSignal.any([signal, AbortSignal.timeout(30_000)]);
  const completion = await openai.chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: question }] },
    { signal: timeoutSignal },
  );
  return completion.choices[0]?.message.content ?? '';
}`,
            },
          ],
        },
      ],
    },
    // Handle never stored, no other signal: AbortSignal.timeout alone.
    {
      code: `export function deadline(ms: number) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}`,
      errors: [
        {
          messageId: 'timerNotStored',
          data: { controller: 'controller' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'useTimeoutSignal',
              data: { controller: 'controller', replacement: 'AbortSignal.timeout(ms)' },
              output: `export function deadline(ms: number) {
  const signal = AbortSignal.timeout(ms);
  return signal;
}`,
            },
          ],
        },
      ],
    },
    // An early return skips the clear.
    {
      code: `export async function status(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok) return null;
  clearTimeout(timer);
  return response.status;
}`,
      errors: [
        {
          messageId: 'timerNotClearedOnEveryPath',
          data: { controller: 'controller' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'clearInFinally',
              data: { timer: 'timer' },
              output: `export async function status(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) return null;
    return response.status;
  } finally {
    clearTimeout(timer);
  }
}`,
            },
          ],
        },
      ],
    },
    // Cleared in catch only: success leaves it pending.
    {
      code: `export async function status(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return response.status;
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
}`,
      errors: [
        {
          messageId: 'timerNotClearedOnEveryPath',
          data: { controller: 'controller' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'clearInFinally',
              data: { timer: 'timer' },
              output: `export async function status(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    try {
      const response = await fetch(url, { signal: controller.signal });
      return response.status;
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
  } finally {
    clearTimeout(timer);
  }
}`,
            },
          ],
        },
      ],
    },
    // A bound abort, and void: no suggestion when the controller has two timers.
    {
      code: `export async function f() {
  const controller = new AbortController();
  setTimeout(controller.abort.bind(controller), 5_000);
  void setTimeout(() => controller.abort(), 10_000);
  await fetch('/a', { signal: controller.signal });
}`,
      errors: [
        {
          messageId: 'timerNotStored',
          data: { controller: 'controller' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 55,
          suggestions: [],
        },
        {
          messageId: 'timerNotStored',
          data: { controller: 'controller' },
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 52,
          suggestions: [],
        },
      ],
    },
    // Comments and multi-line template literals survive the wrap.
    {
      code: `declare function log(message: string): void;
export async function f(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  // fetch the page
  const response = await fetch(url, { signal: controller.signal }); // may throw
  log(\`fetched
\${url}\`);
  clearTimeout(timer);
}`,
      errors: [
        {
          messageId: 'timerNotClearedOnEveryPath',
          data: { controller: 'controller' },
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'clearInFinally',
              data: { timer: 'timer' },
              output: `declare function log(message: string): void;
export async function f(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    // fetch the page
    const response = await fetch(url, { signal: controller.signal }); // may throw
    log(\`fetched
\${url}\`);
  } finally {
    clearTimeout(timer);
  }
}`,
            },
          ],
        },
      ],
    },
    // Statements on one line: no wrap suggestion, whose layout could not be kept; the timeout one works.
    {
      code: `export async function f(urls: string[]) {
  for (const url of urls) { const controller = new AbortController(); const timer = setTimeout(() => controller.abort(), 1_000); await fetch(url, { signal: controller.signal }); }
}`,
      errors: [
        {
          messageId: 'timerNotCleared',
          data: { controller: 'controller' },
          line: 2,
          column: 85,
          endLine: 2,
          endColumn: 128,
          suggestions: [
            {
              messageId: 'useTimeoutSignal',
              data: { controller: 'controller', replacement: 'AbortSignal.timeout(1_000)' },
              output: `export async function f(urls: string[]) {
  for (const url of urls) { const signal = AbortSignal.timeout(1_000); await fetch(url, { signal }); }
}`,
            },
          ],
        },
      ],
    },
    // A returned stream: finally would stop the deadline before the stream is read, so only the timeout suggestion.
    {
      code: `${OPENAI}export async function stream(question: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  const chunks = await openai.chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: question }], stream: true },
    { signal: controller.signal },
  );
  return chunks;
}`,
      errors: [
        {
          messageId: 'timerNotCleared',
          data: { controller: 'controller' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useTimeoutSignal',
              data: { controller: 'controller', replacement: 'AbortSignal.timeout(60_000)' },
              output: `${OPENAI}export async function stream(question: string) {
  const signal = AbortSignal.timeout(60_000);
  const chunks = await openai.chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: question }], stream: true },
    { signal },
  );
  return chunks;
}`,
            },
          ],
        },
      ],
    },
    // A timer for streamText (AI SDK) never stored.
    {
      code: `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
export function chat(prompt: string) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 60_000);
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: controller.signal });
  return result.toTextStreamResponse();
}`,
      errors: [
        {
          messageId: 'timerNotStored',
          data: { controller: 'controller' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'useTimeoutSignal',
              data: { controller: 'controller', replacement: 'AbortSignal.timeout(60_000)' },
              output: `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
export function chat(prompt: string) {
  const signal = AbortSignal.timeout(60_000);
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: signal });
  return result.toTextStreamResponse();
}`,
            },
          ],
        },
      ],
    },
    // Inline listener on the caller's signal (openai stream).
    {
      code: `${OPENAI}export async function stream(question: string, signal: AbortSignal) {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: question }],
    stream: true,
  });
  signal.addEventListener('abort', () => completion.controller.abort());
  let text = '';
  for await (const chunk of completion) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 72,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'signal', handler: 'onAbort' },
              output: `${OPENAI}export async function stream(question: string, signal: AbortSignal) {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: question }],
    stream: true,
  });
  const onAbort = () => completion.controller.abort();
  signal.addEventListener('abort', onAbort);
  try {
    let text = '';
    for await (const chunk of completion) text += chunk.choices[0]?.delta.content ?? '';
    return text;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    // { once: true } does not count.
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function draft(prompt: string, signal: AbortSignal) {
  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: prompt }] });
  const onAbort = () => stream.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const message = await stream.finalMessage();
  return message.content;
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'signal', handler: 'onAbort' },
              output: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function draft(prompt: string, signal: AbortSignal) {
  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: prompt }] });
  const onAbort = () => stream.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const message = await stream.finalMessage();
    return message.content;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    // Removed only after success.
    {
      code: `declare function runAgent(input: string, options: { signal: AbortSignal }): Promise<string>;
export async function agent(input: string, signal: AbortSignal) {
  const onAbort = () => console.warn('agent cancelled');
  signal.addEventListener('abort', onAbort);
  const output = await runAgent(input, { signal });
  signal.removeEventListener('abort', onAbort);
  return output;
}`,
      errors: [
        {
          messageId: 'listenerNotRemovedOnEveryPath',
          data: { signal: 'signal' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'signal', handler: 'onAbort' },
              output: `declare function runAgent(input: string, options: { signal: AbortSignal }): Promise<string>;
export async function agent(input: string, signal: AbortSignal) {
  const onAbort = () => console.warn('agent cancelled');
  signal.addEventListener('abort', onAbort);
  try {
    const output = await runAgent(input, { signal });
    return output;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    // A service called many times per request with the request's signal.
    {
      code: `${OPENAI}export async function classify(text: string, options: { signal: AbortSignal }) {
  const controller = new AbortController();
  options.signal.addEventListener('abort', () => controller.abort());
  const completion = await openai.chat.completions.create(
    { model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] },
    { signal: controller.signal },
  );
  return completion.choices[0]?.message.content ?? 'unknown';
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'options.signal' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 69,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'options.signal', handler: 'onAbort' },
              output: `${OPENAI}export async function classify(text: string, options: { signal: AbortSignal }) {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal.addEventListener('abort', onAbort);
  try {
    const completion = await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] },
      { signal: controller.signal },
    );
    return completion.choices[0]?.message.content ?? 'unknown';
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    // A module-level shutdown signal, one listener per job.
    {
      code: `const shutdown = new AbortController();
declare function embed(text: string, signal: AbortSignal): Promise<number[]>;
export async function indexPage(text: string) {
  const onShutdown = () => console.warn('shutting down during indexing');
  shutdown.signal.addEventListener('abort', onShutdown);
  return await embed(text, shutdown.signal);
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'shutdown.signal' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'shutdown.signal', handler: 'onShutdown' },
              output: `const shutdown = new AbortController();
declare function embed(text: string, signal: AbortSignal): Promise<number[]>;
export async function indexPage(text: string) {
  const onShutdown = () => console.warn('shutting down during indexing');
  shutdown.signal.addEventListener('abort', onShutdown);
  try {
    return await embed(text, shutdown.signal);
  } finally {
    shutdown.signal.removeEventListener('abort', onShutdown);
  }
}`,
            },
          ],
        },
      ],
    },
    // A field signal in a method.
    {
      code: `export class Indexer {
  constructor(private readonly signal: AbortSignal) {}
  async index(url: string) {
    this.signal.addEventListener('abort', () => console.warn('stopped', url));
    await fetch(url, { signal: this.signal });
  }
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'this.signal' },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 78,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'this.signal', handler: 'onAbort' },
              output: `export class Indexer {
  constructor(private readonly signal: AbortSignal) {}
  async index(url: string) {
    const onAbort = () => console.warn('stopped', url);
    this.signal.addEventListener('abort', onAbort);
    try {
      await fetch(url, { signal: this.signal });
    } finally {
      this.signal.removeEventListener('abort', onAbort);
    }
  }
}`,
            },
          ],
        },
      ],
    },
    // A listener on AbortSignal.any over outer signals only: kept alive as long as they are.
    {
      code: `const shutdown = new AbortController();
export async function job(signal: AbortSignal) {
  const combined = AbortSignal.any([signal, shutdown.signal]);
  const onAbort = () => console.warn('job stopped', combined.reason);
  combined.addEventListener('abort', onAbort);
  await fetch('/a', { signal: combined });
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'combined' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'combined', handler: 'onAbort' },
              output: `const shutdown = new AbortController();
export async function job(signal: AbortSignal) {
  const combined = AbortSignal.any([signal, shutdown.signal]);
  const onAbort = () => console.warn('job stopped', combined.reason);
  combined.addEventListener('abort', onAbort);
  try {
    await fetch('/a', { signal: combined });
  } finally {
    combined.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
    // The classic abortable sleep leaks one listener per call.
    {
      code: `export function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 4,
          column: 5,
          endLine: 7,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    // A signal option whose controller is never aborted removes nothing.
    {
      code: `export async function f(signal: AbortSignal) {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { signal: controller.signal });
  await fetch('/a', { signal: controller.signal });
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 92,
          suggestions: [],
        },
      ],
    },
    // A handler with an untyped parameter cannot be named without a type error: no suggestion.
    {
      code: `export async function f(signal: AbortSignal) {
  signal.addEventListener('abort', (event) => console.log(event.type));
  await fetch('/a', { signal });
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 71,
          suggestions: [],
        },
      ],
    },
    // Parameter destructured, optional chaining.
    {
      code: `export async function f({ signal }: { signal?: AbortSignal }) {
  const onAbort = () => console.log('stop');
  signal?.addEventListener('abort', onAbort);
  await fetch('/a', { signal });
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'signal', handler: 'onAbort' },
              output: `export async function f({ signal }: { signal?: AbortSignal }) {
  const onAbort = () => console.log('stop');
  signal?.addEventListener('abort', onAbort);
  try {
    await fetch('/a', { signal });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

node.run('require-abort-cleanup (node)', rule, {
  valid: [
    // addAbortListener with using.
    {
      code: `import { addAbortListener } from 'node:events';
export async function f(signal: AbortSignal) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  using _ = addAbortListener(signal, onAbort);
  await fetch('/a', { signal: controller.signal });
}`,
    },
    // addAbortListener disposed in finally (the Node docs pattern).
    {
      code: `import { addAbortListener } from 'node:events';
export async function f(signal: AbortSignal) {
  let disposable: Disposable | undefined;
  try {
    disposable = addAbortListener(signal, () => console.log('aborted'));
    await fetch('/a', { signal });
  } finally {
    disposable?.[Symbol.dispose]();
  }
}`,
    },
    // A Node timer cleared in finally, also through the timer's own methods.
    {
      code: `import { setTimeout as delay } from 'node:timers/promises';
export async function f() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  timer.unref();
  try {
    await delay(100, undefined, { signal: controller.signal });
  } finally {
    timer.close();
  }
}`,
    },
    // events.addAbortListener in a promise only the abort settles.
    {
      code: `import events from 'node:events';
export function waitForAbort(signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    events.addAbortListener(signal, () => resolve());
  });
}`,
    },
  ],
  invalid: [
    // A hand link with an inline handler, and a timer whose handle is dropped: one suggestion replaces both.
    {
      code: `export async function get(url: string, signal: AbortSignal) {
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort());
  setTimeout(() => controller.abort(), 5_000);
  const response = await fetch(url, { signal: controller.signal });
  return response.text();
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'removeInFinally',
              data: { signal: 'signal', handler: 'onAbort' },
              output: `export async function get(url: string, signal: AbortSignal) {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal.addEventListener('abort', onAbort);
  try {
    setTimeout(() => controller.abort(), 5_000);
    const response = await fetch(url, { signal: controller.signal });
    return await response.text();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
            },
          ],
        },
        {
          messageId: 'timerNotStored',
          data: { controller: 'controller' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'useTimeoutSignal',
              data: { controller: 'controller', replacement: 'AbortSignal.any([signal, AbortSignal.timeout(5_000)])' },
              output: `export async function get(url: string, signal: AbortSignal) {
  const timeoutSignal = AbortSignal.any([signal, AbortSignal.timeout(5_000)]);
  const response = await fetch(url, { signal: timeoutSignal });
  return response.text();
}`,
            },
          ],
        },
      ],
    },
    // A Node timer never cleared.
    {
      code: `import { setTimeout as delay } from 'node:timers/promises';
export async function f() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  await delay(100, undefined, { signal: controller.signal });
  return timer.hasRef();
}`,
      errors: [
        {
          messageId: 'timerNotCleared',
          data: { controller: 'controller' },
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'clearInFinally',
              data: { timer: 'timer' },
              output: `import { setTimeout as delay } from 'node:timers/promises';
export async function f() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    await delay(100, undefined, { signal: controller.signal });
    return timer.hasRef();
  } finally {
    clearTimeout(timer);
  }
}`,
            },
          ],
        },
      ],
    },
    // addAbortListener whose disposable is dropped.
    {
      code: `import { addAbortListener } from 'node:events';
export async function f(signal: AbortSignal) {
  addAbortListener(signal, () => console.log('aborted'));
  const response = await fetch('/a', { signal });
  return response.json();
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'disposeWithUsing',
              output: `import { addAbortListener } from 'node:events';
export async function f(signal: AbortSignal) {
  using _ = addAbortListener(signal, () => console.log('aborted'));
  const response = await fetch('/a', { signal });
  return await response.json();
}`,
            },
          ],
        },
      ],
    },
    // addAbortListener whose disposable is never disposed.
    {
      code: `import { addAbortListener } from 'node:events';
export async function f(signal: AbortSignal) {
  const listener = addAbortListener(signal, () => console.log('aborted'));
  await fetch('/a', { signal });
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'disposeWithUsing',
              output: `import { addAbortListener } from 'node:events';
export async function f(signal: AbortSignal) {
  using listener = addAbortListener(signal, () => console.log('aborted'));
  await fetch('/a', { signal });
}`,
            },
          ],
        },
      ],
    },
    // events.addAbortListener in a promise executor that also settles on its own.
    {
      code: `import events from 'node:events';
import type { ChildProcess } from 'node:child_process';
export function waitForExit(child: ChildProcess, signal: AbortSignal) {
  return new Promise<number | null>((resolve, reject) => {
    events.addAbortListener(signal, () => reject(signal.reason));
    child.once('exit', (code) => resolve(code));
  });
}`,
      errors: [
        {
          messageId: 'listenerNotRemoved',
          data: { signal: 'signal' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 65,
          suggestions: [],
        },
      ],
    },
  ],
});

describe('require-abort-cleanup cost', () => {
  const countCheckerCalls = (code: string): number => countRuleCheckerCalls(rule, code);

  it('asks nothing of the checker for timers that abort nothing and listeners of other events', () => {
    const calls = countCheckerCalls(`${OPENAI}declare function flush(): void;
export async function answer(question: string, signal: AbortSignal, target: EventTarget) {
  const retry = setTimeout(() => flush(), 1_000);
  target.addEventListener('message', () => flush());
  process.on('SIGTERM', () => flush());
  const completion = await openai.chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: question }] },
    { signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) },
  );
  clearTimeout(retry);
  return completion.choices[0]?.message.content ?? '';
}`);
    expect(calls).toBe(0);
  });

  it('asks nothing of the checker for abort listeners on signals created here, or outside async work', () => {
    const calls = countCheckerCalls(`export async function f(signal: AbortSignal) {
  const controller = new AbortController();
  controller.signal.addEventListener('abort', () => console.log('stopped'));
  AbortSignal.timeout(5).addEventListener('abort', () => console.log('late'));
  await fetch('/a', { signal: AbortSignal.any([signal, controller.signal]) });
}
export function link(signal: AbortSignal, controller: AbortController) {
  signal.addEventListener('abort', () => controller.abort());
}`);
    expect(calls).toBe(0);
  });
});

describe('require-abort-cleanup options', () => {
  const lint = (options: unknown): void => {
    const linter = new Linter({ configType: 'flat', cwd: path.join(fixturesDir, 'node') });
    linter.verify(
      'export {};',
      [
        {
          files: ['**/*.ts'],
          plugins: { 'abort-signal': { rules: { 'require-abort-cleanup': rule } } },
          rules: { 'abort-signal/require-abort-cleanup': ['error', options] },
        },
      ] as never,
      path.join(fixturesDir, 'node', 'file.ts'),
    );
  };

  it('rejects unknown options', () => {
    expect(() => {
      lint({ checkAny: true });
    }).toThrow(/Unexpected property "checkAny"/);
  });

  it('rejects options that are not booleans', () => {
    expect(() => {
      lint({ checkTimers: 'yes' });
    }).toThrow(/should be boolean/);
  });
});
