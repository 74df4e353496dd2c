// `any` and `unknown` everywhere: rules must stay silent (or at least not throw) when types are
// opaque. This file type-checks.
import OpenAI from 'openai';

declare const anyClient: any;
declare const anySignal: any;
declare const unknownValue: unknown;
declare function anyFn(...args: any[]): any;
declare const anyOptions: any;

export async function opaque(signal: AbortSignal, options: any): Promise<unknown> {
  await anyClient.chat.completions.create({ model: 'x', messages: [] });
  await anyClient.chat.completions.create({ model: 'x', messages: [] }, { signal });
  await anyFn('/a');
  await anyFn('/a', { signal: anySignal });
  await fetch('/b', anyOptions);
  await fetch('/c', { ...options });
  await fetch('/d', { signal: anySignal });
  await fetch('/e', { signal: options.signal ?? new AbortController().signal });
  await fetch(anyFn(), { signal: anyFn() });
  await new OpenAI().responses.create({ model: 'gpt-4.1-mini', input: 'x' }, anyOptions);
  await new OpenAI().responses.create(anyOptions);
  const call = anyClient[Symbol.iterator];
  await call?.();
  for await (const x of anyClient.stream()) await anyFn(x);
  for (const y of anyOptions) await fetch(y);
  try {
    await anyFn();
  } catch (error: any) {
    if (error.name === 'AbortError') return;
    return error.message;
  }
  return (unknownValue as any)?.signal?.aborted;
}

export async function unknownSignal(signal: unknown, init: unknown): Promise<Response> {
  if (signal instanceof AbortSignal) return fetch('/f', { signal });
  return fetch('/g', init as RequestInit);
}

export function anyParameters(a: any, b: any, c = a) {
  return fetch(a, { signal: b ?? c });
}

export const anyArrow = async (x: any) => {
  await fetch(x);
  const controller: any = new AbortController();
  await fetch(x, { signal: controller.signal });
  controller.abort();
};

export class AnyHolder {
  value: any;
  async run() {
    await fetch('/h', { signal: this.value });
    await this.value.go({ signal: this.value.signal });
  }
}

export async function unionsAndIntersections(
  input: string | URL | Request,
  init: (RequestInit & { extra?: 1 }) | undefined,
  signal: AbortSignal | null | undefined,
): Promise<void> {
  await fetch(input, init);
  await fetch(input, { ...init, signal });
  await fetch(input, signal ? { signal } : undefined);
  await fetch(input, { signal: signal as AbortSignal });
}

export async function functionTypes(
  call: (url: string, options?: { signal?: AbortSignal }) => Promise<unknown>,
  call2: { (url: string): Promise<void>; (url: string, signal: AbortSignal): Promise<void> },
  signal: AbortSignal,
): Promise<void> {
  await call('/i');
  await call2('/j');
  await (call as any)('/k');
  const bound = call.bind(null);
  await bound('/l');
  await Reflect.apply(call, null, ['/m']);
  await call.call(null, '/n');
  await call.apply(null, ['/o', { signal }]);
}
