import rule from '../../src/rules/no-never-aborting-signal.js';
import { createTypedTester } from '../tester.js';

const node = createTypedTester('node');
const dom = createTypedTester('dom');
const bare = createTypedTester('bare');

node.run('no-never-aborting-signal', rule, {
  valid: [
    // Real signals.
    "export async function load(url: string, signal: AbortSignal) { return fetch(url, { signal }); }",
    "export async function load(url: string, request: Request) { return fetch(url, { signal: request.signal }); }",
    "export async function load(url: string, signal: AbortSignal) { return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) }); }",
    "export async function load(url: string) { return fetch(url, { signal: AbortSignal.timeout(5_000) }); }",
    // A fallback that can fire.
    "export async function load(url: string, signal?: AbortSignal) { return fetch(url, { signal: signal ?? AbortSignal.timeout(5_000) }); }",
    // Nothing passed is require-signal's business.
    "export async function load(url: string) { return fetch(url); }",
    // A controller aborted by a timer, by a bound abort, by a forwarded abort.
    "export async function load(url: string) {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 5_000);\n  return fetch(url, { signal: controller.signal });\n}",
    "export async function load(url: string) {\n  const controller = new AbortController();\n  setTimeout(controller.abort.bind(controller), 5_000);\n  return fetch(url, { signal: controller.signal });\n}",
    "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  const forward = () => controller.abort(signal.reason);\n  signal.addEventListener('abort', forward, { once: true });\n  try {\n    return await fetch(url, { signal: controller.signal });\n  } finally {\n    signal.removeEventListener('abort', forward);\n  }\n}",
    // Aborted after the first failure of a group.
    "export async function loadAll(urls: string[]) {\n  const controller = new AbortController();\n  return Promise.all(urls.map((url) => fetch(url, { signal: controller.signal }).catch((error: unknown) => {\n    controller.abort(error);\n    throw error;\n  })));\n}",
    // The Express idiom: aborted when the client goes away.
    "import type { Response } from 'express';\nexport async function handle(res: Response) {\n  const controller = new AbortController();\n  res.on('close', () => {\n    if (!res.writableFinished) controller.abort();\n  });\n  await fetch('/a', { signal: controller.signal });\n}",
    // A module-level shutdown controller aborted on SIGTERM.
    "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort(new Error('shutting down')));\nexport async function job(url: string) {\n  return fetch(url, { signal: shutdown.signal });\n}",
    // A controller that escapes: whoever receives it can abort.
    "declare function register(controller: AbortController): void;\nexport async function load(url: string) {\n  const controller = new AbortController();\n  register(controller);\n  return fetch(url, { signal: controller.signal });\n}",
    "export function start(url: string) {\n  const controller = new AbortController();\n  void fetch(url, { signal: controller.signal });\n  return controller;\n}",
    "export function start(url: string) {\n  const controller = new AbortController();\n  void fetch(url, { signal: controller.signal });\n  return { cancel: () => controller.abort() };\n}",
    "export class Job {\n  private controller?: AbortController;\n  start(url: string) {\n    const controller = new AbortController();\n    this.controller = controller;\n    return fetch(url, { signal: controller.signal });\n  }\n}",
    "export const shutdown = new AbortController();\nexport async function job(url: string) {\n  return fetch(url, { signal: shutdown.signal });\n}",
    // A field aborted by another method.
    "export class Poller {\n  private controller = new AbortController();\n  async poll(url: string) {\n    return fetch(url, { signal: this.controller.signal });\n  }\n  stop() {\n    this.controller.abort();\n  }\n}",
    "export class Poller {\n  #controller: AbortController | undefined;\n  async poll(url: string) {\n    this.#controller = new AbortController();\n    return fetch(url, { signal: this.#controller.signal });\n  }\n  cancel() {\n    this.#controller?.abort();\n  }\n}",
    // A public field: code outside the class can abort it.
    "export class Poller {\n  controller = new AbortController();\n  async poll(url: string) {\n    return fetch(url, { signal: this.controller.signal });\n  }\n}",
    // Reassigned with something else: not judged.
    "declare function other(): AbortController;\nexport async function load(url: string) {\n  let controller = new AbortController();\n  controller = other();\n  return fetch(url, { signal: controller.signal });\n}",
    // A local class named AbortController is not the global one.
    "class AbortController { signal = AbortSignal.timeout(10); }\nexport async function load(url: string) {\n  return fetch(url, { signal: new AbortController().signal });\n}",
    // A Request that carries a signal, or copies another request's.
    "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: new Request(url, { signal }).signal });\n}",
    "export async function load(request: Request) {\n  return fetch(request.url, { signal: new Request(request).signal });\n}",
    "export async function load(url: string, init: RequestInit) {\n  return fetch(url, { signal: new Request(url, init).signal });\n}",
    // Not a signal slot.
    "declare function log(fields: { signal?: string; at?: null }): void;\nlog({ signal: undefined, at: null });",
    "export function serialize(value: unknown) { return JSON.stringify(value, null, 2); }",
    // The signal is the subject of the call.
    "export function never() { return AbortSignal.any([new AbortController().signal]); }",
    // Options.
    { code: "export async function load(url: string) { return fetch(url, { signal: undefined }); }", options: [{ checkNullish: false }] },
    { code: "export async function load(url: string, signal?: AbortSignal) { return fetch(url, { signal: signal ?? new AbortController().signal }); }", options: [{ checkFallbacks: false }] },
    // A const options object whose signal is replaced, or that several calls share: not followed.
    "export async function getJson(url: string, signal: AbortSignal) {\n  const init: RequestInit = { signal: new AbortController().signal };\n  init.signal = signal;\n  return fetch(url, init);\n}",
    "export async function getJson(url: string) {\n  const init: RequestInit = { signal: new AbortController().signal };\n  await fetch(url, init);\n  return fetch(url, init);\n}",
    // A nullish argument to a call that does no work resets state.
    "declare function setAbortController(controller: AbortController | null): void;\nexport function reset() { setAbortController(null); }",
    "declare const registry: { track(id: string, signal: AbortSignal | undefined): void };\nexport function untrack(id: string) { registry.track(id, undefined); }",
    // A null Request is not an options bag without a signal.
    "declare function replay(request: Request | null): Promise<Response>;\nexport async function retry() { return replay(null); }",
    // Cleanup runs after the caller may have aborted: detaching is the point there.
    "declare function writeAuditLog(entry: string, signal: AbortSignal): Promise<void>;\nexport async function handle(entry: string, signal: AbortSignal) {\n  try {\n    await fetch('/work', { signal });\n  } finally {\n    await writeAuditLog(entry, new AbortController().signal);\n  }\n}",
    // A type error does not crash the rule.
    "// @ts-expect-error: missing is not declared\nexport async function load() { return missing({ signal: new AbortController().signal }); }",
    "export async function load(url: any) { return url.fetch({ signal: new AbortController().signal }); }",
  ],
  invalid: [
    {
      // An inline controller: nothing can ever call its abort().
      code: "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function POST(request: Request) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: new AbortController().signal });\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"openai.chat.completions.create"}, line: 4, column: 86, endLine: 4, endColumn: 114, suggestions: [
          { messageId: "useSignal", data: {"signal":"request.signal"}, output: "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function POST(request: Request) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: request.signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // No real signal in scope: reported without a suggestion.
      code: "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\nexport async function summarize(text: string) {\n  return anthropic.messages.create(\n    { model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: text }] },\n    { signal: new AbortController().signal },\n  );\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"anthropic.messages.create"}, line: 6, column: 15, endLine: 6, endColumn: 43, suggestions: [] },
      ],
      output: null,
    },
    {
      // The AI SDK offers a signal to a tool: the suggestion declares it.
      code: "import { generateText, tool } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { z } from 'zod';\nexport const research = tool({\n  description: 'Research a topic',\n  inputSchema: z.object({ topic: z.string() }),\n  execute: async ({ topic }) => {\n    const { text } = await generateText({ model: openai('gpt-4o'), prompt: topic, abortSignal: new AbortController().signal });\n    return text;\n  },\n});",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"generateText"}, line: 8, column: 96, endLine: 8, endColumn: 124, suggestions: [
          { messageId: "useSignal", data: {"signal":"abortSignal"}, output: "import { generateText, tool } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { z } from 'zod';\nexport const research = tool({\n  description: 'Research a topic',\n  inputSchema: z.object({ topic: z.string() }),\n  execute: async ({ topic }, { abortSignal }) => {\n    const { text } = await generateText({ model: openai('gpt-4o'), prompt: topic, abortSignal });\n    return text;\n  },\n});" },
        ] },
      ],
      output: null,
    },
    {
      // A local controller nobody aborts.
      code: "export async function load(url: string) {\n  const controller = new AbortController();\n  return fetch(url, { signal: controller.signal });\n}",
      errors: [
        { messageId: "unusedController", data: {"signal":"controller.signal","controller":"controller","callee":"fetch"}, line: 3, column: 31, endLine: 3, endColumn: 48, suggestions: [] },
      ],
      output: null,
    },
    {
      // The suggestion writes a shorthand property when the names match.
      code: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  return fetch(url, { signal: controller.signal });\n}",
      errors: [
        { messageId: "unusedController", data: {"signal":"controller.signal","controller":"controller","callee":"fetch"}, line: 3, column: 31, endLine: 3, endColumn: 48, suggestions: [
          { messageId: "useSignal", data: {"signal":"signal"}, output: "export async function load(url: string, signal: AbortSignal) {\n  const controller = new AbortController();\n  return fetch(url, { signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // Through a const: the use is reported.
      code: "declare function embedDocuments(texts: string[], signal: AbortSignal): Promise<number[][]>;\nexport async function index(texts: string[]) {\n  const signal = new AbortController().signal;\n  return embedDocuments(texts, signal);\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"signal","callee":"embedDocuments"}, line: 4, column: 32, endLine: 4, endColumn: 38, suggestions: [] },
      ],
      output: null,
    },
    {
      // A shorthand property is expanded by the suggestion.
      code: "export async function load(url: string, request: Request) {\n  const signal = new AbortController().signal;\n  return fetch(url, { signal });\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"signal","callee":"fetch"}, line: 3, column: 23, endLine: 3, endColumn: 29, suggestions: [
          { messageId: "useSignal", data: {"signal":"request.signal"}, output: "export async function load(url: string, request: Request) {\n  const signal = new AbortController().signal;\n  return fetch(url, { signal: request.signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A Request built on the spot.
      code: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: new Request(url).signal });\n}",
      errors: [
        { messageId: "freshRequest", data: {"signal":"new Request(url).signal","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 54, suggestions: [
          { messageId: "useSignal", data: {"signal":"request.signal"}, output: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: request.signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A Request in a const, built without a signal.
      code: "export async function load(url: string) {\n  const probe = new Request(url, { method: 'HEAD' });\n  return fetch(probe.url, { signal: probe.signal });\n}",
      errors: [
        { messageId: "freshRequest", data: {"signal":"probe.signal","callee":"fetch"}, line: 3, column: 37, endLine: 3, endColumn: 49, suggestions: [] },
      ],
      output: null,
    },
    {
      // An explicit undefined.
      code: "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: undefined });\n}",
      errors: [
        { messageId: "nullSignal", data: {"signal":"undefined","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 40, suggestions: [
          { messageId: "useSignal", data: {"signal":"signal"}, output: "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      code: "export async function load(url: string) {\n  return fetch(url, { method: 'GET', signal: null });\n}",
      errors: [
        { messageId: "nullSignal", data: {"signal":"null","callee":"fetch"}, line: 2, column: 46, endLine: 2, endColumn: 50, suggestions: [] },
      ],
      output: null,
    },
    {
      // A comment in the replaced value survives outside it.
      code: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: /* none */ void 0 });\n}",
      errors: [
        { messageId: "nullSignal", data: {"signal":"void 0","callee":"fetch"}, line: 2, column: 42, endLine: 2, endColumn: 48, suggestions: [
          { messageId: "useSignal", data: {"signal":"request.signal"}, output: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: /* none */ request.signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A positional signal parameter of a project function.
      code: "declare function summarize(text: string, signal?: AbortSignal): Promise<string>;\nexport async function handle(text: string, signal: AbortSignal) {\n  return summarize(text, undefined);\n}",
      errors: [
        { messageId: "nullSignal", data: {"signal":"undefined","callee":"summarize"}, line: 3, column: 26, endLine: 3, endColumn: 35, suggestions: [
          { messageId: "useSignal", data: {"signal":"signal"}, output: "declare function summarize(text: string, signal?: AbortSignal): Promise<string>;\nexport async function handle(text: string, signal: AbortSignal) {\n  return summarize(text, signal);\n}" },
        ] },
      ],
      output: null,
    },
    {
      // The whole options object that carries the signal.
      code: "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function POST(request: Request) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, undefined);\n}",
      errors: [
        { messageId: "nullOptions", data: {"signal":"undefined","callee":"openai.chat.completions.create"}, line: 4, column: 76, endLine: 4, endColumn: 85, suggestions: [
          { messageId: "useSignal", data: {"signal":"request.signal"}, output: "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function POST(request: Request) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: request.signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A never-aborting fallback: dropping it is a suggestion.
      code: "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function ask(prompt: string, options: { signal?: AbortSignal } = {}) {\n  return generateText({ model: openai('gpt-4o'), prompt, abortSignal: options.signal ?? new AbortController().signal });\n}",
      errors: [
        { messageId: "fallbackSignal", data: {"signal":"new AbortController().signal","primary":"options.signal","callee":"generateText"}, line: 4, column: 89, endLine: 4, endColumn: 117, suggestions: [
          { messageId: "dropFallback", data: {"primary":"options.signal"}, output: "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function ask(prompt: string, options: { signal?: AbortSignal } = {}) {\n  return generateText({ model: openai('gpt-4o'), prompt, abortSignal: options.signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A fallback the slot needs (a required parameter): no edit fits.
      code: "declare function summarize(text: string, signal: AbortSignal): Promise<string>;\nexport async function handle(text: string, options: { signal?: AbortSignal }) {\n  const signal = options.signal ?? new AbortController().signal;\n  return summarize(text, signal);\n}",
      errors: [
        { messageId: "fallbackSignal", data: {"signal":"new AbortController().signal","primary":"options.signal","callee":"summarize"}, line: 4, column: 26, endLine: 4, endColumn: 32, suggestions: [] },
      ],
      output: null,
    },
    {
      // With || too.
      code: "export async function load(url: string, signal?: AbortSignal) {\n  return fetch(url, { signal: signal || new AbortController().signal });\n}",
      errors: [
        { messageId: "fallbackSignal", data: {"signal":"new AbortController().signal","primary":"signal","callee":"fetch"}, line: 2, column: 41, endLine: 2, endColumn: 69, suggestions: [
          { messageId: "dropFallback", data: {"primary":"signal"}, output: "export async function load(url: string, signal?: AbortSignal) {\n  return fetch(url, { signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // AbortSignal.any([]) combines nothing.
      code: "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal: AbortSignal.any([]) });\n}",
      errors: [
        { messageId: "emptyAny", data: {"signal":"AbortSignal.any([])","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 50, suggestions: [
          { messageId: "useSignal", data: {"signal":"signal"}, output: "export async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      code: "export async function load(url: string) {\n  return fetch(url, { signal: AbortSignal.any([new AbortController().signal]) });\n}",
      errors: [
        { messageId: "emptyAny", data: {"signal":"AbortSignal.any([new AbortController().signal])","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 78, suggestions: [] },
      ],
      output: null,
    },
    {
      // A private field that no method aborts.
      code: "export class Poller {\n  private controller = new AbortController();\n  async poll(url: string) {\n    return fetch(url, { signal: this.controller.signal });\n  }\n}",
      errors: [
        { messageId: "unusedController", data: {"signal":"this.controller.signal","controller":"this.controller","callee":"fetch"}, line: 4, column: 33, endLine: 4, endColumn: 55, suggestions: [] },
      ],
      output: null,
    },
    {
      code: "export class Poller {\n  #controller = new AbortController();\n  async poll(url: string) {\n    return fetch(url, { signal: this.#controller.signal });\n  }\n}",
      errors: [
        { messageId: "unusedController", data: {"signal":"this.#controller.signal","controller":"this.#controller","callee":"fetch"}, line: 4, column: 33, endLine: 4, endColumn: 56, suggestions: [] },
      ],
      output: null,
    },
    {
      // node:timers/promises takes its signal in the third argument.
      code: "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function pause(ms: number, signal: AbortSignal) {\n  const local = new AbortController();\n  await sleep(ms, undefined, { signal: local.signal });\n}",
      errors: [
        { messageId: "unusedController", data: {"signal":"local.signal","controller":"local","callee":"sleep"}, line: 4, column: 40, endLine: 4, endColumn: 52, suggestions: [
          { messageId: "useSignal", data: {"signal":"signal"}, output: "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function pause(ms: number, signal: AbortSignal) {\n  const local = new AbortController();\n  await sleep(ms, undefined, { signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A source that does not fit the slot is not suggested (optional into required).
      code: "declare function summarize(text: string, signal: AbortSignal): Promise<string>;\nexport async function handle(text: string, signal?: AbortSignal) {\n  return summarize(text, new AbortController().signal);\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"summarize"}, line: 3, column: 26, endLine: 3, endColumn: 54, suggestions: [] },
      ],
      output: null,
    },
    {
      // A const options object built for the call.
      code: "export async function getJson(url: string, options: { signal?: AbortSignal; body?: string } = {}) {\n  const init: RequestInit = {\n    method: 'POST',\n    signal: new AbortController().signal,\n  };\n  if (options.body !== undefined) init.body = options.body;\n  const response = await fetch(url, init);\n  return response.json();\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"fetch"}, line: 4, column: 13, endLine: 4, endColumn: 41, suggestions: [
          { messageId: "useSignal", data: {"signal":"options.signal"}, output: "export async function getJson(url: string, options: { signal?: AbortSignal; body?: string } = {}) {\n  const init: RequestInit = {\n    method: 'POST',\n    signal: options.signal,\n  };\n  if (options.body !== undefined) init.body = options.body;\n  const response = await fetch(url, init);\n  return response.json();\n}" },
        ] },
      ],
      output: null,
    },
    {
      // A signal reached through an optional parameter fits an optional slot.
      code: "export async function load(url: string, details?: { signal?: AbortSignal }) {\n  return fetch(url, { signal: new AbortController().signal });\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 59, suggestions: [
          { messageId: "useSignal", data: {"signal":"details?.signal"}, output: "export async function load(url: string, details?: { signal?: AbortSignal }) {\n  return fetch(url, { signal: details?.signal });\n}" },
        ] },
      ],
      output: null,
    },
    {
      // It does not fit a required one.
      code: "declare function summarize(text: string, signal: AbortSignal): Promise<string>;\nexport async function handle(text: string, details?: { signal: AbortSignal }) {\n  return summarize(text, new AbortController().signal);\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"summarize"}, line: 3, column: 26, endLine: 3, endColumn: 54, suggestions: [] },
      ],
      output: null,
    },
  ],
});

dom.run('no-never-aborting-signal (dom)', rule, {
  valid: ["export async function load(url: string, request: Request) { return fetch(url, { signal: request.signal }); }"],
  invalid: [
    {
      code: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: new AbortController().signal });\n}",
      errors: [
        { messageId: "inlineController", data: {"signal":"new AbortController().signal","callee":"fetch"}, line: 2, column: 31, endLine: 2, endColumn: 59, suggestions: [
          { messageId: "useSignal", data: {"signal":"request.signal"}, output: "export async function load(url: string, request: Request) {\n  return fetch(url, { signal: request.signal });\n}" },
        ] },
      ],
      output: null,
    },
  ],
});

bare.run('no-never-aborting-signal (bare)', rule, {
  // Without an AbortSignal type no slot is known: nothing is reported.
  valid: ["declare function load(options: { signal?: unknown }): Promise<void>;\nexport async function f() { await load({ signal: undefined }); }"],
  invalid: [],
});
