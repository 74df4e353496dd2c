import rule from '../../src/rules/require-signal.js';
import { createTypedTester } from '../tester.js';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const CHAT = "openai.chat.completions.create({ model: 'gpt-4o', messages: [] })";

const dom = createTypedTester('dom');
const node = createTypedTester('node');
const bare = createTypedTester('bare');

dom.run('require-signal (dom)', rule, {
  valid: [
    // A receiver that is a union: one member's method takes no signal, so the call cannot be given one.
    'declare class Exchange { getToken(options?: { signal?: AbortSignal }): Promise<string> }\ndeclare class Static { getToken(): Promise<string> }\ndeclare const auth: Exchange | Static;\nasync function f(signal: AbortSignal) { await auth.getToken(); }',
    // The signal is passed, in any form.
    "async function f(signal: AbortSignal) { await fetch('/a', { signal }); }",
    "async function f(signal: AbortSignal) { await fetch('/a', { signal: undefined }); }",
    "async function f(signal: AbortSignal) { await fetch('/a', { signal: new AbortController().signal }); }",
    // A non-literal whose type declares the property may carry it.
    "async function f(signal: AbortSignal, init: RequestInit) { await fetch('/a', init); }",
    // A spread that may carry it.
    "async function f(signal: AbortSignal, init: RequestInit) { await fetch('/a', { ...init, method: 'POST' }); }",
    // `any` cannot be judged.
    "async function f(signal: AbortSignal, init: any) { await fetch('/a', init); }",
    "async function f(signal: AbortSignal, client: any) { await client.chat.completions.create({}); }",
    // Spread arguments: positions unknown.
    "async function f(signal: AbortSignal, args: [string]) { await fetch(...args); }",
    // No signal in scope, not an AI call (checkWithoutSignal: 'ai').
    "async function f() { await fetch('/a'); }",
    // Cleanup contexts: an aborted signal would make cleanup fail.
    "async function f(signal: AbortSignal) { try { await fetch('/a', { signal }); } finally { await fetch('/flush'); } }",
    "async function f(signal: AbortSignal) { try { await fetch('/a', { signal }); } catch { await fetch('/report'); } }",
    "function f(signal: AbortSignal) { signal.addEventListener('abort', () => { void fetch('/cancelled'); }); }",
    "function f(signal: AbortSignal) { signal.onabort = () => { void fetch('/cancelled'); }; }",
    "async function f(signal: AbortSignal) { await fetch('/a', { signal }).catch(() => fetch('/fallback')); }",
    // The signal is the subject.
    'function f(signal: AbortSignal) { return AbortSignal.any([signal, AbortSignal.timeout(10)]); }',
    'function f(signal: AbortSignal) { signal.throwIfAborted(); }',
    // A listener's signal removes a listener: the call returns nothing to cancel.
    "function f(signal: AbortSignal, target: EventTarget) { target.addEventListener('message', () => {}, { signal }); }",
    "function f(signal: AbortSignal, target: EventTarget) { target.addEventListener('message', () => {}); }",
    // Calls that configure rather than do work.
    "function f(signal: AbortSignal) { return new Request('/a'); }",
    // Project functions whose signal slot is filled.
    'declare function load(id: string, options?: { signal?: AbortSignal }): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a", { signal }); }',
    // A project function without a signal slot.
    'declare function load(id: string): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a"); }',
    // Deprecated overloads do not count.
    'declare function load(id: string): Promise<string>;\n/** @deprecated */\ndeclare function load(id: string, signal: AbortSignal): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a"); }',
    // A rest parameter is no slot.
    'declare function all(...signals: AbortSignal[]): Promise<void>;\nasync function f(signal: AbortSignal) { await all(); }',
    // The explicit whole-options `undefined` is a choice (no-never-aborting-signal's business).
    `${OPENAI}async function f(signal: AbortSignal) { await openai.chat.completions.create({ model: 'x', messages: [] }, undefined); }`,
    // Signals built inside the call being fixed are never sources.
    'declare function toController(response: Response): AbortController;\nasync function f() { const controller = toController(await fetch("/a")); return controller; }',
    // A source declared after the call is not in scope yet.
    "async function f() { await fetch('/a'); const controller = new AbortController(); return controller; }",
    // Options handed over as a promise carry whatever they resolve to.
    'interface RequestOptions { signal?: AbortSignal | null; body?: unknown }\ndeclare function post(path: string, opts?: RequestOptions | Promise<RequestOptions>): Promise<string>;\nexport function create(options?: RequestOptions) { return post("/x", Promise.resolve(options).then((o) => ({ ...o }))); }',
    // FP A: `signal` exists on `Request` only, not on `RequestInfo` (`Request | string`): no source.
    "export async function proxy(input: RequestInfo): Promise<Response> { return fetch('https://upstream.test/'); }",
    // FP 2: the branch where the signal was tested absent passes none on purpose.
    'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport function run(args: unknown, signal?: AbortSignal): Promise<void> {\n  return signal ? execute(args, { signal }) : execute(args);\n}',
    'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(args: unknown, signal?: AbortSignal) {\n  if (signal) {\n    await execute(args, { signal });\n  } else {\n    await execute(args);\n  }\n}',
    'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport function run(args: unknown, signal?: AbortSignal) {\n  if (!signal) return execute(args);\n  return execute(args, { signal });\n}',
    'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport function run(args: unknown, options?: { signal?: AbortSignal }) {\n  if (options?.signal === undefined) return execute(args);\n  return execute(args, { signal: options.signal });\n}',
    'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(args: unknown, signal?: AbortSignal) {\n  if (signal != null) {\n    return execute(args, { signal });\n  }\n  return execute(args);\n}',
    'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport function run(args: unknown, signal?: AbortSignal) {\n  return (!signal && execute(args)) || execute(args, { signal });\n}',
    // Options disabled.
    { code: `${OPENAI}async function f() { await ${CHAT}; }`, options: [{ checkWithoutSignal: 'off' }] },
  ],
  invalid: [
    {
      // Every member of the receiver's union takes one.
      code: 'declare class Exchange { getToken(options?: { signal?: AbortSignal }): Promise<string> }\ndeclare class Refresh { getToken(options?: { signal?: AbortSignal; force?: boolean }): Promise<string> }\ndeclare const auth: Exchange | Refresh;\nasync function f(signal: AbortSignal) { await auth.getToken(); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'auth.getToken', slot: '1st argument (`signal`)', signal: 'signal' } }],
      output:
        'declare class Exchange { getToken(options?: { signal?: AbortSignal }): Promise<string> }\ndeclare class Refresh { getToken(options?: { signal?: AbortSignal; force?: boolean }): Promise<string> }\ndeclare const auth: Exchange | Refresh;\nasync function f(signal: AbortSignal) { await auth.getToken({ signal }); }',
    },
    {
      code: "async function f(signal: AbortSignal) { await fetch('/a'); }",
      errors: [
        {
          messageId: 'missingSignal',
          data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' },
          line: 1,
          column: 47,
          endLine: 1,
          endColumn: 58,
        },
      ],
      output: "async function f(signal: AbortSignal) { await fetch('/a', { signal }); }",
    },
    {
      // Optional parameters are the JavaScript norm.
      code: "async function f(signal?: AbortSignal) { await fetch('/a', {}); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: "async function f(signal?: AbortSignal) { await fetch('/a', { signal }); }",
    },
    {
      code: "async function f(signal: AbortSignal) { await fetch('/a', { method: 'POST' }); }",
      errors: [{ messageId: 'missingSignal' }],
      output: "async function f(signal: AbortSignal) { await fetch('/a', { method: 'POST', signal }); }",
    },
    {
      // A trailing comma and a comment are kept.
      code: "async function f(signal: AbortSignal) {\n  await fetch('/a', {\n    method: 'POST', // verb\n  });\n}",
      errors: [{ messageId: 'missingSignal', line: 2, column: 9, endLine: 4, endColumn: 5 }],
      output: "async function f(signal: AbortSignal) {\n  await fetch('/a', {\n    method: 'POST', // verb\n    signal,\n  });\n}",
    },
    {
      code: "async function f(signal: AbortSignal) {\n  await fetch('/a', {\n    method: 'POST'\n  });\n}",
      errors: [{ messageId: 'missingSignal' }],
      output: "async function f(signal: AbortSignal) {\n  await fetch('/a', {\n    method: 'POST',\n    signal\n  });\n}",
    },
    {
      // The request's signal, from a parameter's property.
      code: `${OPENAI}export async function POST(request: Request) {\n  return ${CHAT};\n}`,
      errors: [
        {
          messageId: 'missingSignal',
          data: { callee: 'openai.chat.completions.create', slot: '2nd argument (`signal`)', signal: 'request.signal' },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 75,
        },
      ],
      output: `${OPENAI}export async function POST(request: Request) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: request.signal });\n}`,
    },
    {
      // The innermost source wins: a local combined signal over the request's.
      code: "async function f(request: Request) {\n  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(5000)]);\n  await fetch('/a');\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: "async function f(request: Request) {\n  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(5000)]);\n  await fetch('/a', { signal });\n}",
    },
    {
      // A local controller.
      code: "async function f() {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 10);\n  await fetch('/a');\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'controller.signal' } }],
      output: "async function f() {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 10);\n  await fetch('/a', { signal: controller.signal });\n}",
    },
    {
      // A signal three levels down a parameter.
      code: "async function f(ctx: { request: { raw: Request } }) { await fetch('/a'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'ctx.request.raw.signal' } }],
      output: "async function f(ctx: { request: { raw: Request } }) { await fetch('/a', { signal: ctx.request.raw.signal }); }",
    },
    {
      // An optional options parameter: the access must be optional too.
      code: "interface CallOptions { signal?: AbortSignal; timeout?: number }\nexport async function f(url: string, options?: CallOptions) { return fetch(url); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'options?.signal' } }],
      output: "interface CallOptions { signal?: AbortSignal; timeout?: number }\nexport async function f(url: string, options?: CallOptions) { return fetch(url, { signal: options?.signal }); }",
    },
    {
      // Destructured parameter.
      code: "async function f({ signal }: { signal?: AbortSignal }) { await fetch('/a'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: "async function f({ signal }: { signal?: AbortSignal }) { await fetch('/a', { signal }); }",
    },
    {
      // A class field, through `this`.
      code: "class Poller {\n  private controller = new AbortController();\n  async tick() { await fetch('/a'); }\n  stop() { this.controller.abort(); }\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'this.controller.signal' } }],
      output: "class Poller {\n  private controller = new AbortController();\n  async tick() { await fetch('/a', { signal: this.controller.signal }); }\n  stop() { this.controller.abort(); }\n}",
    },
    {
      // An outer function's signal reaches a callback by closure.
      code: "async function f(urls: string[], signal: AbortSignal) {\n  await Promise.all(urls.map((url) => fetch(url)));\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: "async function f(urls: string[], signal: AbortSignal) {\n  await Promise.all(urls.map((url) => fetch(url, { signal })));\n}",
    },
    {
      // A spread whose type lacks the property does not carry it.
      code: "async function f(signal: AbortSignal, extra: { method: string }) { await fetch('/a', { ...extra }); }",
      errors: [{ messageId: 'missingSignal' }],
      output: "async function f(signal: AbortSignal, extra: { method: string }) { await fetch('/a', { ...extra, signal }); }",
    },
    {
      // A non-literal whose type lacks the property: a copy is a suggestion.
      code: "async function f(signal: AbortSignal, extra: { method: string }) { await fetch('/a', extra); }",
      errors: [
        {
          messageId: 'missingSignal',
          suggestions: [
            {
              messageId: 'copyWithSignal',
              data: { signal: 'signal' },
              output: "async function f(signal: AbortSignal, extra: { method: string }) { await fetch('/a', { ...extra, signal }); }",
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A nested slot: the copy keeps what the value holds on the way (`...opts.config`).
      code: 'declare function gen(p: { model: string; config?: { temperature?: number; abortSignal?: AbortSignal } }): Promise<string>;\nasync function f(signal: AbortSignal, opts: { model: string; config?: { temperature?: number } }) { await gen(opts); }',
      errors: [
        {
          messageId: 'missingSignal',
          suggestions: [
            {
              messageId: 'copyWithSignal',
              data: { signal: 'signal' },
              output:
                'declare function gen(p: { model: string; config?: { temperature?: number; abortSignal?: AbortSignal } }): Promise<string>;\nasync function f(signal: AbortSignal, opts: { model: string; config?: { temperature?: number } }) { await gen({ ...opts, config: { ...opts.config, abortSignal: signal } }); }',
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A nested slot behind a value that is not a plain reference: copying would evaluate it twice.
      code: 'declare function gen(p: { model: string; config?: { temperature?: number; abortSignal?: AbortSignal } }): Promise<string>;\ndeclare function options(): { model: string; config?: { temperature?: number } };\nasync function f(signal: AbortSignal) { await gen(options()); }',
      errors: [{ messageId: 'missingSignal', suggestions: [] }],
      output: null,
    },
    {
      // Positional signal parameter of a project function.
      code: 'declare function load(id: string, signal?: AbortSignal): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a"); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'load', slot: '2nd argument', signal: 'signal' } }],
      output: 'declare function load(id: string, signal?: AbortSignal): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a", signal); }',
    },
    {
      // Skipped optional parameters are filled with `undefined`.
      code: 'declare function load(id: string, cache?: boolean, options?: { signal?: AbortSignal }): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a"); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'load', slot: '3rd argument (`signal`)', signal: 'signal' } }],
      output: 'declare function load(id: string, cache?: boolean, options?: { signal?: AbortSignal }): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a", undefined, { signal }); }',
    },
    {
      // Another overload takes the same arguments plus a signal: a suggestion.
      code: 'declare function load(id: string): Promise<string>;\ndeclare function load(id: string, options: { signal: AbortSignal }): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a"); }',
      errors: [
        {
          messageId: 'missingSignal',
          data: { callee: 'load', slot: '2nd argument (`signal`)', signal: 'signal' },
          suggestions: [
            {
              messageId: 'passSignal',
              data: { signal: 'signal' },
              output: 'declare function load(id: string): Promise<string>;\ndeclare function load(id: string, options: { signal: AbortSignal }): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a", { signal }); }',
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A structurally signal-like parameter (an SDK's own interface).
      code: 'interface SdkSignal { readonly aborted: boolean; onabort: (() => void) | null }\ndeclare function send(cmd: string, options?: { abortSignal?: SdkSignal }): Promise<void>;\nasync function f(signal: AbortSignal) { await send("x"); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'send', slot: '2nd argument (`abortSignal`)', signal: 'signal' } }],
      output: 'interface SdkSignal { readonly aborted: boolean; onabort: (() => void) | null }\ndeclare function send(cmd: string, options?: { abortSignal?: SdkSignal }): Promise<void>;\nasync function f(signal: AbortSignal) { await send("x", { abortSignal: signal }); }',
    },
    {
      // A nested slot in a nested literal.
      code: 'declare function gen(p: { model: string; config?: { temperature?: number; abortSignal?: AbortSignal } }): Promise<string>;\nasync function f(signal: AbortSignal) { await gen({ model: "m", config: { temperature: 0 } }); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'gen', slot: '1st argument (`config.abortSignal`)', signal: 'signal' } }],
      output: 'declare function gen(p: { model: string; config?: { temperature?: number; abortSignal?: AbortSignal } }): Promise<string>;\nasync function f(signal: AbortSignal) { await gen({ model: "m", config: { temperature: 0, abortSignal: signal } }); }',
    },
    {
      // FP A: a source whose union type has the signal on one member only is passed over for another.
      code: "async function f(url: RequestInfo, init: RequestInit | undefined, controller: AbortController) { await fetch(url); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'init?.signal' } }],
      output: "async function f(url: RequestInfo, init: RequestInit | undefined, controller: AbortController) { await fetch(url, { signal: init?.signal }); }",
    },
    {
      // FP A: the same for a property further down.
      code: "async function f(ctx: { req: Request } | { req: string }, controller: AbortController) { await fetch('/a'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'controller.signal' } }],
      output: "async function f(ctx: { req: Request } | { req: string }, controller: AbortController) { await fetch('/a', { signal: controller.signal }); }",
    },
    {
      // A controller that may be missing is read through `?.`.
      code: "class Poller {\n  private controller?: AbortController;\n  async tick() { await fetch('/a'); }\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'this.controller?.signal' } }],
      output: "class Poller {\n  private controller?: AbortController;\n  async tick() { await fetch('/a', { signal: this.controller?.signal }); }\n}",
    },
    {
      // FP B: the new context object would lack the other required properties of its type: no fix.
      code: 'interface TokenContext {\n  apiURL: string;\n  signal: AbortSignal | null | undefined;\n}\ndeclare function getToken(options?: object, context?: TokenContext): Promise<string>;\nexport async function withController(controller: AbortController): Promise<string> {\n  return getToken();\n}',
      errors: [{ messageId: 'missingSignal', data: { callee: 'getToken', slot: '2nd argument (`signal`)', signal: 'controller.signal' }, suggestions: [] }],
      output: null,
    },
    {
      // FP B: the same for a new nested object.
      code: 'declare function gen(p: { model: string; config?: { apiKey: string; abortSignal?: AbortSignal } }): Promise<string>;\nasync function f(signal: AbortSignal) { await gen({ model: "m" }); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'gen', slot: '1st argument (`config.abortSignal`)', signal: 'signal' }, suggestions: [] }],
      output: null,
    },
    {
      // FP B: and for an overload's options object, offered as a suggestion otherwise.
      code: 'declare function load(id: string): Promise<string>;\ndeclare function load(id: string, options: { signal: AbortSignal; retries: number }): Promise<string>;\nasync function f(signal: AbortSignal) { await load("a"); }',
      errors: [{ messageId: 'missingSignal', suggestions: [] }],
      output: null,
    },
    {
      // FP B: no signal in scope: threading a new one is no fix either.
      code: 'interface TokenContext {\n  apiURL: string;\n  signal: AbortSignal | null | undefined;\n}\ndeclare function getToken(options?: object, context?: TokenContext): Promise<string>;\nexport async function token(): Promise<string> {\n  return getToken();\n}',
      options: [{ checkWithoutSignal: 'all' }],
      errors: [{ messageId: 'missingSignalAnyCall', suggestions: [] }],
      output: null,
    },
    {
      // The slot wants a signal for sure; `options?.signal` may be undefined: no fix.
      code: 'declare function load(id: string, options?: { signal: AbortSignal }): Promise<string>;\nexport async function f(options?: { signal?: AbortSignal }) { return load("a"); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'load', slot: '2nd argument (`signal`)', signal: 'options?.signal' }, suggestions: [] }],
      output: null,
    },
    {
      // The same with an optional signal parameter.
      code: 'declare function load(id: string, options?: { signal: AbortSignal }): Promise<string>;\nexport async function f(signal?: AbortSignal) { return load("a"); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'load', slot: '2nd argument (`signal`)', signal: 'signal' }, suggestions: [] }],
      output: null,
    },
    {
      // A signal that is always there can go into that slot.
      code: 'declare function load(id: string, options?: { signal: AbortSignal }): Promise<string>;\nexport async function f(signal: AbortSignal) { return load("a"); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'load', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: 'declare function load(id: string, options?: { signal: AbortSignal }): Promise<string>;\nexport async function f(signal: AbortSignal) { return load("a", { signal }); }',
    },
    {
      // Threading a new optional parameter into such a slot is no fix either.
      code: 'declare function load(id: string, options?: { signal: AbortSignal }): Promise<string>;\nexport async function f() { return load("a"); }',
      options: [{ checkWithoutSignal: 'all' }],
      errors: [{ messageId: 'missingSignalAnyCall', suggestions: [] }],
      output: null,
    },
    {
      // A new nested object whose other properties are optional is fine.
      code: 'declare function gen(p: { model: string; config?: { temperature?: number; abortSignal?: AbortSignal } }): Promise<string>;\nasync function f(signal: AbortSignal) { await gen({ model: "m" }); }',
      errors: [{ messageId: 'missingSignal', data: { callee: 'gen', slot: '1st argument (`config.abortSignal`)', signal: 'signal' } }],
      output: 'declare function gen(p: { model: string; config?: { temperature?: number; abortSignal?: AbortSignal } }): Promise<string>;\nasync function f(signal: AbortSignal) { await gen({ model: "m", config: { abortSignal: signal } }); }',
    },
    {
      // FP 2: where the signal was tested present, it is still passed.
      code: 'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(args: unknown, signal?: AbortSignal) {\n  if (signal) await execute(args);\n}',
      errors: [{ messageId: 'missingSignal' }],
      output: 'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(args: unknown, signal?: AbortSignal) {\n  if (signal) await execute(args, { signal });\n}',
    },
    {
      // FP 2: a test of another binding of the same name says nothing about this one.
      code: 'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport function run(args: unknown, signal?: AbortSignal) {\n  if (!signal) return [1].map((n, _i, _a, signal = AbortSignal.timeout(n)) => execute(args));\n  return [];\n}',
      errors: [{ messageId: 'missingSignal' }],
      output: 'declare function execute(args: unknown, opts?: { signal?: AbortSignal }): Promise<void>;\nexport function run(args: unknown, signal?: AbortSignal) {\n  if (!signal) return [1].map((n, _i, _a, signal = AbortSignal.timeout(n)) => execute(args, { signal }));\n  return [];\n}',
    },
    {
      // A type error in the file does not stop the rule.
      code: "async function f(signal: AbortSignal) { const n: number = 'x'; await fetch('/a'); }",
      errors: [{ messageId: 'missingSignal' }],
      output: "async function f(signal: AbortSignal) { const n: number = 'x'; await fetch('/a', { signal }); }",
    },
    {
      // Option `fix: 'suggestion'` turns every fix into a suggestion.
      code: "async function f(signal: AbortSignal) { await fetch('/a'); }",
      options: [{ fix: 'suggestion' }],
      errors: [
        {
          messageId: 'missingSignal',
          suggestions: [
            { messageId: 'passSignal', data: { signal: 'signal' }, output: "async function f(signal: AbortSignal) { await fetch('/a', { signal }); }" },
          ],
        },
      ],
      output: null,
    },
  ],
});

node.run('require-signal (node)', rule, {
  valid: [
    "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(signal: AbortSignal) { await sleep(10, undefined, { signal }); }",
    "import { once } from 'node:events';\nasync function f(signal: AbortSignal) { await once(signal, 'abort'); }",
    "import { addAbortListener } from 'node:events';\nfunction f(signal: AbortSignal) { using _ = addAbortListener(signal, () => {}); }",
    // A lazy stream whose consumer has the signal.
    "import { Readable } from 'node:stream';\nimport { pipeline } from 'node:stream/promises';\nimport { createWriteStream } from 'node:fs';\nasync function f(items: string[], signal: AbortSignal) { await pipeline(Readable.from(items), createWriteStream('out'), { signal }); }",
    "import { Readable } from 'node:stream';\nimport { pipeline } from 'node:stream/promises';\nimport { createWriteStream } from 'node:fs';\nasync function f(items: string[], signal: AbortSignal) {\n  const source = Readable.from(items);\n  await pipeline(source, createWriteStream('out'), { signal });\n}",
    // node:test's context signal is passed.
    "import test from 'node:test';\ntest('x', async (t) => { await fetch('/a', { signal: t.signal }); });",
  ],
  invalid: [
    {
      code: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(signal: AbortSignal) { await sleep(10); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'sleep', slot: '3rd argument (`signal`)', signal: 'signal' } }],
      output: "import { setTimeout as sleep } from 'node:timers/promises';\nasync function f(signal: AbortSignal) { await sleep(10, undefined, { signal }); }",
    },
    {
      code: "import { once } from 'node:events';\nimport type { EventEmitter } from 'node:events';\nasync function f(emitter: EventEmitter, signal: AbortSignal) { await once(emitter, 'ready'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'once', slot: '3rd argument (`signal`)', signal: 'signal' } }],
      output: "import { once } from 'node:events';\nimport type { EventEmitter } from 'node:events';\nasync function f(emitter: EventEmitter, signal: AbortSignal) { await once(emitter, 'ready', { signal }); }",
    },
    {
      code: "import { spawn } from 'node:child_process';\nfunction f(signal: AbortSignal) { return spawn('ls'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'spawn', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: "import { spawn } from 'node:child_process';\nfunction f(signal: AbortSignal) { return spawn('ls', { signal }); }",
    },
    {
      code: "import { pipeline } from 'node:stream/promises';\nimport { createReadStream, createWriteStream } from 'node:fs';\nasync function f(signal: AbortSignal) { await pipeline(createReadStream('in'), createWriteStream('out')); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'pipeline', slot: '3rd argument (`signal`)', signal: 'signal' } }],
      output: "import { pipeline } from 'node:stream/promises';\nimport { createReadStream, createWriteStream } from 'node:fs';\nasync function f(signal: AbortSignal) { await pipeline(createReadStream('in'), createWriteStream('out'), { signal }); }",
    },
    {
      // `readFile(p, 'utf8')` uses an overload whose string cannot carry a signal: reported, no edit.
      code: "import { readFile } from 'node:fs/promises';\nasync function f(signal: AbortSignal) { return readFile('a', 'utf8'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'readFile', slot: '2nd argument (`signal`)', signal: 'signal' }, suggestions: [] }],
      output: null,
    },
    {
      // node:test's context signal.
      code: "import test from 'node:test';\ntest('x', async (t) => { await fetch('/a'); });",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 't.signal' } }],
      output: "import test from 'node:test';\ntest('x', async (t) => { await fetch('/a', { signal: t.signal }); });",
    },
    {
      // A module-level shutdown signal for background work.
      code: "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort());\nexport async function work() { await fetch('/job'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'shutdown.signal' } }],
      output: "const shutdown = new AbortController();\nprocess.once('SIGTERM', () => shutdown.abort());\nexport async function work() { await fetch('/job', { signal: shutdown.signal }); }",
    },
  ],
});

bare.run('require-signal (no AbortSignal type)', rule, {
  valid: ['export const x = 1;'],
  invalid: [
    {
      code: 'declare function load(): Promise<void>;\nexport async function f() { await load(); await load(); }',
      errors: [{ messageId: 'missingSignalType', line: 1, column: 1 }],
      output: null,
    },
  ],
});
