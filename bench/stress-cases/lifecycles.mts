// Deadlines, local controllers, timers, abort listeners and error handlers, in odd shapes: for the
// rules about linking, cleaning up and telling cancellation apart. This file type-checks.
import Anthropic from '@anthropic-ai/sdk';
import { generateText, streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { APIUserAbortError } from 'openai';

const client = new OpenAI();
const anthropic = new Anthropic();
const model = openai('gpt-4.1-mini');
declare const logger: { error(...args: unknown[]): void; warn(...args: unknown[]): void; info(...args: unknown[]): void };
declare const metrics: { increment(name: string): void };

// --- Deadlines and local controllers, linked or not -----------------------------------------

export async function deadlines(signal: AbortSignal, url: string): Promise<void> {
  await fetch(url, { signal: AbortSignal.timeout(1000) });
  await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(1000)]) });
  await fetch(url, { signal: AbortSignal.any([AbortSignal.timeout(1000)]) });
  const deadline = AbortSignal.timeout(2000);
  await fetch(url, { signal: deadline });

  const local = new AbortController();
  const timer = setTimeout(() => local.abort(), 500);
  try {
    await fetch(url, { signal: local.signal });
  } finally {
    clearTimeout(timer);
  }

  const linked = new AbortController();
  signal.addEventListener('abort', () => linked.abort(signal.reason), { once: true, signal: linked.signal });
  const linkedTimer = setTimeout(() => linked.abort(), 500);
  try {
    await fetch(url, { signal: linked.signal });
  } finally {
    clearTimeout(linkedTimer);
    linked.abort();
  }

  const byLogic = new AbortController();
  void sleep(10).then(() => byLogic.abort());
  await fetch(url, { signal: byLogic.signal });
}

// --- Timers that abort a controller: cleared, cleared on some paths, not stored ---------------

export async function timers(url: string, fast: boolean): Promise<string> {
  const a = new AbortController();
  const handle = setTimeout(() => a.abort(), 1000);
  const response = await fetch(url, { signal: a.signal });
  clearTimeout(handle);

  const b = new AbortController();
  const handleB = setTimeout(() => {
    b.abort(new Error('deadline'));
  }, 1000);
  if (fast) return 'early';
  await fetch(url, { signal: b.signal });
  clearTimeout(handleB);

  const c = new AbortController();
  setTimeout(() => c.abort(), 1000);
  await fetch(url, { signal: c.signal });

  const d = new AbortController();
  const { abort } = { abort: () => d.abort() };
  const handleD = setTimeout(abort, 1000);
  try {
    return (await fetch(url, { signal: d.signal })).statusText + response.status;
  } finally {
    clearTimeout(handleD);
  }
}

export class Poller {
  #controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => this.#controller.abort(), 60_000);
  readonly stop = () => {
    clearTimeout(this.#timer);
    this.#controller.abort();
  };
  async poll(url: string): Promise<Response> {
    return fetch(url, { signal: this.#controller.signal });
  }
}

// --- Abort listeners: removed, removed on some paths, never removed, disposed with `using` -----

export async function listeners(signal: AbortSignal, url: string): Promise<void> {
  const onAbort = () => logger.info('aborted');
  signal.addEventListener('abort', onAbort);
  await fetch(url, { signal });

  const onAbort2 = () => logger.info('aborted 2');
  signal.addEventListener('abort', onAbort2);
  if (url === '') return;
  await fetch(url, { signal });
  signal.removeEventListener('abort', onAbort2);

  const onAbort3 = () => logger.info('aborted 3');
  signal.addEventListener('abort', onAbort3, { once: true });
  try {
    await fetch(url, { signal });
  } finally {
    signal.removeEventListener('abort', onAbort3);
  }

  signal.addEventListener('abort', function named(this: AbortSignal) {
    logger.info(this.reason);
  });
  signal.onabort = () => logger.info('onabort');

  using disposable = {
    [Symbol.dispose]: () => signal.removeEventListener('abort', onAbort),
  };
  void disposable;
}

// --- Error handlers: cancellation logged as failure, swallowed, checked by name ------------------

export async function handlers(signal: AbortSignal, prompt: string): Promise<string> {
  try {
    const r = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { signal });
    return r.output_text;
  } catch (error) {
    logger.error('openai failed', error);
    metrics.increment('openai.error');
  }

  try {
    const r = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] }, { signal });
    return r.id;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    logger.warn(error);
  }

  try {
    const r = await client.responses.create({ model: 'gpt-4.1-mini', input: prompt }, { signal });
    return r.output_text;
  } catch (error) {
    if ((error as Error).name === 'AbortError') return 'cancelled';
    throw error;
  }
}

export async function handlersWithTimeout(prompt: string): Promise<string> {
  try {
    const r = await generateText({ model, prompt, abortSignal: AbortSignal.timeout(5000) });
    return r.text;
  } catch (error: unknown) {
    if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
    throw error;
  }
}

export async function handlersChecked(signal: AbortSignal, prompt: string): Promise<string> {
  try {
    return (await generateText({ model, prompt, abortSignal: signal })).text;
  } catch (error) {
    if (signal.aborted) throw error;
    logger.error(error);
    return '';
  }
}

export async function destructuredCatch(signal: AbortSignal): Promise<string> {
  try {
    return (await fetch('/x', { signal })).statusText;
  } catch ({ name, message }: any) {
    switch (name) {
      case 'AbortError':
        throw new Error('cancelled');
      case 'TimeoutError':
        return 'timeout';
      default:
        return String(message);
    }
  }
}

export async function nestedTry(signal: AbortSignal): Promise<void> {
  try {
    try {
      await fetch('/a', { signal });
    } finally {
      try {
        await fetch('/cleanup');
      } catch {
        // best effort
      }
    }
  } catch (outer) {
    if (outer instanceof APIUserAbortError) return;
    logger.error(outer);
  }
}

export function promiseHandlers(signal: AbortSignal): Promise<unknown> {
  return client.responses
    .create({ model: 'gpt-4.1-mini', input: 'x' }, { signal })
    .then((r) => r.output_text, (error: unknown) => logger.error(error))
    .catch((error) => {
      logger.error('failed', error);
      return null;
    });
}

// --- Streams used after the loop -----------------------------------------------------------------

export async function partialStreams(signal: AbortSignal): Promise<string> {
  let text = '';
  const stream = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [], stream: true }, { signal });
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  await fetch('/save', { method: 'POST', body: text, signal });

  let checked = '';
  const again = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [], stream: true }, { signal });
  for await (const chunk of again) checked += chunk.choices[0]?.delta.content ?? '';
  signal.throwIfAborted();

  const result = streamText({ model, prompt: 'x', abortSignal: signal });
  let aiText = '';
  for await (const delta of result.textStream) aiText += delta;
  return text + checked + aiText;
}
