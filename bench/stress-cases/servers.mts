// Framework handlers (Express 5, MCP server tools), Node APIs that take a signal, and callbacks
// that offer one. This file type-checks.
import { execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import express from 'express';
import OpenAI from 'openai';
import { z } from 'zod';

const client = new OpenAI();
const app = express();

app.post('/chat', async (req, res) => {
  const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: String(req.body) }] });
  res.json(completion);
});

app.post('/chat-linked', async (req, res) => {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [] }, { signal: controller.signal });
  res.json(completion);
});

app.get('/file', async (_req, res) => {
  const text = await readFile('/tmp/x', 'utf8');
  res.send(text);
});

export const server = new McpServer({ name: 'stress', version: '1.0.0' });

server.registerTool('fetch-url', { inputSchema: { url: z.string() } }, async ({ url }, extra) => {
  const ok = await fetch(url, { signal: extra.signal });
  const missing = await fetch(url);
  return { content: [{ type: 'text', text: `${ok.status} ${missing.status}` }] };
});

server.registerTool('no-input', {}, async (extra) => {
  await sleep(10);
  await sleep(10, undefined, { signal: extra.signal });
  return { content: [] };
});

export async function nodeApis(signal: AbortSignal): Promise<void> {
  await readFile('/a');
  await readFile('/a', { signal });
  await readFile('/a', 'utf8');
  await writeFile('/b', 'x');
  await writeFile('/b', 'x', { signal });
  await pipeline(createReadStream('/a'), createWriteStream('/b'));
  await pipeline(createReadStream('/a'), createWriteStream('/b'), { signal });
  await pipeline(
    createReadStream('/a'),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) yield chunk;
    },
    createWriteStream('/c'),
  );
  const child = spawn('ls', ['-l']);
  const withSignal = spawn('ls', { signal });
  execFile('ls', ['-a'], { signal }, () => {});
  execFile('ls', () => {});
  const mapped = Readable.from([1, 2, 3]).map(async (x: number, options) => {
    await sleep(x, undefined, { signal: options?.signal });
    return x;
  });
  await mapped.toArray();
  await Readable.from([1]).toArray({ signal });
  child.kill();
  withSignal.kill();
}
