import * as path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/check-signal-in-loop.js';
import { countRuleCheckerCalls } from '../checkerCalls.js';
import { createTypedTester, fixturesDir } from '../tester.js';

const EMBEDDINGS = "import { OpenAIEmbeddings } from '@langchain/openai';\nconst embeddings = new OpenAIEmbeddings();\n";
const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
/** A vector store whose client takes no signal (Pinecone, pg, LangChain stores). */
const STORE = 'declare const index: { upsert(rows: { id: string; values: number[] }[]): Promise<void> };\n';
const SAVE = 'declare function save(item: string): Promise<void>;\n';

const node = createTypedTester('node');
const dom = createTypedTester('dom');

node.run('check-signal-in-loop', rule, {
  valid: [
    // The signal reaches the work: openai's embeddings.create takes it.
    `${OPENAI}export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    await openai.embeddings.create({ model: 'text-embedding-3-small', input: batch }, { signal });
  }
}`,
    // A call that could take the signal but does not: require-signal reports that call, the fix is to pass it.
    `${OPENAI}export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    await openai.embeddings.create({ model: 'text-embedding-3-small', input: batch });
  }
}`,
    // The signal reaches work started in a callback.
    `${OPENAI}${EMBEDDINGS}export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    await Promise.all(batch.map((text) => openai.embeddings.create({ model: 'text-embedding-3-small', input: text }, { signal })));
    await embeddings.embedDocuments(batch);
  }
}`,
    // `for await` over an openai stream created with the signal: an abort ends the stream, and the loop.
    `${OPENAI}export async function relay(request: Request, write: (text: string) => Promise<void>) {
  const stream = await openai.chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true },
    { signal: request.signal },
  );
  for await (const chunk of stream) {
    await write(chunk.choices[0]?.delta.content ?? '');
  }
}`,
    // An input built from a response fetched with the signal.
    `${SAVE}declare function parseEvents(body: ReadableStream<Uint8Array>): AsyncIterable<string>;
export async function follow(signal: AbortSignal) {
  const response = await fetch('https://example.com/events', { signal });
  for await (const event of parseEvents(response.body!)) {
    await save(event);
  }
}`,
    // A generator closed over a response fetched with the signal.
    `${SAVE}export async function follow(signal: AbortSignal) {
  const response = await fetch('https://example.com/events', { signal });
  async function* lines() {
    const decoder = new TextDecoder();
    for await (const bytes of response.body!) yield decoder.decode(bytes);
  }
  for await (const line of lines()) {
    await save(line);
  }
}`,
    // A converter of a stream that arrives as a parameter: its producer cannot be seen.
    `${SAVE}declare function lines(body: ReadableStream<Uint8Array>): AsyncIterable<string>;
export async function relay(response: Response, signal: AbortSignal) {
  for await (const line of lines(response.body!)) await save(line);
}`,
    // A producer typed `any` cannot be judged.
    `${SAVE}export async function drain(client: any, signal: AbortSignal) {
  for await (const item of client.stream()) await save(item);
}`,
    // A stream from a parameter: who produced it, and with which signal, cannot be seen.
    `${SAVE}export async function drain(stream: AsyncIterable<string>, signal: AbortSignal) {
  for await (const chunk of stream) {
    await save(chunk);
  }
}`,
    // Checked in the loop's condition.
    `${EMBEDDINGS}export async function poll(signal: AbortSignal) {
  while (!signal.aborted) {
    await embeddings.embedQuery('ping');
  }
}`,
    // Checked in the body.
    `${EMBEDDINGS}export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    if (signal.aborted) break;
    await embeddings.embedDocuments(batch);
  }
}`,
    `${EMBEDDINGS}export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    signal.throwIfAborted();
    await embeddings.embedDocuments(batch);
  }
}`,
    // The signal is passed to a call that does no work: that call may check it.
    `${EMBEDDINGS}declare function checkpoint(step: string, options: { signal: AbortSignal }): void;
export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    checkpoint('embed', { signal });
    await embeddings.embedDocuments(batch);
  }
}`,
    // A flag that a callback sets while the loop awaits.
    `${SAVE}export async function saveAll(items: string[], signal: AbortSignal) {
  let stopping = false;
  process.once('SIGTERM', () => {
    stopping = true;
  });
  for (const item of items) {
    if (stopping) break;
    await save(item);
  }
}`,
    // The function reacts to an abort itself: its listener cancels the reader the loop waits on.
    `export async function consume(stream: ReadableStream<Uint8Array>, signal: AbortSignal) {
  const reader = stream.getReader();
  signal.addEventListener('abort', () => void reader.cancel(), { once: true });
  while (true) {
    const { done } = await reader.read();
    if (done) break;
  }
}`,
    // Nothing is awaited in the loop.
    `export async function count(batches: string[][], signal: AbortSignal) {
  let total = 0;
  for (const batch of batches) total += batch.length;
  return total;
}`,
    // No signal in scope.
    `${EMBEDDINGS}export async function embedAll(batches: string[][]) {
  for (const batch of batches) {
    await embeddings.embedDocuments(batch);
  }
}`,
    // Small literal loops.
    `${EMBEDDINGS}export async function warmUp(signal: AbortSignal) {
  for (const text of ['a', 'b', 'c']) await embeddings.embedQuery(text);
  for (let attempt = 0; attempt < 3; attempt++) await embeddings.embedQuery('ping');
  for (let attempt = 3; attempt > 0; attempt--) await embeddings.embedQuery('ping');
}`,
    {
      code: `${EMBEDDINGS}export async function warmUp(signal: AbortSignal) {
  for (let attempt = 1; attempt <= 5; attempt++) await embeddings.embedQuery('ping');
}`,
      options: [{ maxLiteralIterations: 5 }],
    },
    // require-signal reports the iterable (`list()` can take the signal).
    `${SAVE}declare function list(options?: { signal?: AbortSignal }): Promise<string[]>;
export async function copyAll(signal: AbortSignal) {
  for (const item of await list()) await save(item);
}`,
    // Nested: the inner loop checks on every iteration, and the outer one does no work of its own.
    `${STORE}export async function upsertAll(docs: { id: string; values: number[] }[][], signal: AbortSignal) {
  for (const doc of docs) {
    for (const chunk of doc) {
      signal.throwIfAborted();
      await index.upsert([chunk]);
    }
  }
}`,
    // Cleanup must run after an abort.
    `${SAVE}export async function run(items: string[], signal: AbortSignal) {
  try {
    await save('start');
  } finally {
    for (const item of items) await save(item);
  }
}`,
    // A plain `yield` hands control to the consumer.
    `export async function* shout(items: string[], signal: AbortSignal) {
  for (const item of items) yield item.toUpperCase();
}`,
    // A callee typed `any` cannot be judged.
    `export async function run(items: string[], signal: AbortSignal, client: any) {
  for (const item of items) await client.save(item);
}`,
    // A type error: no crash, and nothing to judge.
    `export async function run(items: string[], signal: AbortSignal) {
  for (const item of items) await missing(item);
}`,
    // A timer from node:timers/promises can take the signal (require-signal reports it).
    `import { setTimeout as sleep } from 'node:timers/promises';
${SAVE}export async function poll(signal: AbortSignal) {
  for (;;) {
    await sleep(1000);
    await save('tick');
  }
}`,
  ],
  invalid: [
    {
      // LangChain's embedDocuments takes no signal: only a check in the loop can stop the batches.
      code: `${EMBEDDINGS}export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    await embeddings.embedDocuments(batch);
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${EMBEDDINGS}export async function embedAll(batches: string[][], signal: AbortSignal) {
  for (const batch of batches) {
    signal.throwIfAborted();
    await embeddings.embedDocuments(batch);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A request handler upserting into a store that takes no signal; the comment stays on its statement.
      code: `${STORE}${EMBEDDINGS}export async function POST(request: Request) {
  const { texts } = (await request.json()) as { texts: string[] };
  for (let start = 0; start < texts.length; start += 100) {
    // One batch per request to the index.
    const batch = texts.slice(start, start + 100);
    const vectors = await embeddings.embedDocuments(batch);
    await index.upsert(vectors.map((values, i) => ({ id: String(start + i), values })));
  }
  return new Response('ok');
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'request.signal' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'request.signal.throwIfAborted()' },
              output: `${STORE}${EMBEDDINGS}export async function POST(request: Request) {
  const { texts } = (await request.json()) as { texts: string[] };
  for (let start = 0; start < texts.length; start += 100) {
    request.signal.throwIfAborted();
    // One batch per request to the index.
    const batch = texts.slice(start, start + 100);
    const vectors = await embeddings.embedDocuments(batch);
    await index.upsert(vectors.map((values, i) => ({ id: String(start + i), values })));
  }
  return new Response('ok');
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // `for await` over a project generator that cannot take a signal; the body is wrapped in a block.
      code: `${SAVE}declare function crawl(urls: string[]): AsyncGenerator<string>;
export async function mirror(urls: string[], signal: AbortSignal) {
  for await (const page of crawl(urls)) await save(page);
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${SAVE}declare function crawl(urls: string[]): AsyncGenerator<string>;
export async function mirror(urls: string[], signal: AbortSignal) {
  for await (const page of crawl(urls)) { signal.throwIfAborted(); await save(page); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The iteration itself is the work, even with an empty body.
      code: `declare function crawl(urls: string[]): AsyncGenerator<string>;
export async function touch(urls: string[], signal: AbortSignal) {
  for await (const _ of crawl(urls)) {}
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `declare function crawl(urls: string[]): AsyncGenerator<string>;
export async function touch(urls: string[], signal: AbortSignal) {
  for await (const _ of crawl(urls)) { signal.throwIfAborted(); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Nested loops without a check: reported once, at the outermost loop.
      code: `${STORE}export async function upsertAll(docs: { id: string; values: number[] }[][], signal: AbortSignal) {
  for (const doc of docs) {
    for (const chunk of doc) {
      await index.upsert([chunk]);
    }
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${STORE}export async function upsertAll(docs: { id: string; values: number[] }[][], signal: AbortSignal) {
  for (const doc of docs) {
    signal.throwIfAborted();
    for (const chunk of doc) {
      await index.upsert([chunk]);
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
      // The inner check does not run on every outer iteration, and its `break` leaves only the inner loop.
      code: `${STORE}export async function upsertAll(docs: { id: string; values: number[] }[][], signal: AbortSignal) {
  for (const doc of docs) {
    await index.upsert(doc.slice(0, 1));
    for (const chunk of doc) {
      if (signal.aborted) break;
      await index.upsert([chunk]);
    }
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${STORE}export async function upsertAll(docs: { id: string; values: number[] }[][], signal: AbortSignal) {
  for (const doc of docs) {
    signal.throwIfAborted();
    await index.upsert(doc.slice(0, 1));
    for (const chunk of doc) {
      if (signal.aborted) break;
      await index.upsert([chunk]);
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
      // The outer loop checks once per document; the inner loop runs every chunk unchecked.
      code: `${STORE}export async function upsertAll(docs: { id: string; values: number[] }[][], signal: AbortSignal) {
  for (const doc of docs) {
    signal.throwIfAborted();
    for (const chunk of doc) await index.upsert([chunk]);
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${STORE}export async function upsertAll(docs: { id: string; values: number[] }[][], signal: AbortSignal) {
  for (const doc of docs) {
    signal.throwIfAborted();
    for (const chunk of doc) { signal.throwIfAborted(); await index.upsert([chunk]); }
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A loop in a callback of a reported loop is not reported again.
      code: `${SAVE}export async function saveAll(groups: string[][], signal: AbortSignal) {
  for (const group of groups) {
    await Promise.all(group.map(async (line) => {
      for (const part of line.split(',')) await save(part);
    }));
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${SAVE}export async function saveAll(groups: string[][], signal: AbortSignal) {
  for (const group of groups) {
    signal.throwIfAborted();
    await Promise.all(group.map(async (line) => {
      for (const part of line.split(',')) await save(part);
    }));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // One more iteration than the default limit.
      code: `${EMBEDDINGS}export async function warmUp(signal: AbortSignal) {
  for (let attempt = 0; attempt < 4; attempt++) await embeddings.embedQuery('ping');
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${EMBEDDINGS}export async function warmUp(signal: AbortSignal) {
  for (let attempt = 0; attempt < 4; attempt++) { signal.throwIfAborted(); await embeddings.embedQuery('ping'); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // maxLiteralIterations: 0 reports even a single-element literal.
      code: `${EMBEDDINGS}export async function warmUp(signal: AbortSignal) {
  for (const text of ['ping']) await embeddings.embedQuery(text);
}`,
      options: [{ maxLiteralIterations: 0 }],
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${EMBEDDINGS}export async function warmUp(signal: AbortSignal) {
  for (const text of ['ping']) { signal.throwIfAborted(); await embeddings.embedQuery(text); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A polling loop around a timer that cannot take a signal.
      code: `${SAVE}export async function poll(signal: AbortSignal) {
  while (true) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await save('tick');
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${SAVE}export async function poll(signal: AbortSignal) {
  while (true) {
    signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await save('tick');
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // do…while: reported at `do`; a module-level shutdown controller is the signal in scope.
      code: `${SAVE}const shutdown = new AbortController();
export async function drain(queue: string[]) {
  do await save(queue.shift()!); while (queue.length > 0);
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'shutdown.signal' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 5,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'shutdown.signal.throwIfAborted()' },
              output: `${SAVE}const shutdown = new AbortController();
export async function drain(queue: string[]) {
  do { shutdown.signal.throwIfAborted(); await save(queue.shift()!); } while (queue.length > 0);
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // An optional source: the check keeps type-checking.
      code: `${SAVE}export async function saveAll(items: string[], details?: { signal?: AbortSignal }) {
  for (const item of items) { await save(item); }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'details?.signal' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'details?.signal?.throwIfAborted()' },
              output: `${SAVE}export async function saveAll(items: string[], details?: { signal?: AbortSignal }) {
  for (const item of items) { details?.signal?.throwIfAborted(); await save(item); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The loop variable shadows the source: no suggestion that would mean another request.
      code: `${SAVE}export async function forward(requests: Request[], request: Request) {
  for (const request of requests) {
    await save(request.url);
  }
}`,
      errors: [{ messageId: 'uncheckedLoop', data: { signal: 'request.signal' }, line: 3, column: 3, endLine: 3, endColumn: 34, suggestions: [] }],
      output: null,
    },
    {
      // A `const` later in the body would be read before its declaration: no suggestion.
      code: `${SAVE}export async function run(items: string[], signal: AbortSignal) {
  for (const item of items) {
    await save(item);
    const signal = item.length;
    console.log(signal);
  }
}`,
      errors: [{ messageId: 'uncheckedLoop', data: { signal: 'signal' }, line: 3, column: 3, endLine: 3, endColumn: 28, suggestions: [] }],
      output: null,
    },
    {
      // The work is in the loop's test.
      code: `declare const queue: { next(): Promise<string | undefined> };
export async function drain(signal: AbortSignal) {
  let item: string | undefined;
  while ((item = await queue.next()) !== undefined) console.log(item);
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `declare const queue: { next(): Promise<string | undefined> };
export async function drain(signal: AbortSignal) {
  let item: string | undefined;
  while ((item = await queue.next()) !== undefined) { signal.throwIfAborted(); console.log(item); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // for…in is a loop too.
      code: `${SAVE}export async function saveKeys(record: Record<string, string>, signal: AbortSignal) {
  for (const key in record) {
    await save(key);
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${SAVE}export async function saveKeys(record: Record<string, string>, signal: AbortSignal) {
  for (const key in record) {
    signal.throwIfAborted();
    await save(key);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // With the nearest source shadowed, the suggestion falls back to an outer one.
      code: `${SAVE}const shutdown = new AbortController();
export async function forward(requests: Request[], request: Request) {
  for (const request of requests) {
    await save(request.url);
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'shutdown.signal' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'shutdown.signal.throwIfAborted()' },
              output: `${SAVE}const shutdown = new AbortController();
export async function forward(requests: Request[], request: Request) {
  for (const request of requests) {
    shutdown.signal.throwIfAborted();
    await save(request.url);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A class that owns a controller.
      code: `${SAVE}export class Indexer {
  private readonly controller = new AbortController();
  async run(items: string[]) {
    for (const item of items) {
      await save(item);
    }
  }
  stop() {
    this.controller.abort();
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'this.controller.signal' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'this.controller.signal.throwIfAborted()' },
              output: `${SAVE}export class Indexer {
  private readonly controller = new AbortController();
  async run(items: string[]) {
    for (const item of items) {
      this.controller.signal.throwIfAborted();
      await save(item);
    }
  }
  stop() {
    this.controller.abort();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // An AI SDK tool: the signal the SDK offers is declared, then checked.
      code: `import { tool } from 'ai';
import { z } from 'zod';
${SAVE}export const archive = tool({
  inputSchema: z.object({ urls: z.array(z.string()) }),
  execute: async ({ urls }) => {
    for (const url of urls) {
      await save(url);
    }
    return urls.length;
  },
});`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'abortSignal' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'abortSignal?.throwIfAborted()' },
              output: `import { tool } from 'ai';
import { z } from 'zod';
${SAVE}export const archive = tool({
  inputSchema: z.object({ urls: z.array(z.string()) }),
  execute: async ({ urls }, { abortSignal }) => {
    for (const url of urls) {
      abortSignal?.throwIfAborted();
      await save(url);
    }
    return urls.length;
  },
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // An async generator that fetches a page per `yield`.
      code: `declare function fetchPage(n: number): Promise<string>;
export async function* pages(signal: AbortSignal) {
  for (let n = 0; n < 100; n++) yield fetchPage(n);
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `declare function fetchPage(n: number): Promise<string>;
export async function* pages(signal: AbortSignal) {
  for (let n = 0; n < 100; n++) { signal.throwIfAborted(); yield fetchPage(n); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A sync `for…of` over a list fetched with the signal: the signal ran once, not per iteration.
      code: `${SAVE}declare function list(options?: { signal?: AbortSignal }): Promise<string[]>;
export async function copyAll(signal: AbortSignal) {
  for (const item of await list({ signal })) await save(item);
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${SAVE}declare function list(options?: { signal?: AbortSignal }): Promise<string[]>;
export async function copyAll(signal: AbortSignal) {
  for (const item of await list({ signal })) { signal.throwIfAborted(); await save(item); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

node.run('check-signal-in-loop (signals reached indirectly, drains, test runners)', rule, {
  valid: [
    // The awaited closure passes the loop's signal on.
    `declare function run(item: string, signal?: AbortSignal): Promise<void>;
export async function all(items: string[], signal?: AbortSignal): Promise<void> {
  const dispatch = async (item: string) => {
    await run(item, signal);
  };
  for (const item of items) await dispatch(item);
}`,
    // A method of the same class passes the same field's signal on.
    `export class Runner {
  readonly #controller = new AbortController();
  async #route(id: string): Promise<void> {
    await fetch(\`/route/\${id}\`, { signal: this.#controller.signal });
  }
  async resume(ids: string[]): Promise<void> {
    const ctrl = this.#controller;
    ctrl.signal.throwIfAborted();
    for (const id of ids) await this.#route(id);
  }
}`,
    // The page requests of a \`for await\` get the caller's options, signal included.
    `${SAVE}interface RequestOptions { signal?: AbortSignal; timeout?: number }
declare function list(query: { after?: string }, options?: RequestOptions): Promise<{ data: string[]; next?: string }>;
declare function pages(fetchPage: (after?: string) => Promise<{ data: string[]; next?: string }>): AsyncIterable<string>;
export async function copyAll(options?: RequestOptions): Promise<void> {
  for await (const item of pages((after) => list({ after }, { ...options, timeout: 5 }))) {
    console.log(item);
  }
}`,
    // A drain loop does no work of its own: the stream's producer decides when it ends.
    `export function drain(stream: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
  const reader = stream.getReader();
  return (async () => {
    while (!(await reader.read()).done) {
      // drain
    }
  })();
}`,
    // Pulling from an iterator made by a function handed in: it may close over the signal.
    `export async function* observe(source: () => AsyncIterator<string>, accept: (value: string) => void, signal?: AbortSignal): AsyncGenerator<string> {
  const iterator = source();
  while (true) {
    const next = await iterator.next();
    if (next.done) return;
    accept(next.value);
    yield next.value;
  }
}`,
    // vitest offers the test a signal it does not declare: test code is not request code.
    `import { expect, test } from 'vitest';
test('parses every input', async () => {
  for (const input of ['a', 'b', 'c', 'd']) {
    expect(await Promise.resolve(input)).toBe(input);
  }
});`,
    // So does node:test.
    `import { test } from 'node:test';
${SAVE}test('saves every input', async () => {
  for (const input of ['a', 'b', 'c', 'd']) await save(input);
});`,
  ],
  invalid: [
    {
      // The closure makes its own controller: the loop's signal does not reach the work.
      code: `declare function run(item: string, signal?: AbortSignal): Promise<void>;
export async function all(items: string[], signal?: AbortSignal): Promise<void> {
  const dispatch = async (item: string) => {
    const own = new AbortController();
    await run(item, own.signal);
  };
  for (const item of items) await dispatch(item);
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal?.throwIfAborted()' },
              output: `declare function run(item: string, signal?: AbortSignal): Promise<void>;
export async function all(items: string[], signal?: AbortSignal): Promise<void> {
  const dispatch = async (item: string) => {
    const own = new AbortController();
    await run(item, own.signal);
  };
  for (const item of items) { signal?.throwIfAborted(); await dispatch(item); }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A method of another object, even of the same class, has another controller.
      code: `export class Runner {
  readonly #controller = new AbortController();
  async route(id: string): Promise<void> {
    await fetch(\`/route/\${id}\`, { signal: this.#controller.signal });
  }
  async resume(ids: string[], other: Runner, signal: AbortSignal): Promise<void> {
    for (const id of ids) await other.route(id);
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `export class Runner {
  readonly #controller = new AbortController();
  async route(id: string): Promise<void> {
    await fetch(\`/route/\${id}\`, { signal: this.#controller.signal });
  }
  async resume(ids: string[], other: Runner, signal: AbortSignal): Promise<void> {
    for (const id of ids) { signal.throwIfAborted(); await other.route(id); }
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A drain loop that does work with what it reads is a loop like any other.
      code: `${SAVE}export async function copy(stream: ReadableStream<string>, signal: AbortSignal): Promise<void> {
  const reader = stream.getReader();
  let result;
  while (!(result = await reader.read()).done) {
    await save(result.value);
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `${SAVE}export async function copy(stream: ReadableStream<string>, signal: AbortSignal): Promise<void> {
  const reader = stream.getReader();
  let result;
  while (!(result = await reader.read()).done) {
    signal.throwIfAborted();
    await save(result.value);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Pulling from a generator that cannot take the signal, as \`for await\` over it would.
      code: `declare function numbers(): AsyncGenerator<number>;
export async function count(signal: AbortSignal): Promise<number> {
  const iterator = numbers();
  let total = 0;
  while (!(await iterator.next()).done) total++;
  return total;
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `declare function numbers(): AsyncGenerator<number>;
export async function count(signal: AbortSignal): Promise<number> {
  const iterator = numbers();
  let total = 0;
  while (!(await iterator.next()).done) { signal.throwIfAborted(); total++; }
  return total;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A test that declares vitest's signal means to use it.
      code: `import { test } from 'vitest';
${SAVE}test('saves every input', async ({ signal }) => {
  for (const input of ['a', 'b', 'c', 'd']) await save(input);
});`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `import { test } from 'vitest';
${SAVE}test('saves every input', async ({ signal }) => {
  for (const input of ['a', 'b', 'c', 'd']) { signal.throwIfAborted(); await save(input); }
});`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // node:test's context, declared as \`t\`.
      code: `import { test } from 'node:test';
${SAVE}test('saves every input', async (t) => {
  for (const input of ['a', 'b', 'c', 'd']) await save(input);
});`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 't.signal' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 't.signal.throwIfAborted()' },
              output: `import { test } from 'node:test';
${SAVE}test('saves every input', async (t) => {
  for (const input of ['a', 'b', 'c', 'd']) { t.signal.throwIfAborted(); await save(input); }
});`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

node.run('check-signal-in-loop (signals reached through helpers, drained pairs)', rule, {
  valid: [
    // @anthropic-ai/sdk SessionToolRunner: the routing method reaches the runner's controller two calls down.
    `declare function linkAbort(signal: AbortSignal, controller: AbortController): () => void;
declare function runTool(input: string, options: { signal: AbortSignal }): Promise<string>;
export class Runner {
  readonly #controller = new AbortController();
  readonly #answered = new Set<string>();
  async #execute(id: string): Promise<void> {
    if (this.#answered.has(id)) return;
    const toolCtrl = new AbortController();
    const detach = linkAbort(this.#controller.signal, toolCtrl);
    try {
      await runTool(id, { signal: toolCtrl.signal });
    } finally {
      detach();
    }
    this.#answered.add(id);
  }
  async #applyVerdict(id: string, verdict: 'allow' | 'deny'): Promise<void> {
    if (verdict === 'allow') await this.#execute(id);
    else this.#answered.add(id);
  }
  async #route(id: string, verdict?: 'allow' | 'deny'): Promise<void> {
    if (verdict === undefined) {
      await this.#execute(id);
      return;
    }
    await this.#applyVerdict(id, verdict);
  }
  async reconcile(ids: string[], held: Map<string, 'allow' | 'deny'>): Promise<void> {
    const ctrl = this.#controller;
    ctrl.signal.throwIfAborted();
    for (const id of ids) await this.#route(id);
    for (const [id, verdict] of held) await this.#applyVerdict(id, verdict);
  }
}`,
    // ai streamSpeech: the drained side of a TransformStream is fed by a pipe that receives a signal.
    `declare function doStream(options: { abortSignal?: AbortSignal }): Promise<{ stream: ReadableStream<string> }>;
export function streamSpeech(abortSignal?: AbortSignal): { consume(): void } {
  const pipeAbortController = new AbortController();
  const transform = new TransformStream<string, string>({
    transform(chunk, controller) {
      controller.enqueue(chunk);
    },
  });
  void (async () => {
    const result = await doStream({ abortSignal });
    await result.stream.pipeTo(transform.writable, { signal: pipeAbortController.signal });
  })().catch(() => {});
  function consume(): void {
    const reader = transform.readable.getReader();
    void (async () => {
      while (!(await reader.read()).done) {
        // drain
      }
    })().catch(() => {});
  }
  return { consume };
}`,
  ],
  invalid: [
    {
      // Two calls down, the work gets a controller of its own: the loop's signal does not reach it.
      code: `export class Runner {
  async #execute(id: string): Promise<void> {
    const own = new AbortController();
    await fetch(\`/tools/\${id}\`, { signal: own.signal });
  }
  async #route(id: string): Promise<void> {
    await this.#execute(id);
  }
  async reconcile(ids: string[], signal: AbortSignal): Promise<void> {
    for (const id of ids) await this.#route(id);
  }
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `export class Runner {
  async #execute(id: string): Promise<void> {
    const own = new AbortController();
    await fetch(\`/tools/\${id}\`, { signal: own.signal });
  }
  async #route(id: string): Promise<void> {
    await this.#execute(id);
  }
  async reconcile(ids: string[], signal: AbortSignal): Promise<void> {
    for (const id of ids) { signal.throwIfAborted(); await this.#route(id); }
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The pair's writable side is fed by a call that takes no signal: the drain loop is not governed.
      code: `declare function feed(target: WritableStream<string>): Promise<void>;
export function collect(signal: AbortSignal): void {
  const transform = new TransformStream<string, string>();
  void feed(transform.writable);
  const reader = transform.readable.getReader();
  void (async () => {
    while (!(await reader.read()).done) {}
  })();
}`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'signal' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'signal.throwIfAborted()' },
              output: `declare function feed(target: WritableStream<string>): Promise<void>;
export function collect(signal: AbortSignal): void {
  const transform = new TransformStream<string, string>();
  void feed(transform.writable);
  const reader = transform.readable.getReader();
  void (async () => {
    while (!(await reader.read()).done) { signal.throwIfAborted(); }
  })();
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

dom.run('check-signal-in-loop (dom, Hono)', rule, {
  valid: [
    `import { Hono } from 'hono';
${SAVE}const app = new Hono();
app.post('/import', async (c) => {
  const { items } = await c.req.json<{ items: string[] }>();
  for (const item of items) {
    c.req.raw.signal.throwIfAborted();
    await save(item);
  }
  return c.text('ok');
});`,
  ],
  invalid: [
    {
      code: `import { Hono } from 'hono';
${SAVE}const app = new Hono();
app.post('/import', async (c) => {
  const { items } = await c.req.json<{ items: string[] }>();
  for (const item of items) {
    await save(item);
  }
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'uncheckedLoop',
          data: { signal: 'c.req.raw.signal' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'insertThrowIfAborted',
              data: { check: 'c.req.raw.signal.throwIfAborted()' },
              output: `import { Hono } from 'hono';
${SAVE}const app = new Hono();
app.post('/import', async (c) => {
  const { items } = await c.req.json<{ items: string[] }>();
  for (const item of items) {
    c.req.raw.signal.throwIfAborted();
    await save(item);
  }
  return c.text('ok');
});`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

createTypedTester('bare').run('check-signal-in-loop (bare: no AbortSignal type)', rule, {
  valid: [
    `${SAVE}export async function saveAll(items: string[], signal: AbortSignal) {
  for (const item of items) await save(item);
}`,
  ],
  invalid: [],
});

describe('check-signal-in-loop options', () => {
  const lint = (options: unknown): void => {
    const linter = new Linter({ configType: 'flat', cwd: path.join(fixturesDir, 'node') });
    linter.verify(
      'export {};',
      [
        {
          files: ['**/*.ts'],
          plugins: { 'abort-signal': { rules: { 'check-signal-in-loop': rule } } },
          rules: { 'abort-signal/check-signal-in-loop': ['error', options] },
        },
      ] as never,
      path.join(fixturesDir, 'node', 'file.ts'),
    );
  };

  it('rejects a negative limit', () => {
    expect(() => {
      lint({ maxLiteralIterations: -1 });
    }).toThrow(/Value -1 should be >= 0/);
  });

  it('rejects a limit that is not an integer', () => {
    expect(() => {
      lint({ maxLiteralIterations: 'three' });
    }).toThrow(/Value "three" should be integer/);
  });

  it('rejects unknown options', () => {
    expect(() => {
      lint({ maxIterations: 3 });
    }).toThrow(/Unexpected property "maxIterations"\. Expected properties: "maxLiteralIterations"/);
  });
});

describe('check-signal-in-loop cost', () => {
  const countCheckerCalls = (code: string): number => countRuleCheckerCalls(rule, code);

  it('asks nothing of the checker for loops that await nothing, or for awaits outside loops', () => {
    const calls = countCheckerCalls(`${SAVE}export async function run(items: string[], signal: AbortSignal) {
  let total = 0;
  for (const item of items) total += item.length;
  while (total > 10) total -= 10;
  await save(String(total));
  await Promise.all(items.map(async (item) => { await save(item); }));
}`);
    expect(calls).toBe(0);
  });

  it('asks nothing of the checker for loops checked by syntax', () => {
    const calls = countCheckerCalls(`${SAVE}export async function run(items: string[], signal: AbortSignal) {
  for (const item of items) {
    signal.throwIfAborted();
    await save(item);
  }
}`);
    expect(calls).toBe(0);
  });
});
