// Syntax edge cases, each with signal-related code inside: the rules must walk every node kind
// without throwing. This file type-checks (no deliberate errors here).
import OpenAI from 'openai';
import { setTimeout as sleep } from 'node:timers/promises';

declare const client: OpenAI;
declare function log(...args: unknown[]): void;

// --- Standard decorators (TypeScript 5+), accessor fields -------------------------------------

function logged<This, Args extends unknown[], R>(target: (this: This, ...args: Args) => R, _context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>) {
  return function (this: This, ...args: Args): R {
    log('call');
    return target.call(this, ...args);
  };
}
function sealed(_target: abstract new (...args: never[]) => unknown, _context: ClassDecoratorContext) {}
function field(_target: undefined, _context: ClassFieldDecoratorContext) {
  return (value: number) => value;
}
function tracked<This, V>(target: ClassAccessorDecoratorTarget<This, V>, _context: ClassAccessorDecoratorContext<This, V>) {
  return target;
}

@sealed
export class Decorated {
  @field retries = 3;
  @tracked accessor model = 'gpt-4.1-mini';
  static #instances = 0;
  #controller = new AbortController();
  readonly #signal: AbortSignal = this.#controller.signal;

  static {
    Decorated.#instances++;
  }

  @logged
  async ask(prompt: string, signal?: AbortSignal): Promise<string> {
    const response = await client.responses.create({ model: this.model, input: prompt });
    const second = await client.responses.create({ model: this.model, input: prompt }, { signal });
    return response.output_text + second.output_text;
  }

  async #privateCall(url: string): Promise<Response> {
    return fetch(url, { signal: this.#signal });
  }

  get signal(): AbortSignal {
    return this.#signal;
  }
  set timeoutMs(ms: number) {
    this.#controller = new AbortController();
    setTimeout(() => this.#controller.abort(), ms);
  }

  cancel(): void {
    this.#controller.abort(new Error('cancelled'));
  }

  static get count(): number {
    return Decorated.#instances;
  }

  has(other: object): boolean {
    return #controller in other;
  }

  run(url: string) {
    return this.#privateCall(url);
  }
}

// --- Overloads, generics, constraints, conditional and mapped types ---------------------------

export function load(url: string): Promise<Response>;
export function load(url: string, signal: AbortSignal): Promise<Response>;
export function load(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response>;
export function load(url: string, second?: AbortSignal | RequestInit, third?: AbortSignal): Promise<Response> {
  const signal = second instanceof AbortSignal ? second : third;
  return fetch(url, { ...(second instanceof AbortSignal ? {} : second), signal });
}

type Signalled<T> = T extends { signal?: infer S } ? S : never;
type WithSignal<T> = { [K in keyof T]: T[K] } & { signal?: AbortSignal };
type Keys = Signalled<RequestInit>;

export async function generic<T extends { signal?: AbortSignal }, const U extends readonly string[] = []>(
  options: T,
  urls: U,
): Promise<Array<Awaited<ReturnType<typeof fetch>>>> {
  return Promise.all(urls.map((url) => fetch(url, { signal: options.signal })));
}

export async function genericNoSignal<T extends RequestInit>(init: T, signal: AbortSignal): Promise<Response> {
  return fetch('/a', init);
}

const withSignal: WithSignal<{ url: string }> = { url: '/b' };
const keys: Keys | undefined = undefined;

// --- using / await using ------------------------------------------------------------------------

class Lease implements Disposable, AsyncDisposable {
  readonly controller = new AbortController();
  [Symbol.dispose](): void {
    this.controller.abort();
  }
  async [Symbol.asyncDispose](): Promise<void> {
    this.controller.abort();
    await sleep(1);
  }
}

export async function withUsing(signal: AbortSignal): Promise<string> {
  using lease = new Lease();
  await using asyncLease = new Lease();
  const response = await fetch('/c', { signal: lease.controller.signal });
  await fetch('/d', { signal: asyncLease.controller.signal });
  await fetch('/e');
  return response.text();
}

// --- Optional chains on calls, non-null assertions, computed members ----------------------------

declare const maybe: { client?: OpenAI; fetcher?: typeof fetch } | undefined;
const method = 'create' as const;
const key = Symbol('key');

export async function optionalChains(signal: AbortSignal): Promise<void> {
  await maybe?.client?.chat.completions.create({ model: 'gpt-4.1-mini', messages: [] });
  await maybe?.fetcher?.('/f');
  await maybe?.fetcher?.('/g', { signal });
  await maybe!.client!.embeddings[method]({ model: 'text-embedding-3-small', input: 'x' });
  await client['responses']['create']({ model: 'gpt-4.1-mini', input: 'y' });
  await (client.responses.create)({ model: 'gpt-4.1-mini', input: 'z' }, { signal });
  const table = { [key]: fetch, ['computed' + 'Name']: fetch };
  await table[key]('/h');
  await (log('indirect'), fetch)('/i');
  await (fetch as typeof fetch)('/j');
  await fetch!('/l');
}

// --- Abstract classes, enums, namespaces, declare module --------------------------------------

export abstract class Job<T> {
  protected abstract readonly name: string;
  abstract run(signal: AbortSignal): Promise<T>;
  protected constructor(protected readonly client: OpenAI) {}
  async retry(signal: AbortSignal, attempts = 3): Promise<T> {
    for (let i = 0; i < attempts; i++) {
      try {
        return await this.run(signal);
      } catch (error) {
        if (signal.aborted) throw error;
      }
    }
    throw new Error(`${this.name} failed`);
  }
}

export class SummaryJob extends Job<string> {
  protected readonly name = 'summary';
  constructor(client: OpenAI, private readonly text: string) {
    super(client);
  }
  override async run(signal: AbortSignal): Promise<string> {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: this.text }] });
    return completion.choices[0]?.message.content ?? '';
  }
}

export enum Mode {
  Fast = 'fast',
  Slow = 'slow',
  Computed = 'x'.length,
}
export const enum Flags {
  None = 0,
  Abortable = 1 << 0,
  Streaming = 1 << 1,
  Both = Abortable | Streaming,
}

export namespace Api {
  export const base = '/api';
  export async function get(path: string, signal?: AbortSignal): Promise<Response> {
    return fetch(base + path, { signal });
  }
  export namespace Nested.Deep {
    export async function ping(): Promise<void> {
      await fetch('/ping');
    }
  }
}

declare module 'openai' {
  interface ClientOptions {
    stressTag?: string;
  }
}

declare global {
  interface AbortSignal {
    stressMarker?: true;
  }
}

// --- Tagged templates, new.target, labelled loops, generators ----------------------------------

function sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown[]> {
  return Promise.resolve([strings.join('?'), ...values]);
}

export class Base {
  readonly kind: string;
  constructor() {
    this.kind = new.target.name;
    if (new.target === Base) log('direct');
  }
}

export async function labelled(urls: string[][], signal: AbortSignal): Promise<number> {
  let total = 0;
  outer: for (const group of urls) {
    inner: for (const url of group) {
      if (url === '') continue outer;
      if (url === 'stop') break outer;
      if (url === 'skip') continue inner;
      const response = await fetch(url);
      total += (await response.text()).length;
      await sql`select ${url}`;
    }
  }
  block: {
    if (signal.aborted) break block;
    total++;
  }
  let n = 0;
  do {
    await sleep(10, undefined, { signal });
    n++;
  } while (n < 5);
  while (n-- > 0) await sleep(1);
  for (let i = 0, j = 10; i < j; i++, j--) await fetch(`/pair/${i}`);
  for (const k in { a: 1, b: 2 }) await fetch(`/key/${k}`);
  return total;
}

export function* numbers(limit: number): Generator<number, void, unknown> {
  for (let i = 0; i < limit; i++) yield i;
  yield* [limit, limit + 1];
}

export async function* pages(signal?: AbortSignal): AsyncGenerator<string, void, undefined> {
  let cursor: string | undefined = '0';
  while (cursor !== undefined) {
    const response = await fetch(`/pages?cursor=${cursor}`);
    const body = (await response.json()) as { next?: string; items: string[] };
    yield* body.items;
    yield fetch('/yielded-promise').then((r) => r.text());
    cursor = body.next;
  }
}

export async function consumePages(signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  for await (const page of pages()) out.push(page);
  for await (const page of pages(signal)) {
    signal.throwIfAborted();
    out.push(page);
  }
  return out;
}

// --- satisfies, destructuring with defaults, arrow functions without parens ----------------------

const config = { model: 'gpt-4.1-mini', timeoutMs: 1000 } satisfies { model: string; timeoutMs: number };

export async function destructured(
  { url = '/default', signal = AbortSignal.timeout(config.timeoutMs), retries: [first = 1, ...rest] = [] }: { url?: string; signal?: AbortSignal; retries?: number[] } = {},
  [a, , b = 'x']: string[] = [],
  ...more: Array<{ signal?: AbortSignal }>
): Promise<Response> {
  log(first, rest, a, b, more);
  return fetch(url);
}

export const fetchAll = (urls: string[]) => Promise.all(urls.map(url => fetch(url)));
export const fetchOne: (url: string) => Promise<Response> = url => fetch(url);
export const withSignalArrow: (signal: AbortSignal) => Promise<Response> = signal => fetch('/arrow', { signal });
export const curried = (signal: AbortSignal) => (url: string) => async () => fetch(url);
export const iife = (async () => fetch('/iife'))();
void (async function named() {
  await fetch('/named');
})();

// --- Classes in expressions, getters in object literals, spread, sequence ---------------------

export const service = {
  controller: new AbortController(),
  get signal(): AbortSignal {
    return this.controller.signal;
  },
  async call(url: string): Promise<Response> {
    return fetch(url, { signal: this.signal });
  },
  async [`dynamic${'Call'}`](url: string): Promise<Response> {
    return fetch(url);
  },
};

export const Anonymous = class extends Base {
  async go(signal: AbortSignal) {
    const init: RequestInit = { method: 'POST' };
    return fetch('/anon', { ...init, signal }), fetch('/anon2', { ...init });
  }
};

export async function timers(signal: AbortSignal): Promise<void> {
  const combined = AbortSignal.any([signal, AbortSignal.timeout(5000)]);
  await sleep(100, 'value', { signal: combined });
  await sleep(100);
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await fetch('/timers', { signal: controller.signal });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
