import rule from '../../src/rules/require-signal.js';
import { createTypedTester } from '../tester.js';

// Calls the rule leaves alone because of where they run or what they are for
// (bench/FINDINGS.md, FP 3 to FP 7), each with the cases at its edge.

const dom = createTypedTester('dom');
const node = createTypedTester('node');

// FP 3: a timer that bounds a `Promise.race` is a deadline, not work. In a teardown that
// waits (bounded) after aborting, the signal would end the wait at once.
node.run('require-signal: the timer of a Promise.race', rule, {
  valid: [
    `import { setTimeout as sleep } from 'node:timers/promises';
export class Runner {
  readonly signal: AbortSignal;
  #onIdle: (() => void) | null = null;
  constructor(signal: AbortSignal) {
    this.signal = signal;
  }
  async drain(): Promise<void> {
    await Promise.race([new Promise<void>((r) => (this.#onIdle = r)), sleep(5000)]);
  }
}`,
    // With a value to tell the timeout apart, or a `.then` that throws.
    `import { setTimeout as sleep } from 'node:timers/promises';
export async function load(signal: AbortSignal) {
  return Promise.race([fetch('/a', { signal }), sleep(1000, 'timeout' as const)]);
}`,
    `import { setTimeout as sleep } from 'node:timers/promises';
export async function load(signal: AbortSignal) {
  return Promise.race([
    fetch('/a', { signal }),
    sleep(1000).then(() => {
      throw new Error('timeout');
    }),
  ]);
}`,
  ],
  invalid: [
    {
      // The work in the race still needs the signal; a timer outside a race is work.
      code: "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function load(signal: AbortSignal) {\n  await Promise.race([fetch('/a'), sleep(1000)]);\n  await Promise.all([fetch('/b', { signal }), sleep(1000)]);\n}",
      errors: [
        { messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' }, line: 3 },
        { messageId: 'missingSignal', data: { callee: 'sleep', slot: '3rd argument (`signal`)', signal: 'signal' }, line: 4 },
      ],
      output:
        "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function load(signal: AbortSignal) {\n  await Promise.race([fetch('/a', { signal }), sleep(1000)]);\n  await Promise.all([fetch('/b', { signal }), sleep(1000, undefined, { signal })]);\n}",
    },
    {
      // A number first is not enough: this call resolves to a result of its own.
      code: 'declare function page(n: number, options?: { signal?: AbortSignal }): Promise<string[]>;\nexport async function first(signal: AbortSignal) {\n  return Promise.race([page(1), page(2, { signal })]);\n}',
      errors: [{ messageId: 'missingSignal', data: { callee: 'page', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        'declare function page(n: number, options?: { signal?: AbortSignal }): Promise<string[]>;\nexport async function first(signal: AbortSignal) {\n  return Promise.race([page(1, { signal }), page(2, { signal })]);\n}',
    },
  ],
});

const SEND = 'declare function send(frame: object, options?: { signal?: AbortSignal }): Promise<void>;\n';

// FP 4: a function that only teardown calls runs because of the abort: the frame that tells
// the server about the abort must not get the aborted signal.
dom.run('require-signal: functions called only from cleanup', rule, {
  valid: [
    `export class Transport {
  constructor(private readonly socket: WebSocket) {}
  start(requestId: string, abortSignal: AbortSignal): void {
    abortSignal.addEventListener('abort', () => this.abortRequest(requestId, abortSignal), { once: true });
  }
  private abortRequest(requestId: string, abortSignal: AbortSignal): void {
    void this.sendFrame({ type: 'abort', requestId }).catch(() => {});
  }
  private async sendFrame(frame: object, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.socket.send(JSON.stringify(frame));
  }
}`,
    // A file-local function called only from an abort listener, a `finally` or another such function.
    `${SEND}function notify(signal: AbortSignal) {
  void send({ type: 'abort' });
}
export function start(signal: AbortSignal) {
  signal.addEventListener('abort', () => notify(signal));
}`,
    `${SEND}const flush = async (signal: AbortSignal) => {
  await send({ type: 'flush' });
};
export async function run(signal: AbortSignal) {
  try {
    await send({ type: 'work' }, { signal });
  } finally {
    await flush(signal);
  }
}`,
    `${SEND}export class Session {
  start(signal: AbortSignal): void {
    signal.onabort = () => this.#stop(signal);
  }
  #stop(signal: AbortSignal): void {
    void this.#report(signal);
  }
  async #report(signal: AbortSignal): Promise<void> {
    await send({ type: 'stopped' });
  }
}`,
    // Handed over as the abort listener itself.
    `${SEND}function onAbort(this: AbortSignal) {
  void send({ type: 'abort', reason: this.reason });
}
export function start(signal: AbortSignal) {
  signal.addEventListener('abort', onAbort, { once: true });
}`,
  ],
  invalid: [
    {
      // Also called outside teardown.
      code: `${SEND}function notify(signal: AbortSignal) {
  void send({ type: 'abort' });
}
export function start(signal: AbortSignal) {
  signal.addEventListener('abort', () => notify(signal));
  notify(signal);
}`,
      errors: [{ messageId: 'missingSignal', line: 3 }],
      output: `${SEND}function notify(signal: AbortSignal) {
  void send({ type: 'abort' }, { signal });
}
export function start(signal: AbortSignal) {
  signal.addEventListener('abort', () => notify(signal));
  notify(signal);
}`,
    },
    {
      // Exported: other files may call it for any reason.
      code: `${SEND}export function notify(signal: AbortSignal) {
  void send({ type: 'abort' });
}
export function start(signal: AbortSignal) {
  signal.addEventListener('abort', () => notify(signal));
}`,
      errors: [{ messageId: 'missingSignal', line: 3 }],
      output: `${SEND}export function notify(signal: AbortSignal) {
  void send({ type: 'abort' }, { signal });
}
export function start(signal: AbortSignal) {
  signal.addEventListener('abort', () => notify(signal));
}`,
    },
    {
      // A public method, and a private one that escapes as a value.
      code: `${SEND}export class Session {
  start(signal: AbortSignal): void {
    signal.onabort = () => {
      this.stop(signal);
      this.#report(signal);
    };
    queueMicrotask(this.#report);
  }
  stop(signal: AbortSignal): void {
    void send({ type: 'stop' });
  }
  #report(signal?: AbortSignal): void {
    void send({ type: 'report' });
  }
}`,
      errors: [
        { messageId: 'missingSignal', line: 11 },
        { messageId: 'missingSignal', line: 14 },
      ],
      output: `${SEND}export class Session {
  start(signal: AbortSignal): void {
    signal.onabort = () => {
      this.stop(signal);
      this.#report(signal);
    };
    queueMicrotask(this.#report);
  }
  stop(signal: AbortSignal): void {
    void send({ type: 'stop' }, { signal });
  }
  #report(signal?: AbortSignal): void {
    void send({ type: 'report' }, { signal });
  }
}`,
    },
  ],
});

// FP 5: a stream built on an existing stream starts no work; the source carries the signal.
dom.run('require-signal: streams built on a stream', rule, {
  valid: [
    `export async function decode(url: string, abortSignal: AbortSignal): Promise<ReadableStream<string>> {
  const response = await fetch(url, { signal: abortSignal });
  return response.body!.pipeThrough(new TextDecoderStream());
}`,
  ],
  invalid: [
    {
      // `pipeTo` is the consumer: it does the work of piping.
      code: 'export async function save(url: string, sink: WritableStream<Uint8Array>, signal: AbortSignal) {\n  const response = await fetch(url, { signal });\n  await response.body!.pipeTo(sink);\n}',
      errors: [{ messageId: 'missingSignal', data: { callee: '…pipeTo', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        'export async function save(url: string, sink: WritableStream<Uint8Array>, signal: AbortSignal) {\n  const response = await fetch(url, { signal });\n  await response.body!.pipeTo(sink, { signal });\n}',
    },
  ],
});

// FP 6: a stream used up by a chain of calls that ends in a plain value is a synchronous computation.
node.run('require-signal: streams used up on the spot', rule, {
  valid: [
    `import { createHash } from 'node:crypto';
export async function digest(signal: AbortSignal, data: string): Promise<string> {
  signal.throwIfAborted();
  return createHash('sha256').update(data).digest('hex');
}`,
    "import { createHmac } from 'node:crypto';\nexport function sign(signal: AbortSignal, key: string, data: string) {\n  return { signal, mac: createHmac('sha256', key).update(data).digest('base64') };\n}",
  ],
  invalid: [
    {
      // A chain that ends in a stream keeps the stream.
      code: "import { createHash } from 'node:crypto';\nexport function hasher(signal: AbortSignal, data: string) {\n  signal.throwIfAborted();\n  return createHash('sha256').update(data);\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'createHash', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        "import { createHash } from 'node:crypto';\nexport function hasher(signal: AbortSignal, data: string) {\n  signal.throwIfAborted();\n  return createHash('sha256', { signal }).update(data);\n}",
    },
  ],
});

// FP 7: when an abort listener stops the call's result itself, the signal is handled.
node.run('require-signal: results stopped by an abort listener', rule, {
  valid: [
    `import { spawn } from 'node:child_process';
export function record(file: string, signal?: AbortSignal): Promise<number | null> {
  const child = spawn('ffmpeg', ['-i', 'default', file]);
  signal?.addEventListener('abort', () => child.kill('SIGINT'), { once: true });
  return new Promise((resolve) => child.on('exit', resolve));
}`,
    "import { spawn } from 'node:child_process';\nexport function run(signal: AbortSignal) {\n  const child = spawn('server');\n  signal.onabort = () => child.kill('SIGINT');\n  return child;\n}",
    "import { spawn } from 'node:child_process';\nimport { addAbortListener } from 'node:events';\nexport function run(signal: AbortSignal) {\n  let child;\n  child = spawn('server');\n  addAbortListener(signal, () => {\n    setTimeout(() => child.kill('SIGKILL'), 5000);\n  });\n  return child;\n}",
  ],
  invalid: [
    {
      // A listener that leaves the child alone does not stop it.
      code: "import { spawn } from 'node:child_process';\nexport function run(signal: AbortSignal) {\n  const child = spawn('server');\n  signal.addEventListener('abort', () => console.log('aborted'));\n  return child;\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'spawn', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        "import { spawn } from 'node:child_process';\nexport function run(signal: AbortSignal) {\n  const child = spawn('server', { signal });\n  signal.addEventListener('abort', () => console.log('aborted'));\n  return child;\n}",
    },
    {
      // Using the result in some other listener is not stopping it on abort.
      code: "import { spawn } from 'node:child_process';\nexport function run(signal: AbortSignal) {\n  const child = spawn('server');\n  child.on('exit', () => signal.throwIfAborted());\n  return child;\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'spawn', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        "import { spawn } from 'node:child_process';\nexport function run(signal: AbortSignal) {\n  const child = spawn('server', { signal });\n  child.on('exit', () => signal.throwIfAborted());\n  return child;\n}",
    },
  ],
});

// FP 7, as openai's `recordAudio` has it: the listeners (on the caller's signal and on a
// timeout signal) call a helper that stops the process kept in a `let` of the enclosing scope.
node.run('require-signal: results stopped by a helper of an abort listener', rule, {
  valid: [
    `import { spawn } from 'node:child_process';
export function record(options: { signal?: AbortSignal; timeout?: number } = {}): Promise<number | null> {
  const { signal, timeout } = options;
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn> | undefined;
    let internalSignal: AbortSignal | undefined;
    const stop = () => {
      if (child?.pid) child.kill('SIGTERM');
    };
    const stopOnTimeout = () => stop();
    const stopOnAbort = () => stop();
    const forget = (target: AbortSignal | undefined, listener: () => void) => target?.removeEventListener('abort', listener);
    try {
      if (timeout !== undefined) internalSignal = AbortSignal.timeout(timeout);
      child = spawn('ffmpeg', ['-i', 'default', 'pipe:1'], { stdio: ['ignore', 'pipe', 'ignore'] });
      child.on('close', (code) => {
        forget(signal, stopOnAbort);
        forget(internalSignal, stopOnTimeout);
        resolve(code);
      });
      internalSignal?.addEventListener('abort', stopOnTimeout, { once: true });
      if (signal?.aborted) stop();
      else signal?.addEventListener('abort', stopOnAbort, { once: true });
    } catch (error) {
      reject(error);
    }
  });
}`,
  ],
  invalid: [
    {
      // A helper that no abort listener reaches does not stop the result on abort.
      code: "import { spawn } from 'node:child_process';\nexport function run(signal: AbortSignal) {\n  let child: ReturnType<typeof spawn> | undefined;\n  const stop = () => child?.kill();\n  child = spawn('server');\n  signal.addEventListener('abort', () => console.log('aborted'));\n  child.on('error', stop);\n  return child;\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'spawn', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        "import { spawn } from 'node:child_process';\nexport function run(signal: AbortSignal) {\n  let child: ReturnType<typeof spawn> | undefined;\n  const stop = () => child?.kill();\n  child = spawn('server', { signal });\n  signal.addEventListener('abort', () => console.log('aborted'));\n  child.on('error', stop);\n  return child;\n}",
    },
  ],
});

// FP 4, as the AI SDK's WebSocket chat transport has it: the abort listener is a named
// function (kept on the request for removal, and called by hand when the signal has
// already aborted), and the stream's `cancel` reaches the same method.
dom.run('require-signal: functions called only from abort listeners and stream cancels', rule, {
  valid: [
    `type Active = { id: string; abortSignal?: AbortSignal; abortListener?: () => void };
export class Transport {
  readonly #active = new Map<string, Active>();
  constructor(private readonly socket: WebSocket) {}
  async send(id: string, frame: object, abortSignal?: AbortSignal): Promise<ReadableStream<string>> {
    const stream = this.createRequest(id, abortSignal);
    await this.sendFrame(frame, abortSignal);
    return stream;
  }
  private createRequest(id: string, abortSignal: AbortSignal | undefined): ReadableStream<string> {
    const stream = new ReadableStream<string>({
      cancel: () => {
        this.abortRequest(id);
      },
    });
    const request: Active = { id, abortSignal };
    this.#active.set(id, request);
    if (abortSignal != null) {
      const abortListener = () => {
        this.abortRequest(id);
      };
      request.abortListener = abortListener;
      abortSignal.addEventListener('abort', abortListener, { once: true });
      if (abortSignal.aborted) abortListener();
    }
    return stream;
  }
  private abortRequest(id: string): void {
    const request = this.#active.get(id);
    if (request == null) return;
    this.#active.delete(id);
    if (request.abortListener != null) request.abortSignal?.removeEventListener('abort', request.abortListener);
    void this.sendFrame({ type: 'abort', id }).catch(() => {});
  }
  private async sendFrame(frame: object, abortSignal?: AbortSignal): Promise<void> {
    abortSignal?.throwIfAborted();
    this.socket.send(JSON.stringify(frame));
  }
}`,
    // The cancel callback of a stream's source is teardown itself.
    `${SEND}export function open(signal: AbortSignal): ReadableStream<string> {
  return new ReadableStream<string>({
    async cancel() {
      await send({ type: 'cancel' });
    },
  });
}`,
  ],
  invalid: [
    {
      // A method of the source that is not its cancel runs for the stream's work.
      code: `${SEND}export function open(signal: AbortSignal): ReadableStream<string> {
  return new ReadableStream<string>({
    async pull() {
      await send({ type: 'pull' });
    },
  });
}`,
      errors: [{ messageId: 'missingSignal', line: 5 }],
      output: `${SEND}export function open(signal: AbortSignal): ReadableStream<string> {
  return new ReadableStream<string>({
    async pull() {
      await send({ type: 'pull' }, { signal });
    },
  });
}`,
    },
  ],
});

const CONSUME =
  'declare function consumeStream(options: { stream: ReadableStream; onError?: (error: unknown) => void; abortSignal?: AbortSignal }): Promise<void>;\n' +
  'declare function parseEvents<T>(options: { stream: ReadableStream<Uint8Array> }): ReadableStream<T>;\n';

// FP 10 (the require-signal part), as the AI SDK's `callCompletionApi` has it: the stream
// consumed comes from a fetch given the signal. The abort reaches the consumer as the fetch's
// error; a signal of its own would end the read as a clean finish instead.
dom.run('require-signal: consumers of a stream whose producer has the signal', rule, {
  valid: [
    `${CONSUME}export async function complete(api: string, abortController: AbortController): Promise<string | null> {
  const response = await fetch(api, { method: 'POST', signal: abortController.signal }).catch((err) => {
    throw err;
  });
  if (!response.body) throw new Error('empty');
  let result = '';
  await consumeStream({
    stream: parseEvents<string>({ stream: response.body }).pipeThrough(
      new TransformStream<string, string>({
        transform(part) {
          result += part;
        },
      }),
    ),
    onError: (error) => {
      throw error;
    },
  });
  return result;
}`,
  ],
  invalid: [
    {
      // A stream whose producer has no signal: the consumer is where the signal goes.
      code: `${CONSUME}export async function drain(api: string, signal: AbortSignal, body: ReadableStream<Uint8Array>): Promise<void> {
  await consumeStream({ stream: parseEvents<string>({ stream: body }) });
}`,
      errors: [{ messageId: 'missingSignal', line: 4 }],
      output: `${CONSUME}export async function drain(api: string, signal: AbortSignal, body: ReadableStream<Uint8Array>): Promise<void> {
  await consumeStream({ stream: parseEvents<string>({ stream: body }), abortSignal: signal });
}`,
    },
  ],
});

// The consumer has the signal, as in the Anthropic agent toolset's grep: `readline.createInterface`
// is given the read stream in its options, and the signal.
node.run('require-signal: streams given to a consumer in its options', rule, {
  valid: [
    `import * as fssync from 'node:fs';
import * as readline from 'node:readline';
export async function grepFile(file: string, signal: AbortSignal): Promise<number> {
  const stream = fssync.createReadStream(file, { encoding: 'utf8' });
  stream.on('error', () => {});
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity, signal });
  let count = 0;
  try {
    for await (const line of rl) if (line.includes('x')) count++;
  } finally {
    rl.close();
    stream.destroy();
  }
  return count;
}`,
  ],
  invalid: [
    {
      // A consumer that cannot take a signal leaves the stream's producer to take it.
      code: "import * as fssync from 'node:fs';\ndeclare function lines(options: { input: NodeJS.ReadableStream }): AsyncIterable<string>;\nexport async function count(file: string, signal: AbortSignal): Promise<number> {\n  const stream = fssync.createReadStream(file, { encoding: 'utf8' });\n  let n = 0;\n  for await (const line of lines({ input: stream })) n += line.length;\n  return n;\n}",
      errors: [{ messageId: 'missingSignal', data: { callee: 'fssync.createReadStream', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output:
        "import * as fssync from 'node:fs';\ndeclare function lines(options: { input: NodeJS.ReadableStream }): AsyncIterable<string>;\nexport async function count(file: string, signal: AbortSignal): Promise<number> {\n  const stream = fssync.createReadStream(file, { encoding: 'utf8', signal });\n  let n = 0;\n  for await (const line of lines({ input: stream })) n += line.length;\n  return n;\n}",
    },
  ],
});
