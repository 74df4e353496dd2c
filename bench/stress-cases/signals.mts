// Signal shapes every rule looks at: SDK calls with and without a signal, controllers, combined
// and timed signals, loops, catch/finally blocks, streams. This file type-checks.
import Anthropic from '@anthropic-ai/sdk';
import { openai } from '@ai-sdk/openai';
import { generateText, streamText, tool, embedMany } from 'ai';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { APIUserAbortError } from 'openai';
import { z } from 'zod';

const client = new OpenAI();
const anthropic = new Anthropic();
const model = openai('gpt-4.1-mini');

export async function openaiCalls(signal: AbortSignal, prompt: string): Promise<string> {
  const a = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }] });
  const b = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }] }, { signal });
  const c = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { timeout: 1000 });
  const d = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { signal: new AbortController().signal });
  const e = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { signal: undefined });
  const f = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { signal: signal ?? new AbortController().signal });
  const g = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { signal: AbortSignal.any([]) });
  const h = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { signal: new Request('https://x.test').signal });
  await client.models.list();
  await client.files.content('file-1');
  return [a.choices[0]?.message.content, b.id, c.output_text, d.id, e.id, f.id, g.id, h.id].join();
}

export async function openaiStreams(signal: AbortSignal): Promise<string> {
  let text = '';
  const stream = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [], stream: true });
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  const helper = client.chat.completions.stream({ model: 'gpt-4.1-mini', messages: [] }, { signal });
  for await (const chunk of helper) text += chunk.choices[0]?.delta.content ?? '';
  const final = await helper.finalChatCompletion();
  return text + final.id;
}

export async function anthropicCalls(signal: AbortSignal): Promise<string> {
  const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] }, { signal });
  const text = await stream.finalText();
  const raw = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [], stream: true });
  let streamed = '';
  for await (const event of raw) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') streamed += event.delta.text;
  return message.id + text + streamed;
}

export async function aiSdkCalls(abortSignal: AbortSignal): Promise<string> {
  const plain = await generateText({ model, prompt: 'a' });
  const given = await generateText({ model, prompt: 'b', abortSignal });
  const timed = await generateText({ model, prompt: 'c', abortSignal: AbortSignal.any([abortSignal, AbortSignal.timeout(30_000)]) });
  const streamed = streamText({ model, prompt: 'd' });
  let out = '';
  for await (const part of streamed.textStream) out += part;
  const { embeddings } = await embedMany({ model: openai.embedding('text-embedding-3-small'), values: ['x'] });
  return plain.text + given.text + timed.text + out + embeddings.length;
}

export const weather = tool({
  description: 'Weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }, { abortSignal }) => {
    const ok = await fetch(`https://weather.test/${city}`, { signal: abortSignal });
    const missing = await fetch(`https://weather.test/${city}/extra`);
    return { ok: ok.status, missing: missing.status };
  },
});

export const weatherNoOptions = tool({
  description: 'Weather without the options parameter',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => (await fetch(`https://weather.test/${city}`)).status,
});

// --- Controllers: used, unused, escaping, aborted on a timer ------------------------------------

export async function controllers(url: string): Promise<void> {
  const unused = new AbortController();
  await fetch(url, { signal: unused.signal });

  const timed = new AbortController();
  const timer = setTimeout(() => timed.abort(), 1000);
  try {
    await fetch(url, { signal: timed.signal });
  } finally {
    clearTimeout(timer);
  }

  const escaping = new AbortController();
  registry.add(escaping);
  await fetch(url, { signal: escaping.signal });

  const aliased = new AbortController().signal;
  await fetch(url, { signal: aliased });
  const alias2 = aliased;
  await fetch(url, { signal: alias2 });
}
const registry = new Set<AbortController>();

// --- Loops: awaited work per iteration, with and without a check -------------------------------

export async function loops(items: string[], signal: AbortSignal): Promise<number> {
  let n = 0;
  for (const item of items) {
    await readFile(item);
    n++;
  }
  for (const item of items) {
    signal.throwIfAborted();
    await readFile(item);
  }
  for (const item of items) {
    if (signal.aborted) break;
    await sleep(10);
    n += item.length;
  }
  for (const item of items) await readFile(item, { signal });
  for (const item of ['a', 'b']) await readFile(item);
  for (let i = 0; i < 2; i++) await sleep(i);
  for (let i = 0; i < items.length; i++) await sleep(i);
  await Promise.all(items.map(async (item) => {
    for (const ch of item) await sleep(ch.length);
  }));
  items.forEach(async (item) => {
    await readFile(item);
  });
  let cursor = 0;
  while (cursor < items.length) {
    await sleep(cursor++);
  }
  return n;
}

export async function streamLoops(signal: AbortSignal): Promise<string> {
  let text = '';
  const stream = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [], stream: true }, { signal });
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    await sleep(1);
  }
  return text;
}

// --- catch / finally: abort errors swallowed, rethrown, checked -------------------------------

export async function catches(signal: AbortSignal): Promise<string | undefined> {
  try {
    return (await client.responses.create({ model: 'gpt-4.1-mini', input: 'x' }, { signal })).output_text;
  } catch {
    return undefined;
  }
}

export async function catchesLogged(signal: AbortSignal): Promise<string> {
  try {
    const r = await generateText({ model, prompt: 'x', abortSignal: signal });
    return r.text;
  } catch (error) {
    log('failed', error);
    return 'fallback';
  }
}

export async function catchesChecked(signal: AbortSignal): Promise<string> {
  try {
    return (await fetch('/x', { signal })).statusText;
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof APIUserAbortError) throw error;
    if (error instanceof Error && error.name === 'AbortError') throw error;
    if ((error as { name?: string }).name === 'TimeoutError') return 'timeout';
    return 'failed';
  } finally {
    await fetch('/cleanup');
    log('done');
  }
}

export async function retries(signal: AbortSignal): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch('/retry', { signal });
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(2 ** attempt * 100);
    }
  }
}

export function promiseCatch(signal: AbortSignal): Promise<string | void> {
  return fetch('/p', { signal })
    .then((r) => r.text())
    .catch(() => undefined)
    .finally(() => log('settled'));
}

// --- Events, listeners, reasons ------------------------------------------------------------------

export async function events(emitter: import('node:events').EventEmitter, signal: AbortSignal): Promise<void> {
  await once(emitter, 'ready');
  await once(emitter, 'ready', { signal });
  signal.addEventListener('abort', () => {
    void fetch('/on-abort');
  });
  signal.onabort = () => log(signal.reason);
  if (signal.aborted) throw signal.reason;
  signal.throwIfAborted();
}

export async function requests(request: Request): Promise<Response> {
  const upstream = await fetch('https://upstream.test', { method: 'POST', body: await request.text() });
  const forwarded = await fetch(new Request('https://upstream.test', { signal: request.signal }));
  const fresh = await fetch('https://upstream.test', { signal: new Request('https://x.test').signal });
  return upstream.ok ? forwarded : fresh;
}

declare function log(...args: unknown[]): void;

// --- Signals reached through optional values, narrowed away, or handled by hand ---------------

interface CallOptions {
  signal?: AbortSignal;
  timeout?: number;
}

export async function optionalOptions(url: string, options?: CallOptions): Promise<Response> {
  return fetch(url);
}

export async function optionalOptionsWithDefault(url: string, { signal }: CallOptions = {}): Promise<Response> {
  return fetch(url, { signal });
}

declare function execute(args: unknown, options?: { signal?: AbortSignal }): Promise<void>;

export function onlyWhenGiven(args: unknown, signal?: AbortSignal): Promise<void> {
  return signal ? execute(args, { signal }) : execute(args);
}

// A value whose type has `signal` on some union members only (`RequestInfo` = `Request | string`),
// and a slot whose options type has other required properties.
export async function proxy(input: RequestInfo): Promise<Response> {
  return fetch('https://upstream.test/');
}

interface TokenContext {
  apiURL: string;
  signal: AbortSignal | null | undefined;
}
declare function getToken(options?: object, context?: TokenContext): Promise<string>;

export async function contextWithRequiredFields(controller: AbortController): Promise<string> {
  return getToken();
}
