import * as path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-abort-as-failure.js';
import { createTypedTester, fixturesDir } from '../tester.js';

/** Each case imports the real SDK packages (devDependencies); project code is `declare`d. */
const ruleTester = createTypedTester('node');

const OPENAI = "import OpenAI, { APIUserAbortError } from 'openai';\nconst openai = new OpenAI();\n";
const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";
const AI = "import { generateText, streamText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n";
const CREATE = "const c = await openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal });\n    return c.choices[0]?.message.content ?? '';";

/** An openai call in a `try`, with `handler` as the body of its `catch (error)`. */
function openaiTry(handler: string, head = OPENAI, work = CREATE): string {
  return `${head}export async function f(signal: AbortSignal): Promise<string> {
  try {
    ${work}
  } catch (error) {
    ${handler}
  }
}`;
}

const FETCH = "const res = await fetch('https://example.com', { signal });\n    return res.text();";

ruleTester.run('no-abort-as-failure', rule, {
  valid: [
    // Rethrown (wrapped): the caller decides.
    openaiTry("throw new Error('answer failed', { cause: error });"),
    // A catch that does not log and rethrows.
    openaiTry('await cleanup();\n    throw error;', `${OPENAI}declare function cleanup(): Promise<void>;\n`),
    // `signal.aborted` first.
    openaiTry("if (signal.aborted) throw error;\n    console.error('failed', error);\n    return '';"),
    // The SDK's abort error class, by name, through the namespace, or aliased (found by type).
    openaiTry("if (error instanceof APIUserAbortError) throw error;\n    console.error('failed', error);\n    return '';"),
    openaiTry("if (error instanceof OpenAI.APIUserAbortError) throw error;\n    console.error('failed', error);\n    return '';"),
    openaiTry(
      "if (error instanceof UserAbort) throw error;\n    return '';",
      `${OPENAI}import { APIUserAbortError as UserAbort } from 'openai';\n`,
    ),
    openaiTry(
      "if (error instanceof Anthropic.APIUserAbortError) throw error;\n    console.error('failed', error);\n    return '';",
      ANTHROPIC,
      "const m = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] }, { signal });\n    return m.id;",
    ),
    // The error is the signal's reason; `throwIfAborted()`.
    openaiTry("if (error === signal.reason) throw error;\n    console.error('failed', error);\n    return '';"),
    openaiTry("signal.throwIfAborted();\n    console.error('failed', error);\n    return '';"),
    // A helper whose name says so (default pattern /abort|cancel/i).
    openaiTry(
      "if (isAbortError(error)) throw error;\n    console.error('failed', error);\n    return '';",
      `${OPENAI}declare function isAbortError(error: unknown): error is Error;\n`,
    ),
    // A distinct cancellation outcome.
    `${AI}export async function answer(prompt: string, signal: AbortSignal): Promise<{ text: string } | { cancelled: true }> {
  try {
    return { text: (await generateText({ model: openai('gpt-4o'), prompt, abortSignal: signal })).text };
  } catch {
    return { cancelled: true };
  }
}`,
    // A name check of both names, around fetch with a deadline.
    openaiTry(
      "if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw error;\n    console.error('failed', error);\n    return '';",
      OPENAI,
      "const res = await fetch('https://example.com', { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });\n    return res.text();",
    ),
    openaiTry(
      "if (['AbortError', 'TimeoutError'].includes((error as Error).name)) throw error;\n    console.error('failed', error);\n    return '';",
      OPENAI,
      "const res = await fetch('https://example.com', { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });\n    return res.text();",
    ),
    // 'AbortError' alone is enough for fetch when no deadline takes part.
    openaiTry("if (error instanceof Error && error.name === 'AbortError') throw error;\n    console.error('failed', error);\n    return '';", OPENAI, FETCH),
    // After telling cancellation apart, what the handler does with it is its choice.
    openaiTry("if (error instanceof Error && error.name === 'AbortError') return '';\n    throw error;", OPENAI, FETCH),
    // No signal reaches the work: nothing to cancel (require-signal reports it).
    openaiTry("console.error('failed', error);\n    return '';", OPENAI, "const res = await fetch('https://example.com');\n    return res.text();"),
    // A deadline of its own is a failure, not a cancellation.
    openaiTry(
      "console.error('failed', error);\n    return '';",
      OPENAI,
      "const res = await fetch('https://example.com', { signal: AbortSignal.timeout(5_000) });\n    return res.text();",
    ),
    // A signal nobody can abort.
    openaiTry(
      "console.error('failed', error);\n    return '';",
      OPENAI,
      "const res = await fetch('https://example.com', { signal: new AbortController().signal });\n    return res.text();",
    ),
    // Options whose type only may carry a signal: cannot be judged.
    `export async function get(url: string, init: RequestInit): Promise<string> {
  try {
    return await (await fetch(url, init)).text();
  } catch (error) {
    console.error(error);
    return '';
  }
}`,
    // Only for another error: cancellation never takes these branches.
    openaiTry("if (error instanceof HttpError) return '';\n    throw error;", `${OPENAI}declare class HttpError extends Error { status: number }\n`),
    openaiTry(
      "if (!(error instanceof HttpError)) throw error;\n    logger.error('upstream failed', { status: error.status });\n    return '';",
      `${OPENAI}declare class HttpError extends Error { status: number }\ndeclare const logger: { error(message: string, fields?: object): void };\n`,
    ),
    // A `const` derived from a test for another error narrows like the test.
    `class RetryableError extends Error {}
declare function generate(options: { abortSignal?: AbortSignal }): Promise<string>;
export async function collect(abortSignal: AbortSignal): Promise<string[]> {
  const results: string[] = [];
  try {
    results.push(await generate({ abortSignal }));
  } catch (error) {
    const retryable = error instanceof RetryableError ? error : undefined;
    if (retryable != null) return results;
    throw error;
  }
  return results;
}`,
    // The same through a retry wrapper: the kept error is either the class or the last error of the
    // retry error (ai's generateImage); every other error, the cancellation included, is rethrown.
    `class NoResultError extends Error {}
class RetryError extends Error {
  readonly lastError: unknown = undefined;
  static isInstance(error: unknown): error is RetryError {
    return error instanceof RetryError;
  }
}
declare function retry<T>(fn: () => Promise<T>): Promise<T>;
declare function generate(options: { n: number; abortSignal?: AbortSignal }): Promise<string[]>;
export async function collect(counts: number[], abortSignal?: AbortSignal): Promise<string[]> {
  const groups = await Promise.all(
    counts.map(async (n) => {
      const results: string[] = [];
      try {
        await retry(async () => {
          const images = await generate({ n, abortSignal });
          results.push(...images);
          if (images.length === 0) throw new NoResultError();
          return images;
        });
        return results;
      } catch (error) {
        const noResult =
          error instanceof NoResultError
            ? error
            : RetryError.isInstance(error) && error.lastError instanceof NoResultError
              ? error.lastError
              : undefined;
        if (noResult != null) {
          return results;
        }
        throw error;
      }
    }),
  );
  return groups.flat();
}`,
    openaiTry(
      "const isHttpError = error instanceof HttpError;\n    if (!isHttpError) throw error;\n    return '';",
      `${OPENAI}declare class HttpError extends Error { status: number }\n`,
    ),
    // The HTTP boundary: cancellation logged at info level and answered with 499.
    `export async function POST(req: Request): Promise<Response> {
  try {
    const upstream = await fetch('https://example.com', { signal: req.signal });
    return new Response(upstream.body);
  } catch (error) {
    if (req.signal.aborted) {
      console.info('client went away', error);
      return new Response(null, { status: 499 });
    }
    console.error('upstream failed', error);
    return Response.json({ error: 'upstream failed' }, { status: 502 });
  }
}`,
    // A `.catch()` whose value nobody uses.
    `import { setTimeout as sleep } from 'node:timers/promises';
export async function tick(signal: AbortSignal): Promise<void> {
  await sleep(10, undefined, { signal }).catch(() => undefined);
  void fetch('https://example.com', { signal }).catch(() => null);
}`,
    // The error itself is handed on as a value, or rejected again.
    `export async function load(url: string, signal: AbortSignal): Promise<string | Error> {
  const result = await fetch(url, { signal }).then((res) => res.text(), (error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  return result;
}`,
    `export function load(url: string, signal: AbortSignal): Promise<string> {
  return fetch(url, { signal })
    .then((res) => res.text())
    .catch((error: unknown) => Promise.reject(new Error('load failed', { cause: error })));
}`,
    `export async function load(url: string, signal: AbortSignal): Promise<string | unknown> {
  try {
    return await (await fetch(url, { signal })).text();
  } catch (error) {
    return error;
  }
}`,
    // Handed on: a function given the error decides, or later code rethrows what was stored.
    `declare function refresh(signal: AbortSignal): Promise<string>;
/** Rethrows when \`signal\` has aborted; otherwise falls back to a cached token. */
declare function recover(error: unknown, signal: AbortSignal): Promise<string>;
export async function token(signal: AbortSignal): Promise<string> {
  try {
    return await refresh(signal);
  } catch (error) {
    return await recover(error, signal);
  }
}`,
    `declare function refresh(signal: AbortSignal): Promise<string>;
declare function recover(error: unknown): string;
export async function token(signal: AbortSignal): Promise<string> {
  const value = await refresh(signal).catch((error: unknown) => recover(error));
  return value;
}`,
    `declare function download(url: string, options: { abortSignal?: AbortSignal }): Promise<Uint8Array>;
declare function fail(error: unknown): Promise<number>;
export async function size(url: string, abortSignal: AbortSignal): Promise<number> {
  let preparationError: unknown;
  let failed = false;
  let data: Uint8Array;
  try {
    data = await download(url, { abortSignal });
  } catch (error) {
    failed = true;
    preparationError = error;
    data = new Uint8Array();
  }
  if (failed) return await fail(preparationError);
  return data.byteLength;
}`,
    // Swallowed in a function that returns nothing.
    `export async function refresh(url: string, signal: AbortSignal): Promise<void> {
  try {
    await fetch(url, { signal });
  } catch {
    // best effort
  }
}`,
    // Swallowed, but the next call with the same signal fails again.
    `export async function load(url: string, signal: AbortSignal): Promise<string> {
  let body = '';
  try {
    body = await (await fetch(url, { signal })).text();
  } catch {
    body = '';
  }
  await fetch(url + '/ack', { method: 'POST', signal });
  return body;
}`,
    // Several signals, each covered: the deadline follows the request's signal.
    `${AI}export async function enrich(request: Request): Promise<string> {
  const deadline = AbortSignal.any([request.signal, AbortSignal.timeout(30_000)]);
  try {
    const page = await (await fetch('https://example.com', { signal: request.signal })).text();
    const { text } = await generateText({ model: openai('gpt-4o'), prompt: page, abortSignal: deadline });
    return text;
  } catch (error) {
    if (request.signal.aborted) throw error;
    console.error('enrich failed', error);
    return '';
  }
}`,
    // Streams: checked after the loop, or a stream that throws on abort.
    `${OPENAI}export async function stream(signal: AbortSignal): Promise<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true }, { signal });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  signal.throwIfAborted();
  return text;
}`,
    `${OPENAI}export async function stream(signal: AbortSignal): Promise<string | undefined> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true }, { signal });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  if (signal.aborted) return undefined;
  return text;
}`,
    `${OPENAI}export async function stream(signal: AbortSignal): Promise<string> {
  const stream = openai.chat.completions.stream({ model: 'gpt-4o', messages: [] }, { signal });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}`,
    // The AI SDK's result promises reject on abort.
    `${AI}export async function draft(prompt: string, signal: AbortSignal): Promise<string> {
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: signal });
  let text = '';
  for await (const delta of result.textStream) text += delta;
  const usage = await result.usage;
  return text + String(usage.outputTokens);
}`,
    // fullStream announces the abort with a part of its own: not in the default list.
    `${AI}export async function draft(prompt: string, signal: AbortSignal): Promise<string> {
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: signal });
  let text = '';
  for await (const part of result.fullStream) if (part.type === 'text-delta') text += part.text;
  return text;
}`,
    // @openai/agents: the run's own flag.
    `import { Agent, run } from '@openai/agents';
const agent = new Agent({ name: 'a', instructions: 'help' });
export async function ask(question: string, signal: AbortSignal): Promise<string> {
  const result = await run(agent, question, { stream: true, signal });
  let answer = '';
  for await (const text of result.toTextStream()) answer += text;
  if (result.cancelled) throw new Error('cancelled');
  return answer;
}`,
    // Relaying chunks: nothing is presented as complete.
    `${OPENAI}export async function* relay(signal: AbortSignal): AsyncGenerator<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true }, { signal });
  for await (const chunk of stream) yield chunk.choices[0]?.delta.content ?? '';
}`,
    // A stream without a signal cannot be aborted through one.
    `${OPENAI}export async function stream(): Promise<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}`,
    // Calls that store a signal or manage its listeners do no work that could be cancelled,
    // and a `try` without `await` only catches synchronous throws.
    `const composed = new WeakMap<AbortController, AbortSignal>();
export function link(callerSignal: AbortSignal): AbortController {
  const controller = new AbortController();
  try {
    composed.set(controller, callerSignal);
  } catch {
    // feature detection
  }
  return controller;
}`,
    `declare function removeAbortListener(signal: AbortSignal, listener: () => void): void;
declare function reject(error: unknown): void;
export function watch(signal: AbortSignal, onAbort: () => void): boolean {
  try {
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) {
      removeAbortListener(signal, onAbort);
      return false;
    }
  } catch (error) {
    reject(error);
    return false;
  }
  return true;
}`,
    `declare const registry: Map<string, AbortSignal>;
declare function render(id: string): Promise<string>;
export async function show(id: string, signal: AbortSignal): Promise<string> {
  try {
    registry.set(id, signal);
    return await render(id);
  } catch {
    return '';
  }
}`,
    // Work started in a `try` that does not await it: its rejection never reaches the handler.
    `export async function start(url: string, signal: AbortSignal): Promise<Promise<Response> | null> {
  try {
    const pending = fetch(url, { signal });
    return pending;
  } catch {
    return null;
  }
}`,
    // A helper named in the options.
    {
      code: openaiTry(
        "if (clientLeft(error)) throw error;\n    console.error('failed', error);\n    return '';",
        `${OPENAI}declare function clientLeft(error: unknown): boolean;\n`,
      ),
      options: [{ cancellationHelpers: '^clientLeft$' }],
    },
    // A TypeScript error does not crash the rule.
    `export async function load(url: string, signal: AbortSignal): Promise<string> {
  try {
    return await (await fetch(url, { signal })).text();
  } catch (error) {
    if (signal.aborted) throw error;
    console.error(undefinedThing, error);
    return '';
  }
}`,
  ],
  invalid: [
    {
      // Logged, then rethrown: the log still pages someone.
      code: openaiTry("console.error('answer failed', error);\n    throw error;"),
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'openai.chat.completions.create', reporter: 'console.error' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: openaiTry("if (signal.aborted) throw error;\n    console.error('answer failed', error);\n    throw error;"),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The AI SDK rethrows the reason; a 502 for a client that left is a false alarm.
      code: `${AI}export async function POST(req: Request): Promise<Response> {
  try {
    const { text } = await generateText({ model: openai('gpt-4o'), prompt: 'hi', abortSignal: req.signal });
    return Response.json({ text });
  } catch (err) {
    return Response.json({ error: String(err) }, { status: 502 });
  }
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'generateText' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'req.signal' },
              output: `${AI}export async function POST(req: Request): Promise<Response> {
  try {
    const { text } = await generateText({ model: openai('gpt-4o'), prompt: 'hi', abortSignal: req.signal });
    return Response.json({ text });
  } catch (err) {
    if (req.signal.aborted) throw err;
    return Response.json({ error: String(err) }, { status: 502 });
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Without `await`, `signal.throwIfAborted()` is the call whose cancellation the handler catches.
      code: `export function parse(text: string, signal: AbortSignal): unknown {
  try {
    signal.throwIfAborted();
    return JSON.parse(text);
  } catch {
    return null;
  }
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'signal.throwIfAborted' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `export function parse(text: string, signal: AbortSignal): unknown {
  try {
    signal.throwIfAborted();
    return JSON.parse(text);
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The other way round: every error but that class, the cancellation included, is swallowed.
      code: `class RetryableError extends Error {}
declare function generate(options: { abortSignal?: AbortSignal }): Promise<string>;
export async function collect(abortSignal: AbortSignal): Promise<string[]> {
  const results: string[] = [];
  try {
    results.push(await generate({ abortSignal }));
  } catch (error) {
    const retryable = error instanceof RetryableError ? error : undefined;
    if (retryable === undefined) return results;
    throw error;
  }
  return results;
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'generate' },
          line: 9,
          column: 34,
          endLine: 9,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'abortSignal' },
              output: `class RetryableError extends Error {}
declare function generate(options: { abortSignal?: AbortSignal }): Promise<string>;
export async function collect(abortSignal: AbortSignal): Promise<string[]> {
  const results: string[] = [];
  try {
    results.push(await generate({ abortSignal }));
  } catch (error) {
    if (abortSignal.aborted) throw error;
    const retryable = error instanceof RetryableError ? error : undefined;
    if (retryable === undefined) return results;
    throw error;
  }
  return results;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    // A branch of the `const` that any error takes, or a class test that names no specific error, keeps the cancellation too.
    ...[
      'error instanceof NoResultError ? error : error instanceof Error ? error : undefined',
      'AISDKError.isInstance(error) && error.lastError instanceof NoResultError ? error.lastError : undefined',
    ].map((kept) => {
      const code = (guard: string): string => `class NoResultError extends Error {}
declare class AISDKError extends Error {
  readonly lastError: unknown;
  static isInstance(error: unknown): error is AISDKError;
}
declare function generate(options: { abortSignal?: AbortSignal }): Promise<string>;
export async function collect(abortSignal: AbortSignal): Promise<string[]> {
  const results: string[] = [];
  try {
    results.push(await generate({ abortSignal }));
  } catch (error) {${guard}
    const kept = ${kept};
    if (kept != null) return results;
    throw error;
  }
  return results;
}`;
      return {
        code: code(''),
        errors: [
          {
            messageId: 'swallowed' as const,
            data: { callee: 'generate' },
            line: 13,
            suggestions: [
              { messageId: 'rethrowIfAborted' as const, data: { signal: 'abortSignal' }, output: code('\n    if (abortSignal.aborted) throw error;') },
            ],
          },
        ],
        output: null,
      };
    }),
    {
      // Logging the error hands nothing on: the handler still answers with a fallback.
      code: `declare function refresh(signal: AbortSignal): Promise<string>;
declare function log(...values: unknown[]): void;
export async function token(signal: AbortSignal): Promise<string> {
  try {
    return await refresh(signal);
  } catch (error) {
    log('refresh failed', error);
    return '';
  }
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'refresh' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `declare function refresh(signal: AbortSignal): Promise<string>;
declare function log(...values: unknown[]): void;
export async function token(signal: AbortSignal): Promise<string> {
  try {
    return await refresh(signal);
  } catch (error) {
    if (signal.aborted) throw error;
    log('refresh failed', error);
    return '';
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A function of the JavaScript library given the error does not rethrow it.
      code: `declare function refresh(signal: AbortSignal): Promise<string>;
export async function token(signal: AbortSignal): Promise<string> {
  try {
    return await refresh(signal);
  } catch (error) {
    return String(error);
  }
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'refresh' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `declare function refresh(signal: AbortSignal): Promise<string>;
export async function token(signal: AbortSignal): Promise<string> {
  try {
    return await refresh(signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return String(error);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Handing the error on afterwards does not take back the log.
      code: `declare function refresh(signal: AbortSignal): Promise<string>;
declare function recover(error: unknown, signal: AbortSignal): Promise<string>;
export async function token(signal: AbortSignal): Promise<string> {
  try {
    return await refresh(signal);
  } catch (error) {
    console.error('refresh failed', error);
    return await recover(error, signal);
  }
}`,
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'refresh', reporter: 'console.error' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `declare function refresh(signal: AbortSignal): Promise<string>;
declare function recover(error: unknown, signal: AbortSignal): Promise<string>;
export async function token(signal: AbortSignal): Promise<string> {
  try {
    return await refresh(signal);
  } catch (error) {
    if (signal.aborted) throw error;
    console.error('refresh failed', error);
    return await recover(error, signal);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A catch without a parameter gets one.
      code: `export async function load(url: string, signal: AbortSignal): Promise<unknown> {
  try {
    const res = await fetch(url, { signal });
    return await res.json();
  } catch {
    return null;
  }
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'fetch' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `export async function load(url: string, signal: AbortSignal): Promise<unknown> {
  try {
    const res = await fetch(url, { signal });
    return await res.json();
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Swallowed, and the function then returns the fallback as its answer.
      code: `${AI}export async function summarize(text: string, signal: AbortSignal): Promise<string> {
  let summary = '';
  try {
    summary = (await generateText({ model: openai('gpt-4o'), prompt: text, abortSignal: signal })).text;
  } catch (error) {
    summary = text.slice(0, 200);
  }
  return summary;
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'generateText' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `${AI}export async function summarize(text: string, signal: AbortSignal): Promise<string> {
  let summary = '';
  try {
    summary = (await generateText({ model: openai('gpt-4o'), prompt: text, abortSignal: signal })).text;
  } catch (error) {
    if (signal.aborted) throw error;
    summary = text.slice(0, 200);
  }
  return summary;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // `.catch(() => null)` whose value is the answer.
      code: `export async function ping(url: string, signal: AbortSignal): Promise<boolean> {
  const res = await fetch(url, { signal }).catch(() => null);
  return res?.ok ?? false;
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'fetch' },
          line: 2,
          column: 56,
          endLine: 2,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `export async function ping(url: string, signal: AbortSignal): Promise<boolean> {
  const res = await fetch(url, { signal }).catch((error) => { if (signal.aborted) throw error; return null; });
  return res?.ok ?? false;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: `export async function ping(url: string, signal: AbortSignal): Promise<boolean> {
  const ok = await fetch(url, { signal }).then((res) => res.ok).catch(function () {
    return false;
  });
  return ok;
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'fetch' },
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `export async function ping(url: string, signal: AbortSignal): Promise<boolean> {
  const ok = await fetch(url, { signal }).then((res) => res.ok).catch(function (error) {
    if (signal.aborted) throw error;
    return false;
  });
  return ok;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // `.then(onFulfilled, onRejected)`.
      code: `export function load(url: string, signal: AbortSignal): Promise<string> {
  return fetch(url, { signal })
    .then((res) => res.text())
    .then(undefined, (error: unknown) => {
      console.error('load failed', error);
      return '';
    });
}`,
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'fetch', reporter: 'console.error' },
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `export function load(url: string, signal: AbortSignal): Promise<string> {
  return fetch(url, { signal })
    .then((res) => res.text())
    .then(undefined, (error: unknown) => {
      if (signal.aborted) throw error;
      console.error('load failed', error);
      return '';
    });
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Project code: a function that takes a signal; an error tracker.
      code: `declare const Sentry: { captureException(error: unknown): string };
declare function summarize(text: string, signal: AbortSignal): Promise<string>;
export async function digest(text: string, signal: AbortSignal): Promise<string> {
  try {
    return await summarize(text, signal);
  } catch (error) {
    Sentry.captureException(error);
    return text.slice(0, 100);
  }
}`,
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'summarize', reporter: 'Sentry.captureException' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `declare const Sentry: { captureException(error: unknown): string };
declare function summarize(text: string, signal: AbortSignal): Promise<string>;
export async function digest(text: string, signal: AbortSignal): Promise<string> {
  try {
    return await summarize(text, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    Sentry.captureException(error);
    return text.slice(0, 100);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Inside a callback of Promise.all: each item's cancellation becomes an empty result.
      code: `declare function embed(text: string, options: { signal?: AbortSignal }): Promise<number[]>;
export async function embedAll(texts: string[], signal: AbortSignal): Promise<number[][]> {
  return Promise.all(
    texts.map(async (text) => {
      try {
        return await embed(text, { signal });
      } catch {
        return [];
      }
    }),
  );
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'embed' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `declare function embed(text: string, options: { signal?: AbortSignal }): Promise<number[]>;
export async function embedAll(texts: string[], signal: AbortSignal): Promise<number[][]> {
  return Promise.all(
    texts.map(async (text) => {
      try {
        return await embed(text, { signal });
      } catch (error) {
        if (signal.aborted) throw error;
        return [];
      }
    }),
  );
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Work started before the `try` and awaited in it: Anthropic's helper stream throws on abort.
      code: `${ANTHROPIC}export async function review(text: string, signal: AbortSignal): Promise<string> {
  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: text }] }, { signal });
  try {
    return await stream.finalText();
  } catch (error) {
    console.error('review failed', error);
    return 'Review unavailable.';
  }
}`,
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'anthropic.messages.stream', reporter: 'console.error' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `${ANTHROPIC}export async function review(text: string, signal: AbortSignal): Promise<string> {
  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: text }] }, { signal });
  try {
    return await stream.finalText();
  } catch (error) {
    if (signal.aborted) throw error;
    console.error('review failed', error);
    return 'Review unavailable.';
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // An optional signal gets `?.`; a comment after `{` stays where it was.
      code: `export async function load(url: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  try {
    return await (await fetch(url, { signal: options.signal })).text();
  } catch (error) { // fall back to the cached copy
    return '';
  }
}`,
      errors: [
        {
          messageId: 'swallowed',
          data: { callee: 'fetch' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'options.signal' },
              output: `export async function load(url: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  try {
    return await (await fetch(url, { signal: options.signal })).text();
  } catch (error) { // fall back to the cached copy
    if (options.signal?.aborted) throw error;
    return '';
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A destructured error cannot be rethrown as is: no suggestion.
      code: `export async function load(url: string, signal: AbortSignal): Promise<string> {
  try {
    return await (await fetch(url, { signal })).text();
  } catch ({ message }) {
    console.error(message);
    return '';
  }
}`,
      errors: [{ messageId: 'loggedAsFailure', data: { callee: 'fetch', reporter: 'console.error' }, line: 5, column: 5, endLine: 5, endColumn: 27, suggestions: [] }],
      output: null,
    },
    {
      // A class-owned controller; a logger's `fatal`.
      code: `class Indexer {
  private readonly log = { fatal(message: string, error?: unknown): void { void message; void error; } };
  private readonly controller = new AbortController();
  async run(url: string): Promise<string> {
    try {
      return await (await fetch(url, { signal: this.controller.signal })).text();
    } catch (error) {
      this.log.fatal('indexing failed', error);
      throw error;
    }
  }
}`,
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'fetch', reporter: 'this.log.fatal' },
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'this.controller.signal' },
              output: `class Indexer {
  private readonly log = { fatal(message: string, error?: unknown): void { void message; void error; } };
  private readonly controller = new AbortController();
  async run(url: string): Promise<string> {
    try {
      return await (await fetch(url, { signal: this.controller.signal })).text();
    } catch (error) {
      if (this.controller.signal.aborted) throw error;
      this.log.fatal('indexing failed', error);
      throw error;
    }
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // `instanceof DOMException` alone says nothing about cancellation (and openai throws no DOMException).
      code: openaiTry("if (error instanceof DOMException) throw error;\n    console.error(error);\n    return '';"),
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'openai.chat.completions.create', reporter: 'console.error' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: openaiTry("if (signal.aborted) throw error;\n    if (error instanceof DOMException) throw error;\n    console.error(error);\n    return '';"),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // 'AbortError' alone misses the 'TimeoutError' of AbortSignal.timeout().
      code: `export async function get(url: string, signal: AbortSignal): Promise<string> {
  try {
    return await (await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) })).text();
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    console.error('fetch failed', error);
    return '';
  }
}`,
      errors: [
        {
          messageId: 'timeoutNameMissing',
          data: { name: 'AbortError' },
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'acceptTimeoutName',
              output: `export async function get(url: string, signal: AbortSignal): Promise<string> {
  try {
    return await (await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) })).text();
  } catch (error) {
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw error;
    console.error('fetch failed', error);
    return '';
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // openai's APIUserAbortError is named 'Error'.
      code: openaiTry("if (error instanceof Error && error.name === 'AbortError') throw error;\n    return 'The assistant is unavailable.';"),
      errors: [
        {
          messageId: 'nameNeverMatches',
          data: { callee: 'openai.chat.completions.create', errorClass: 'APIUserAbortError', name: 'Error' },
          line: 8,
          column: 35,
          endLine: 8,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'checkSignalAborted',
              data: { signal: 'signal' },
              output: openaiTry(
                "if (error instanceof Error && (error.name === 'AbortError' || signal.aborted)) throw error;\n    return 'The assistant is unavailable.';",
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Anthropic's is named 'APIUserAbortError'.
      code: `${ANTHROPIC}export async function rate(text: string, signal: AbortSignal): Promise<string> {
  try {
    const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: text }] }, { signal });
    return message.content[0]?.type === 'text' ? message.content[0].text : '';
  } catch (error) {
    if ((error as Error).name !== 'AbortError') console.error('rating failed', error);
    return 'unknown';
  }
}`,
      errors: [
        {
          messageId: 'nameNeverMatches',
          data: { callee: 'anthropic.messages.create', errorClass: 'APIUserAbortError', name: 'APIUserAbortError' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'checkSignalAborted',
              data: { signal: 'signal' },
              output: `${ANTHROPIC}export async function rate(text: string, signal: AbortSignal): Promise<string> {
  try {
    const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: text }] }, { signal });
    return message.content[0]?.type === 'text' ? message.content[0].text : '';
  } catch (error) {
    if ((error as Error).name !== 'AbortError' && !signal.aborted) console.error('rating failed', error);
    return 'unknown';
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Two signals, one checked.
      code: `${AI}export async function enrich(request: Request, jobSignal: AbortSignal): Promise<string> {
  try {
    const page = await (await fetch('https://example.com', { signal: request.signal })).text();
    const { text } = await generateText({ model: openai('gpt-4o'), prompt: page, abortSignal: jobSignal });
    return text;
  } catch (error) {
    if (request.signal.aborted) throw error;
    console.error('enrich failed', error);
    return '';
  }
}`,
      errors: [
        {
          messageId: 'uncheckedSignal',
          data: { callee: 'generateText', signal: 'jobSignal', checked: '`request.signal`' },
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'jobSignal' },
              output: `${AI}export async function enrich(request: Request, jobSignal: AbortSignal): Promise<string> {
  try {
    const page = await (await fetch('https://example.com', { signal: request.signal })).text();
    const { text } = await generateText({ model: openai('gpt-4o'), prompt: page, abortSignal: jobSignal });
    return text;
  } catch (error) {
    if (jobSignal.aborted) throw error;
    if (request.signal.aborted) throw error;
    console.error('enrich failed', error);
    return '';
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A reporter added in the options: retrying a cancelled job.
      code: `interface Job { id: string }
declare const queue: { retry(job: Job, reason: string): Promise<void> };
declare function process(job: Job, signal: AbortSignal): Promise<void>;
export async function handle(job: Job, signal: AbortSignal): Promise<void> {
  try {
    await process(job, signal);
  } catch (err) {
    await queue.retry(job, String(err));
  }
}`,
      options: [{ reporters: ['queue.retry'] }],
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'process', reporter: 'queue.retry' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `interface Job { id: string }
declare const queue: { retry(job: Job, reason: string): Promise<void> };
declare function process(job: Job, signal: AbortSignal): Promise<void>;
export async function handle(job: Job, signal: AbortSignal): Promise<void> {
  try {
    await process(job, signal);
  } catch (err) {
    if (signal.aborted) throw err;
    await queue.retry(job, String(err));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    // ---- Streams that end silently ----
    {
      code: `${OPENAI}export async function stream(signal: AbortSignal): Promise<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true }, { signal });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return text;
}`,
      errors: [
        {
          messageId: 'partialStream',
          data: { signal: '`signal`', variable: 'text' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'throwAfterStream',
              data: { signal: 'signal' },
              output: `${OPENAI}export async function stream(signal: AbortSignal): Promise<string> {
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true }, { signal });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
  }
  signal.throwIfAborted();
  return text;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The AI SDK's textStream; the partial text is cached.
      code: `${AI}declare const cache: { set(key: string, value: string): Promise<void> };
export async function draft(key: string, prompt: string, signal: AbortSignal): Promise<void> {
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: signal });
  const parts: string[] = [];
  for await (const delta of result.textStream) parts.push(delta);
  await cache.set(key, parts.join(''));
}`,
      errors: [
        {
          messageId: 'partialStream',
          data: { signal: '`signal`', variable: 'parts' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'throwAfterStream',
              data: { signal: 'signal' },
              output: `${AI}declare const cache: { set(key: string, value: string): Promise<void> };
export async function draft(key: string, prompt: string, signal: AbortSignal): Promise<void> {
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: signal });
  const parts: string[] = [];
  for await (const delta of result.textStream) parts.push(delta);
  signal.throwIfAborted();
  await cache.set(key, parts.join(''));
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: `${ANTHROPIC}export async function draft(signal: AbortSignal): Promise<string> {
  const stream = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [], stream: true }, { signal });
  let text = '';
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  }
  return text;
}`,
      errors: [
        {
          messageId: 'partialStream',
          data: { signal: '`signal`', variable: 'text' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'throwAfterStream',
              data: { signal: 'signal' },
              output: `${ANTHROPIC}export async function draft(signal: AbortSignal): Promise<string> {
  const stream = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [], stream: true }, { signal });
  let text = '';
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  }
  signal.throwIfAborted();
  return text;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A streamed @openai/agents run.
      code: `import { Agent, run } from '@openai/agents';
const agent = new Agent({ name: 'a', instructions: 'help' });
export async function ask(question: string, signal: AbortSignal): Promise<string> {
  const result = await run(agent, question, { stream: true, signal });
  let answer = '';
  for await (const text of result.toTextStream()) answer += text;
  return answer;
}`,
      errors: [
        {
          messageId: 'partialStream',
          data: { signal: '`signal`', variable: 'answer' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'throwAfterStream',
              data: { signal: 'signal' },
              output: `import { Agent, run } from '@openai/agents';
const agent = new Agent({ name: 'a', instructions: 'help' });
export async function ask(question: string, signal: AbortSignal): Promise<string> {
  const result = await run(agent, question, { stream: true, signal });
  let answer = '';
  for await (const text of result.toTextStream()) answer += text;
  signal.throwIfAborted();
  return answer;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A stream added in the options.
      code: `${AI}export async function draft(prompt: string, signal: AbortSignal): Promise<string> {
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: signal });
  let text = '';
  for await (const part of result.fullStream) if (part.type === 'text-delta') text += part.text;
  return text;
}`,
      options: [{ silentStreams: [{ package: 'ai', member: 'fullStream' }] }],
      errors: [
        {
          messageId: 'partialStream',
          data: { signal: '`signal`', variable: 'text' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'throwAfterStream',
              data: { signal: 'signal' },
              output: `${AI}export async function draft(prompt: string, signal: AbortSignal): Promise<string> {
  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: signal });
  let text = '';
  for await (const part of result.fullStream) if (part.type === 'text-delta') text += part.text;
  signal.throwIfAborted();
  return text;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// The DOM's AbortSignal behaves the same.
createTypedTester('dom').run('no-abort-as-failure (dom)', rule, {
  valid: [
    `export async function load(url: string, signal: AbortSignal): Promise<string> {
  try {
    return await (await fetch(url, { signal })).text();
  } catch (error) {
    if (signal.aborted) throw error;
    console.error(error);
    return '';
  }
}`,
  ],
  invalid: [
    {
      code: `export async function load(url: string, signal: AbortSignal): Promise<string> {
  try {
    return await (await fetch(url, { signal })).text();
  } catch (error) {
    console.error(error);
    return '';
  }
}`,
      errors: [
        {
          messageId: 'loggedAsFailure',
          data: { callee: 'fetch', reporter: 'console.error' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'rethrowIfAborted',
              data: { signal: 'signal' },
              output: `export async function load(url: string, signal: AbortSignal): Promise<string> {
  try {
    return await (await fetch(url, { signal })).text();
  } catch (error) {
    if (signal.aborted) throw error;
    console.error(error);
    return '';
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// Without an AbortSignal type nothing carries a signal: silent, and no crash.
createTypedTester('bare').run('no-abort-as-failure (bare)', rule, {
  valid: [
    `declare function work(signal: unknown): Promise<string>;
export async function f(signal: unknown): Promise<string> {
  try {
    return await work(signal);
  } catch (error) {
    console.error(error);
    return '';
  }
}`,
  ],
  invalid: [],
});

describe('no-abort-as-failure options', () => {
  const linter = new Linter();
  const lint = (options: unknown): string => {
    try {
      linter.verify('x;', {
        plugins: { 'abort-signal': { rules: { 'no-abort-as-failure': rule as never } } },
        rules: { 'abort-signal/no-abort-as-failure': ['error', options] },
      });
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('rejects an invalid regular expression', () => {
    expect(lint({ cancellationHelpers: 'abort(' })).toMatch('Value "abort(" should match format "regex"');
  });
  it('rejects reporters that are not a list of names', () => {
    expect(lint({ reporters: 'console.error' })).toMatch('Value "console.error" should be array');
  });
  it('rejects a stream site without a type or member', () => {
    expect(lint({ silentStreams: [{ package: 'openai' }] })).toMatch(/should have required property '\.type'.*should have required property '\.member'/s);
  });
  it('rejects unknown options', () => {
    expect(lint({ logger: 'pino' })).toMatch(/should NOT have additional properties/);
  });
});

describe('no-abort-as-failure cost on the type checker', () => {
  /** Checker calls made while linting `code` (dom fixture) with this rule alone. */
  function countCheckerCalls(code: string): number {
    let calls = 0;
    const counter = {
      meta: { type: 'problem' as const, messages: {}, schema: [] },
      create(context: { sourceCode: { parserServices?: { program?: { getTypeChecker(): Record<string, unknown> } } } }) {
        return {
          Program(): void {
            const checker = context.sourceCode.parserServices?.program?.getTypeChecker();
            if (checker === undefined) return;
            for (const key of Object.keys(checker)) {
              const original = checker[key];
              if (typeof original !== 'function') continue;
              checker[key] = (...args: unknown[]): unknown => {
                calls++;
                return (original as (...a: unknown[]) => unknown).apply(checker, args);
              };
            }
          },
        };
      },
    };
    const fixture = path.join(fixturesDir, 'dom');
    new Linter().verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: fixture } },
          plugins: { cost: { rules: { count: counter as never } }, 'abort-signal': { rules: { 'no-abort-as-failure': rule as never } } },
          rules: { 'cost/count': 'error', 'abort-signal/no-abort-as-failure': 'error' },
        },
      ],
      { filename: path.join(fixture, 'file.ts') },
    );
    return calls;
  }

  it('asks nothing when handlers rethrow or check the signal first, or streams are relayed', () => {
    expect(
      countCheckerCalls(`declare function work(input: string, signal: AbortSignal): Promise<string>;
export async function a(signal: AbortSignal): Promise<string> {
  try {
    return await work('a', signal);
  } catch (error) {
    await Promise.resolve();
    throw error;
  }
}
export async function b(signal: AbortSignal): Promise<string> {
  try {
    return await work('b', signal);
  } catch (error) {
    if (signal.aborted) throw error;
    console.error(error);
    return '';
  }
}
export async function* c(signal: AbortSignal): AsyncGenerator<string> {
  for await (const chunk of (await fetch('/c', { signal })).body ?? []) yield String(chunk);
}
export async function d(signal: AbortSignal): Promise<void> {
  await fetch('/d', { signal }).catch(() => undefined);
}`),
    ).toBe(0);
  });
});
