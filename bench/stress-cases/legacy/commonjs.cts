// CommonJS syntax in TypeScript: import = require, export =. This file type-checks.
import timers = require('node:timers/promises');
import type OpenAIType = require('openai');

async function run(signal: AbortSignal): Promise<void> {
  await timers.setTimeout(10);
  await timers.setTimeout(10, undefined, { signal });
  const controller = new AbortController();
  await fetch('/cjs', { signal: controller.signal });
  controller.abort();
}

namespace run {
  export const tag = 'cjs';
  export type Client = typeof OpenAIType;
}

export = run;
