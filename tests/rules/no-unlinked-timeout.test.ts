import rule from '../../src/rules/no-unlinked-timeout.js';
import { createTypedTester } from '../tester.js';

const node = createTypedTester('node');
const dom = createTypedTester('dom');
const bare = createTypedTester('bare');

node.run('no-unlinked-timeout', rule, {
  valid: [
    // The correct idiom: the deadline joins the caller's signal.
    "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });\n}",
    "export async function load(url: string, signal: AbortSignal) {\n  const deadline = AbortSignal.timeout(5_000);\n  const combined = AbortSignal.any([signal, deadline]);\n  return fetch(url, { signal: combined });\n}",
    "export async function load(url: string, options: { signal?: AbortSignal }) {\n  return fetch(url, { signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) });\n}",
    // No caller's signal in scope: a deadline is all there is.
    "export async function job(url: string) {\n  return fetch(url, { signal: AbortSignal.timeout(5_000) });\n}",
    "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort());\nexport async function job(url: string) {\n  return fetch(url, { signal: AbortSignal.any([shutdown.signal, AbortSignal.timeout(5_000)]) });\n}",
    // A local deadline is not the caller's signal.
    "export async function job(url: string) {\n  const signal = AbortSignal.timeout(5_000);\n  return fetch(url, { signal });\n}",
    // A controller linked by hand, cleaned up in finally.
    "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  const onAbort = () => controller.abort(signal.reason);\n  signal.addEventListener('abort', onAbort, { once: true });\n  const timer = setTimeout(() => controller.abort(), 5_000);\n  try {\n    return await fetch(url, { signal: controller.signal });\n  } finally {\n    clearTimeout(timer);\n    signal.removeEventListener('abort', onAbort);\n  }\n}",
    "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  signal.onabort = () => controller.abort();\n  setTimeout(() => controller.abort(), 5_000);\n  return fetch(url, { signal: controller.signal });\n}",
    // addAbortListener with `using`.
    "import { addAbortListener } from 'node:events';\nexport async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  using _link = addAbortListener(signal, () => controller.abort(signal.reason));\n  setTimeout(() => controller.abort(), 5_000);\n  return await fetch(url, { signal: controller.signal });\n}",
    // A controller combined with the caller's signal where it is used.
    "export async function loadAll(urls: string[], signal: AbortSignal) {\n  const controller = new AbortController();\n  return Promise.all(urls.map((url) => fetch(url, { signal: AbortSignal.any([signal, controller.signal]) }).catch((error: unknown) => {\n    controller.abort(error);\n    throw error;\n  })));\n}",
    // A controller aborted by another method: the object's lifetime, not a local deadline.
    "export class Poller {\n  private controller = new AbortController();\n  async poll(url: string, signal: AbortSignal) {\n    return fetch(url, { signal: AbortSignal.any([signal, this.controller.signal]) });\n  }\n  async tick(url: string) {\n    return fetch(url, { signal: this.controller.signal });\n  }\n  stop() {\n    this.controller.abort();\n  }\n}",
    // A fresh controller in a module-level shutdown handler, aborted by SIGTERM, used where there is no caller.
    "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort(new Error('shutting down')));\nexport async function drain(queue: string[]) {\n  for (const url of queue) await fetch(url, { signal: shutdown.signal });\n}",
    // A controller that escapes: whoever receives it may link it.
    "declare function track(controller: AbortController): void;\nexport async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  track(controller);\n  setTimeout(() => controller.abort(), 5_000);\n  return fetch(url, { signal: controller.signal });\n}",
    // A controller nobody aborts is no-never-aborting-signal's business.
    "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  return fetch(url, { signal: controller.signal });\n}",
    // Not a signal slot.
    "declare function schedule(options: { deadline: AbortSignal[] }): void;\nexport function f(signal: AbortSignal) { schedule({ deadline: [AbortSignal.timeout(5)] }); }",
    // The signal is the subject of the call.
    "export function link(signal: AbortSignal) { return AbortSignal.any([AbortSignal.timeout(5_000)]); }",
    // A local AbortSignal class is not the global one.
    "const AbortSignal = { timeout: (ms: number) => globalThis.AbortSignal.timeout(ms) };\nexport async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.timeout(5_000) });\n}",
    // checkControllers: false.
    {
      code: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 5_000);\n  return fetch(url, { signal: controller.signal });\n}",
      options: [{ checkControllers: false }],
    },
    // A const options object whose signal is replaced, or that several calls share: not followed.
    "export async function getJson(url: string, signal: AbortSignal) {\n  const init: RequestInit = { signal: AbortSignal.timeout(5_000) };\n  init.signal = AbortSignal.any([signal, AbortSignal.timeout(5_000)]);\n  return fetch(url, init);\n}",
    "export async function getJson(url: string, signal: AbortSignal) {\n  const init: RequestInit = { signal: AbortSignal.timeout(5_000) };\n  await fetch(url, init);\n  return fetch(url, init);\n}",
    // Cleanup runs after the caller may have aborted: it needs its own deadline.
    "declare function flushWrites(signal: AbortSignal): Promise<void>;\nexport async function handle(url: string, signal: AbortSignal) {\n  try {\n    return await fetch(url, { signal });\n  } finally {\n    await flushWrites(AbortSignal.timeout(2_000));\n  }\n}",
    "export async function handle(url: string, signal: AbortSignal) {\n  return fetch(url, { signal }).catch(() => fetch(`${url}?fallback`, { signal: AbortSignal.timeout(1_000) }));\n}",
    // The controller is combined with the caller's signal where the work starts (here by a project helper).
    "declare function mergeSignals(...signals: AbortSignal[]): AbortSignal;\ndeclare function open(signal: AbortSignal): Promise<ReadableStream<string>>;\nexport async function pump(sink: WritableStream<string>, signal: AbortSignal) {\n  const pipe = new AbortController();\n  sink.getWriter().closed.catch(() => pipe.abort());\n  const source = await open(mergeSignals(signal, pipe.signal));\n  await source.pipeTo(sink, { signal: pipe.signal });\n}",
    // A type error does not crash the rule.
    "// @ts-expect-error: missing is not declared\nexport async function load(signal: AbortSignal) { return missing({ signal: AbortSignal.timeout(5) }); }",
    "export async function load(client: any, signal: AbortSignal) { return client.get({ signal: AbortSignal.timeout(5) }); }",
  ],
  invalid: [
    {
      // A deadline instead of the request signal: the autofix links them.
      code: "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function POST(request: Request) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: AbortSignal.timeout(30_000) });\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(30_000)","signal":"request.signal","callee":"openai.chat.completions.create"}, line: 4, column: 86, endLine: 4, endColumn: 113, suggestions: [] },
      ],
      output: "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function POST(request: Request) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(30_000)]) });\n}",
    },
    {
      // Anthropic, a signal parameter; a comment inside the deadline is kept.
      code: "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\nexport async function summarize(text: string, signal: AbortSignal) {\n  return anthropic.messages.create(\n    { model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: text }] },\n    { signal: AbortSignal.timeout(/* one minute */ 60_000) },\n  );\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(/* one minute */ 60_000)","signal":"signal","callee":"anthropic.messages.create"}, line: 6, column: 15, endLine: 6, endColumn: 59, suggestions: [] },
      ],
      output: "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\nexport async function summarize(text: string, signal: AbortSignal) {\n  return anthropic.messages.create(\n    { model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: text }] },\n    { signal: AbortSignal.any([signal, AbortSignal.timeout(/* one minute */ 60_000)]) },\n  );\n}",
    },
    {
      // The AI SDK, in a route handler.
      code: "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST(req: Request) {\n  const { text } = await generateText({ model: openai('gpt-4o'), prompt: await req.text(), abortSignal: AbortSignal.timeout(20_000) });\n  return new Response(text);\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(20_000)","signal":"req.signal","callee":"generateText"}, line: 4, column: 105, endLine: 4, endColumn: 132, suggestions: [] },
      ],
      output: "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST(req: Request) {\n  const { text } = await generateText({ model: openai('gpt-4o'), prompt: await req.text(), abortSignal: AbortSignal.any([req.signal, AbortSignal.timeout(20_000)]) });\n  return new Response(text);\n}",
    },
    {
      // An optional caller signal: the linked form keeps the deadline alone when it is missing.
      code: "export async function getJson(url: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}) {\n  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });\n  return response.json();\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(options.timeoutMs ?? 5_000)","signal":"options.signal","callee":"fetch"}, line: 2, column: 47, endLine: 2, endColumn: 94, suggestions: [] },
      ],
      output: "export async function getJson(url: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}) {\n  const response = await fetch(url, { signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 5_000)]) : AbortSignal.timeout(options.timeoutMs ?? 5_000) });\n  return response.json();\n}",
    },
    {
      // Through a local: the use is linked, the deadline keeps its meaning (499 vs 504).
      code: "export async function load(url: string, signal: AbortSignal) {\n  const deadline = AbortSignal.timeout(5_000);\n  try {\n    return await fetch(url, { signal: deadline });\n  } catch (error) {\n    if (deadline.aborted) throw new Error('upstream timed out', { cause: error });\n    throw error;\n  }\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"deadline","signal":"signal","callee":"fetch"}, line: 4, column: 39, endLine: 4, endColumn: 47, suggestions: [] },
      ],
      output: "export async function load(url: string, signal: AbortSignal) {\n  const deadline = AbortSignal.timeout(5_000);\n  try {\n    return await fetch(url, { signal: AbortSignal.any([signal, deadline]) });\n  } catch (error) {\n    if (deadline.aborted) throw new Error('upstream timed out', { cause: error });\n    throw error;\n  }\n}",
    },
    {
      // A shorthand property is expanded.
      code: "export async function load(url: string, request: Request) {\n  const signal = AbortSignal.timeout(5_000);\n  return fetch(url, { signal });\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"signal","signal":"request.signal","callee":"fetch"}, line: 3, column: 23, endLine: 3, endColumn: 29, suggestions: [] },
      ],
      output: "export async function load(url: string, request: Request) {\n  const signal = AbortSignal.timeout(5_000);\n  return fetch(url, { signal: AbortSignal.any([request.signal, signal]) });\n}",
    },
    {
      // A project function, in a Hono route: the signal three levels down.
      code: "import { Hono } from 'hono';\ndeclare function summarize(text: string, signal: AbortSignal): Promise<string>;\nconst app = new Hono();\napp.post('/summary', async (c) => {\n  const summary = await summarize(await c.req.text(), AbortSignal.timeout(30_000));\n  return c.json({ summary });\n});",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(30_000)","signal":"c.req.raw.signal","callee":"summarize"}, line: 5, column: 55, endLine: 5, endColumn: 82, suggestions: [] },
      ],
      output: "import { Hono } from 'hono';\ndeclare function summarize(text: string, signal: AbortSignal): Promise<string>;\nconst app = new Hono();\napp.post('/summary', async (c) => {\n  const summary = await summarize(await c.req.text(), AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(30_000)]));\n  return c.json({ summary });\n});",
    },
    {
      // The AI SDK hands a tool its signal: the fix declares it.
      code: "import { tool } from 'ai';\nimport { z } from 'zod';\nexport const weather = tool({\n  description: 'Current weather',\n  inputSchema: z.object({ city: z.string() }),\n  execute: async ({ city }) => {\n    const response = await fetch(`https://weather.example/${city}`, { signal: AbortSignal.timeout(5_000) });\n    return response.json();\n  },\n});",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(5_000)","signal":"abortSignal","callee":"fetch"}, line: 7, column: 79, endLine: 7, endColumn: 105, suggestions: [] },
      ],
      output: "import { tool } from 'ai';\nimport { z } from 'zod';\nexport const weather = tool({\n  description: 'Current weather',\n  inputSchema: z.object({ city: z.string() }),\n  execute: async ({ city }, { abortSignal }) => {\n    const response = await fetch(`https://weather.example/${city}`, { signal: abortSignal ? AbortSignal.any([abortSignal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) });\n    return response.json();\n  },\n});",
    },
    {
      // node:timers/promises.
      code: "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function backoff(attempt: number, signal: AbortSignal) {\n  await sleep(2 ** attempt * 100, undefined, { signal: AbortSignal.timeout(10_000) });\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(10_000)","signal":"signal","callee":"sleep"}, line: 3, column: 56, endLine: 3, endColumn: 83, suggestions: [] },
      ],
      output: "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function backoff(attempt: number, signal: AbortSignal) {\n  await sleep(2 ** attempt * 100, undefined, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });\n}",
    },
    {
      // AbortSignal.any of local signals only: the caller signal is added.
      code: "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort());\nexport async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.any([shutdown.signal, AbortSignal.timeout(5_000)]) });\n}",
      errors: [
        { messageId: "unlinkedAny", data: {"signal":"signal","callee":"fetch"}, line: 4, column: 31, endLine: 4, endColumn: 93, suggestions: [] },
      ],
      output: "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort());\nexport async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.any([signal, shutdown.signal, AbortSignal.timeout(5_000)]) });\n}",
    },
    {
      // A controller aborted by a timer: two suggestions.
      code: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), 5_000);\n  try {\n    return await fetch(url, { signal: controller.signal });\n  } finally {\n    clearTimeout(timer);\n  }\n}",
      errors: [
        { messageId: "unlinkedTimer", data: {"controller":"controller","signal":"signal","callee":"fetch"}, line: 5, column: 39, endLine: 5, endColumn: 56, suggestions: [
          { messageId: "replaceTimer", data: {"signal":"signal","delay":"5_000"}, output: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), 5_000);\n  try {\n    return await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });\n  } finally {\n    clearTimeout(timer);\n  }\n}" },
          { messageId: "linkController", data: {"signal":"signal","controller":"controller"}, output: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), 5_000);\n  try {\n    return await fetch(url, { signal: AbortSignal.any([signal, controller.signal]) });\n  } finally {\n    clearTimeout(timer);\n  }\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A pure timer nothing else uses: replacing it removes the controller and the timer.
      code: "const TIMEOUT_MS = 5_000;\nexport async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), TIMEOUT_MS);\n  return fetch(url, { signal: controller.signal });\n}",
      errors: [
        { messageId: "unlinkedTimer", data: {"controller":"controller","signal":"signal","callee":"fetch"}, line: 5, column: 31, endLine: 5, endColumn: 48, suggestions: [
          { messageId: "replaceTimer", data: {"signal":"signal","delay":"TIMEOUT_MS"}, output: "const TIMEOUT_MS = 5_000;\nexport async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) });\n}" },
          { messageId: "linkController", data: {"signal":"signal","controller":"controller"}, output: "const TIMEOUT_MS = 5_000;\nexport async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), TIMEOUT_MS);\n  return fetch(url, { signal: AbortSignal.any([signal, controller.signal]) });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A delay declared where the slot cannot see it: only the controller is linked.
      code: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  {\n    const ms = 5_000;\n    setTimeout(() => controller.abort(), ms);\n  }\n  return fetch(url, { signal: controller.signal });\n}",
      errors: [
        { messageId: "unlinkedTimer", data: {"controller":"controller","signal":"signal","callee":"fetch"}, line: 7, column: 31, endLine: 7, endColumn: 48, suggestions: [
          { messageId: "linkController", data: {"signal":"signal","controller":"controller"}, output: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  {\n    const ms = 5_000;\n    setTimeout(() => controller.abort(), ms);\n  }\n  return fetch(url, { signal: AbortSignal.any([signal, controller.signal]) });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // The first failure of a group aborts the others, but not the caller.
      code: "export async function loadAll(urls: string[], signal: AbortSignal) {\n  const controller = new AbortController();\n  return Promise.all(\n    urls.map(async (url) => {\n      try {\n        return await fetch(url, { signal: controller.signal });\n      } catch (error) {\n        controller.abort(error);\n        throw error;\n      }\n    }),\n  );\n}",
      errors: [
        { messageId: "unlinkedController", data: {"controller":"controller","signal":"signal","callee":"fetch"}, line: 6, column: 43, endLine: 6, endColumn: 60, suggestions: [
          { messageId: "linkController", data: {"signal":"signal","controller":"controller"}, output: "export async function loadAll(urls: string[], signal: AbortSignal) {\n  const controller = new AbortController();\n  return Promise.all(\n    urls.map(async (url) => {\n      try {\n        return await fetch(url, { signal: AbortSignal.any([signal, controller.signal]) });\n      } catch (error) {\n        controller.abort(error);\n        throw error;\n      }\n    }),\n  );\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A module-level shutdown controller used instead of the job signal.
      code: "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort());\ndeclare function embed(texts: string[], signal: AbortSignal): Promise<number[][]>;\nexport async function runJob(texts: string[], signal: AbortSignal) {\n  return embed(texts, shutdown.signal);\n}",
      errors: [
        { messageId: "unlinkedController", data: {"controller":"shutdown","signal":"signal","callee":"embed"}, line: 5, column: 23, endLine: 5, endColumn: 38, suggestions: [
          { messageId: "linkController", data: {"signal":"signal","controller":"shutdown"}, output: "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort());\ndeclare function embed(texts: string[], signal: AbortSignal): Promise<number[][]>;\nexport async function runJob(texts: string[], signal: AbortSignal) {\n  return embed(texts, AbortSignal.any([signal, shutdown.signal]));\n}" },
        ] },
      ],
      output: null,
    },
    {
      // fix: 'suggestion'
      code: "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.timeout(5_000) });\n}",
      options: [{"fix":"suggestion"}],
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(5_000)","signal":"signal","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 57, suggestions: [
          { messageId: "linkTimeout", data: {"signal":"signal"}, output: "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A choice between two deadlines is linked as a whole.
      code: "export async function load(url: string, options: { signal?: AbortSignal }) {\n  const slow = url.endsWith('.zip');\n  return fetch(url, { signal: slow ? AbortSignal.timeout(60_000) : AbortSignal.timeout(5_000) });\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"slow ? AbortSignal.timeout(60_000) : AbortSignal.timeout(…","signal":"options.signal","callee":"fetch"}, line: 3, column: 31, endLine: 3, endColumn: 94, suggestions: [] },
      ],
      output: "export async function load(url: string, options: { signal?: AbortSignal }) {\n  const slow = url.endsWith('.zip');\n  return fetch(url, { signal: options.signal ? AbortSignal.any([options.signal, slow ? AbortSignal.timeout(60_000) : AbortSignal.timeout(5_000)]) : (slow ? AbortSignal.timeout(60_000) : AbortSignal.timeout(5_000)) });\n}",
    },
    {
      // A const options object built for the call.
      code: "export async function getJson(url: string, options: { signal?: AbortSignal; timeoutMs?: number; body?: string } = {}) {\n  const init: RequestInit = {\n    method: 'POST',\n    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),\n  };\n  if (options.body !== undefined) init.body = options.body;\n  const response = await fetch(url, init);\n  return response.json();\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(options.timeoutMs ?? 5_000)","signal":"options.signal","callee":"fetch"}, line: 4, column: 13, endLine: 4, endColumn: 60, suggestions: [] },
      ],
      output: "export async function getJson(url: string, options: { signal?: AbortSignal; timeoutMs?: number; body?: string } = {}) {\n  const init: RequestInit = {\n    method: 'POST',\n    signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 5_000)]) : AbortSignal.timeout(options.timeoutMs ?? 5_000),\n  };\n  if (options.body !== undefined) init.body = options.body;\n  const response = await fetch(url, init);\n  return response.json();\n}",
    },
    {
      // The same controller, never combined with the caller signal.
      code: "declare function open(signal: AbortSignal): Promise<ReadableStream<string>>;\nexport async function pump(sink: WritableStream<string>, signal: AbortSignal) {\n  const pipe = new AbortController();\n  sink.getWriter().closed.catch(() => pipe.abort());\n  const source = await open(signal);\n  await source.pipeTo(sink, { signal: pipe.signal });\n}",
      errors: [
        { messageId: "unlinkedController", data: {"controller":"pipe","signal":"signal","callee":"source.pipeTo"}, line: 6, column: 39, endLine: 6, endColumn: 50, suggestions: [
          { messageId: "linkController", data: {"signal":"signal","controller":"pipe"}, output: "declare function open(signal: AbortSignal): Promise<ReadableStream<string>>;\nexport async function pump(sink: WritableStream<string>, signal: AbortSignal) {\n  const pipe = new AbortController();\n  sink.getWriter().closed.catch(() => pipe.abort());\n  const source = await open(signal);\n  await source.pipeTo(sink, { signal: AbortSignal.any([signal, pipe.signal]) });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A signal reached through an optional parameter: linked with ?. and kept alone when missing.
      code: "export async function load(url: string, details?: { signal?: AbortSignal }) {\n  return fetch(url, { signal: AbortSignal.timeout(5_000) });\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(5_000)","signal":"details?.signal","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 57, suggestions: [] },
      ],
      output: "export async function load(url: string, details?: { signal?: AbortSignal }) {\n  return fetch(url, { signal: details?.signal ? AbortSignal.any([details?.signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) });\n}",
    },
  ],
});

dom.run('no-unlinked-timeout (dom)', rule, {
  valid: ["export async function load(url: string, request: Request) {\n  return fetch(url, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(5_000)]) });\n}"],
  invalid: [
    {
      code: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: AbortSignal.timeout(5_000) });\n}",
      errors: [
        { messageId: "unlinkedTimeout", data: {"timeout":"AbortSignal.timeout(5_000)","signal":"request.signal","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 57, suggestions: [] },
      ],
      output: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(5_000)]) });\n}",
    },
  ],
});

bare.run('no-unlinked-timeout (bare)', rule, {
  // Without an AbortSignal type no slot is known: nothing is reported.
  valid: ["declare const AbortSignal: { timeout(ms: number): unknown };\ndeclare function load(options: { signal?: unknown }, signal: unknown): Promise<void>;\nexport async function f(signal: unknown) { await load({ signal: AbortSignal.timeout(5) }, signal); }"],
  invalid: [],
});
