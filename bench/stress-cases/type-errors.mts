// Deliberate type errors: unresolved imports, wrong argument counts and types, implicit any,
// unknown names. The file parses; the checker gives error types. No rule may throw.
import { missing } from 'package-that-does-not-exist';
import type { AlsoMissing } from './no-such-file.js';
import OpenAI from 'openai';
import { generateText } from 'ai';

const client = new OpenAI();

export async function unresolved(signal: AbortSignal): Promise<void> {
  await missing('/a');
  await missing('/a', { signal });
  const value: AlsoMissing = await missing.deep.call({ signal: missing.signal });
  await fetch(value);
  await notDeclaredAnywhere('/b');
  await notDeclaredAnywhere.create({ model: 'x' }, { signal });
  await UnknownClass.instance.run();
}

export async function wrongArguments(signal: AbortSignal): Promise<void> {
  await fetch();
  await fetch('/c', {}, 3);
  await fetch('/d', { signal: 5 });
  await fetch('/e', { signal: 'yes' }, signal);
  await fetch('/f', signal);
  await client.chat.completions.create();
  await client.chat.completions.create({ model: 'gpt-4.1-mini' }, { signal }, 'extra');
  await client.responses.create({ model: 42, input: [] }, { signal: signal.aborted });
  await client.responses.create({ input: 'x' }, { signall: signal });
  await generateText({ prompt: 'missing model' });
  await generateText({ model: 'not-a-model-object', prompt: 'x', abortSignal: 'nope' });
  await generateText();
  new AbortController(signal);
  AbortSignal.timeout();
  AbortSignal.any(signal);
  AbortSignal.any([signal, 'x']);
  signal.throwIfAborted(1);
  signal.abort();
}

export function implicitAny(a, b, { c, d = c }) {
  return fetch(a, { signal: b ?? d });
}

export const implicitArrow = async (x, y) => {
  for await (const z of x) await fetch(z, y);
};

export async function wrongTypes(signal: AbortSignal): Promise<number> {
  const n: number = await fetch('/g', { signal });
  const s: string = signal;
  const c: AbortController = signal;
  await fetch('/h', { signal: c });
  await fetch('/i', { signal: c.signal.signal });
  for (const x of signal) await fetch(x);
  for await (const y of 42) await fetch(y);
  try {
    await fetch('/j', { signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    error.foo.bar();
  }
  return n + s.length;
}

export class Broken extends NotAClass implements NotAnInterface {
  declare signal: AbortSignal;
  override async run(): Promise<void> {
    await super.run({ signal: this.signal });
    await this.missingMethod({ signal: this.signal });
    await fetch('/k', { signal: this.notAField });
  }
}

export async function returnsWrong(signal: AbortSignal): Promise<string> {
  return fetch('/l', { signal });
}

export async function duplicate(signal: AbortSignal, signal: AbortSignal): Promise<void> {
  await fetch('/m', { signal });
}

let redeclared = 1;
let redeclared = 2;

export function notAsync(signal: AbortSignal) {
  await fetch('/n', { signal });
}

export async function angleBracketAssertion(signal: AbortSignal): Promise<void> {
  // TS7059 in .mts files, but it parses (a TSTypeAssertion node).
  await (<typeof fetch>fetch)('/p');
  await (<typeof fetch>fetch)('/q', <RequestInit>{ signal });
}

export async function unreachable(signal: AbortSignal): Promise<void> {
  return;
  await fetch('/o');
}
