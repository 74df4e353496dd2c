import rule from '../../src/rules/require-signal.js';
import { createTypedTester } from '../tester.js';

/** Each case imports the real SDK packages (devDependencies), never copies of their types. */
const ruleTester = createTypedTester('node');

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";
const AI = "import { generateText, streamText, embedMany, tool } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { z } from 'zod';\n";
const LANGCHAIN = "import { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI({ model: 'gpt-4o' });\n";
const GENAI = "import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({ apiKey: 'k' });\n";
const MCP_CLIENT = "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nconst client = new Client({ name: 'c', version: '1.0.0' });\n";
const MCP_SERVER = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { z } from 'zod';\nconst server = new McpServer({ name: 's', version: '1.0.0' });\n";

ruleTester.run('require-signal with AI SDKs', rule, {
  valid: [
    `${OPENAI}async function f(signal: AbortSignal) { await openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal }); }`,
    `${OPENAI}import type { RequestOptions } from 'openai/internal/request-options';\nasync function f(signal: AbortSignal, options: RequestOptions) { await openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, options); }`,
    // A client is configuration, not work.
    `${OPENAI}function f(signal: AbortSignal) { return new OpenAI({ apiKey: 'k' }); }`,
    `${ANTHROPIC}async function f(signal: AbortSignal) { await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] }, { signal }); }`,
    `${AI}async function f(abortSignal: AbortSignal) { await generateText({ model: openai('gpt-4o'), prompt: 'hi', abortSignal }); }`,
    // A tool that uses the signal its framework hands it.
    `${AI}export const search = tool({\n  inputSchema: z.object({ q: z.string() }),\n  execute: async ({ q }, { abortSignal }) => (await fetch(q, { signal: abortSignal })).text(),\n});`,
    `${LANGCHAIN}async function f(signal: AbortSignal) { await llm.invoke('hi', { signal }); }`,
    // A runnable bound with a signal.
    `${LANGCHAIN}async function f(signal: AbortSignal) {\n  const bound = llm.withConfig({ signal });\n  await bound.invoke('hi');\n  await llm.withConfig({ signal }).invoke('again');\n}`,
    // LangChain runnables inside a LangChain run inherit its signal through async context.
    `${LANGCHAIN}import type { RunnableConfig } from '@langchain/core/runnables';\nexport async function node(state: { q: string }, config: RunnableConfig) { return llm.invoke(state.q); }`,
    `${LANGCHAIN}import { RunnableLambda } from '@langchain/core/runnables';\nexport const step = RunnableLambda.from(async (q: string) => llm.invoke(q));`,
    // Embeddings in LangChain take no signal at all.
    "import { OpenAIEmbeddings } from '@langchain/openai';\nconst embeddings = new OpenAIEmbeddings();\nasync function f(signal: AbortSignal) { await embeddings.embedQuery('q'); }",
    `${GENAI}async function f(signal: AbortSignal) { await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi', config: { abortSignal: signal } }); }`,
    // A chat-wide default is long-lived configuration.
    `${GENAI}function f(signal: AbortSignal) { return ai.chats.create({ model: 'gemini-2.5-flash', config: {} }); }`,
    `${MCP_CLIENT}async function f(signal: AbortSignal) { await client.callTool({ name: 'search' }, undefined, { signal }); }`,
    `${MCP_SERVER}server.registerTool('get', { inputSchema: { url: z.string() } }, async ({ url }, extra) => {\n  const response = await fetch(url, { signal: extra.signal });\n  return { content: [{ type: 'text', text: await response.text() }] };\n});`,
    "import { Mistral } from '@mistralai/mistralai';\nconst mistral = new Mistral();\nasync function f(signal: AbortSignal) { return mistral.chat.complete({ model: 'mistral-small-latest', messages: [] }, { signal }); }",
    "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\nconst bedrock = new BedrockRuntimeClient({});\nasync function f(signal: AbortSignal) { return bedrock.send(new ConverseCommand({ modelId: 'm', messages: [] }), { abortSignal: signal }); }",
    "import { Agent, run } from '@openai/agents';\nconst agent = new Agent({ name: 'helper' });\nasync function f(signal: AbortSignal) { return run(agent, 'hi', { signal }); }",
    // An MCP transport's `requestInit` is long-lived configuration.
    "import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';\nfunction f(signal: AbortSignal) { return new StreamableHTTPClientTransport(new URL('https://mcp.example'), { requestInit: {} }); }",
    // Hono: the request's signal is passed.
    "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', async (c) => c.json(await (await fetch('/a', { signal: c.req.raw.signal })).json()));",
    // Express 5 with the response-close idiom.
    "import express from 'express';\nconst app = express();\napp.get('/', async (req, res) => {\n  const controller = new AbortController();\n  res.on('close', () => { if (!res.writableFinished) controller.abort(); });\n  res.json(await (await fetch('/a', { signal: controller.signal })).json());\n});",
    // Express without an AI call and no signal: nothing to say in the default mode.
    "import express from 'express';\nconst app = express();\napp.get('/', async (req, res) => { res.json(await (await fetch('/a')).json()); });",
  ],
  invalid: [
    {
      code: `${OPENAI}export async function POST(request: Request) {\n  const completion = await openai.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [], // history\n  });\n  return Response.json(completion);\n}`,
      errors: [
        {
          messageId: 'missingSignal',
          data: { callee: 'openai.chat.completions.create', slot: '2nd argument (`signal`)', signal: 'request.signal' },
          line: 4,
          column: 28,
          endLine: 7,
          endColumn: 5,
        },
      ],
      output: `${OPENAI}export async function POST(request: Request) {\n  const completion = await openai.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [], // history\n  }, { signal: request.signal });\n  return Response.json(completion);\n}`,
    },
    {
      // "Last parameter" convention: `models.list(opts)`.
      code: `${OPENAI}async function f(signal: AbortSignal) { return openai.models.list(); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'openai.models.list', slot: '1st argument (`signal`)', signal: 'signal' } }],
      output: `${OPENAI}async function f(signal: AbortSignal) { return openai.models.list({ signal }); }`,
    },
    {
      code: `${ANTHROPIC}async function f(signal: AbortSignal) { return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] }); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'anthropic.messages.create', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: `${ANTHROPIC}async function f(signal: AbortSignal) { return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] }, { signal }); }`,
    },
    {
      // The AI SDK takes `abortSignal` in the same object as the prompt.
      code: `${AI}export async function POST(req: Request) { return generateText({ model: openai('gpt-4o'), prompt: 'hi' }); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'generateText', slot: '1st argument (`abortSignal`)', signal: 'req.signal' } }],
      output: `${AI}export async function POST(req: Request) { return generateText({ model: openai('gpt-4o'), prompt: 'hi', abortSignal: req.signal }); }`,
    },
    {
      // `generateObject` is deprecated, but it is its only signature: it still does work.
      code: `import { generateObject } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { z } from 'zod';\nexport async function POST(req: Request) { return generateObject({ model: openai('gpt-4o'), schema: z.object({ a: z.string() }), prompt: 'hi' }); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'generateObject', slot: '1st argument (`abortSignal`)', signal: 'req.signal' } }],
      output: `import { generateObject } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { z } from 'zod';\nexport async function POST(req: Request) { return generateObject({ model: openai('gpt-4o'), schema: z.object({ a: z.string() }), prompt: 'hi', abortSignal: req.signal }); }`,
    },
    {
      // A stream result is work too.
      code: `${AI}export function POST(req: Request) { return streamText({ model: openai('gpt-4o'), prompt: 'hi' }).toTextStreamResponse(); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'streamText', slot: '1st argument (`abortSignal`)', signal: 'req.signal' } }],
      output: `${AI}export function POST(req: Request) { return streamText({ model: openai('gpt-4o'), prompt: 'hi', abortSignal: req.signal }).toTextStreamResponse(); }`,
    },
    {
      // A spread of options that has `signal` but not `abortSignal` loses it.
      code: `${AI}async function f(signal: AbortSignal, opts: { signal?: AbortSignal; temperature?: number }) { return embedMany({ model: openai.embedding('text-embedding-3-small'), values: ['a'], ...opts }); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'embedMany', slot: '1st argument (`abortSignal`)', signal: 'signal' } }],
      output: `${AI}async function f(signal: AbortSignal, opts: { signal?: AbortSignal; temperature?: number }) { return embedMany({ model: openai.embedding('text-embedding-3-small'), values: ['a'], ...opts, abortSignal: signal }); }`,
    },
    {
      // The AI SDK offers `{ abortSignal }` to a tool's execute: declare it and pass it.
      code: `${AI}export const search = tool({\n  inputSchema: z.object({ q: z.string() }),\n  execute: async ({ q }) => (await fetch(q)).text(),\n});`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'abortSignal' } }],
      output: `${AI}export const search = tool({\n  inputSchema: z.object({ q: z.string() }),\n  execute: async ({ q }, { abortSignal }) => (await fetch(q, { signal: abortSignal })).text(),\n});`,
    },
    {
      // A declared options pattern without the signal: add it to the pattern.
      code: `${AI}export const search = tool({\n  inputSchema: z.object({ q: z.string() }),\n  execute: async ({ q }, { toolCallId }) => (await fetch(q + toolCallId)).text(),\n});`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'abortSignal' } }],
      output: `${AI}export const search = tool({\n  inputSchema: z.object({ q: z.string() }),\n  execute: async ({ q }, { toolCallId, abortSignal }) => (await fetch(q + toolCallId, { signal: abortSignal })).text(),\n});`,
    },
    {
      code: `${LANGCHAIN}export async function POST(request: Request) { return llm.invoke('hi'); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'llm.invoke', slot: '2nd argument (`signal`)', signal: 'request.signal' } }],
      output: `${LANGCHAIN}export async function POST(request: Request) { return llm.invoke('hi', { signal: request.signal }); }`,
    },
    {
      // Google GenAI nests the signal: `config.abortSignal`.
      code: `${GENAI}async function f(signal: AbortSignal) { return ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'ai.models.generateContent', slot: '1st argument (`config.abortSignal`)', signal: 'signal' } }],
      output: `${GENAI}async function f(signal: AbortSignal) { return ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi', config: { abortSignal: signal } }); }`,
    },
    {
      code: `${GENAI}async function f(signal: AbortSignal) { return ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi', config: { temperature: 0 } }); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'ai.models.generateContent', slot: '1st argument (`config.abortSignal`)', signal: 'signal' } }],
      output: `${GENAI}async function f(signal: AbortSignal) { return ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi', config: { temperature: 0, abortSignal: signal } }); }`,
    },
    {
      code: "import { Mistral } from '@mistralai/mistralai';\nconst mistral = new Mistral();\nasync function f(signal: AbortSignal) { return mistral.chat.complete({ model: 'mistral-small-latest', messages: [] }); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'mistral.chat.complete', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: "import { Mistral } from '@mistralai/mistralai';\nconst mistral = new Mistral();\nasync function f(signal: AbortSignal) { return mistral.chat.complete({ model: 'mistral-small-latest', messages: [] }, { signal }); }",
    },
    {
      // Bedrock's signal type is Smithy's own interface: recognised structurally.
      code: "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\nconst bedrock = new BedrockRuntimeClient({});\nasync function f(signal: AbortSignal) { return bedrock.send(new ConverseCommand({ modelId: 'm', messages: [] })); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'bedrock.send', slot: '2nd argument (`abortSignal`)', signal: 'signal' } }],
      output: "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\nconst bedrock = new BedrockRuntimeClient({});\nasync function f(signal: AbortSignal) { return bedrock.send(new ConverseCommand({ modelId: 'm', messages: [] }), { abortSignal: signal }); }",
    },
    {
      // MCP: the signal goes after an optional result schema.
      code: `${MCP_CLIENT}async function f(signal: AbortSignal) { return client.callTool({ name: 'search' }); }`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'client.callTool', slot: '3rd argument (`signal`)', signal: 'signal' } }],
      output: `${MCP_CLIENT}async function f(signal: AbortSignal) { return client.callTool({ name: 'search' }, undefined, { signal }); }`,
    },
    {
      // An MCP handler's `extra` is offered; declare and pass it.
      code: `${MCP_SERVER}server.registerTool('get', { inputSchema: { url: z.string() } }, async ({ url }) => {\n  const response = await fetch(url);\n  return { content: [{ type: 'text', text: await response.text() }] };\n});`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'fetch', slot: '2nd argument (`signal`)', signal: 'signal' } }],
      output: `${MCP_SERVER}server.registerTool('get', { inputSchema: { url: z.string() } }, async ({ url }, { signal }) => {\n  const response = await fetch(url, { signal });\n  return { content: [{ type: 'text', text: await response.text() }] };\n});`,
    },
    {
      code: "import { Agent, run } from '@openai/agents';\nconst agent = new Agent({ name: 'helper' });\nasync function f(signal: AbortSignal) { return run(agent, 'hi'); }",
      errors: [{ messageId: 'missingSignal', data: { callee: 'run', slot: '3rd argument (`signal`)', signal: 'signal' } }],
      output: "import { Agent, run } from '@openai/agents';\nconst agent = new Agent({ name: 'helper' });\nasync function f(signal: AbortSignal) { return run(agent, 'hi', { signal }); }",
    },
    {
      // Hono's request signal is three levels down.
      code: `${OPENAI}import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/chat', async (c) => c.json(await openai.chat.completions.create({ model: 'gpt-4o', messages: [] })));`,
      errors: [{ messageId: 'missingSignal', data: { callee: 'openai.chat.completions.create', slot: '2nd argument (`signal`)', signal: 'c.req.raw.signal' } }],
      output: `${OPENAI}import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/chat', async (c) => c.json(await openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: c.req.raw.signal })));`,
    },
    {
      // Express 5 has no request signal: the suggestion makes one from the response's close.
      code: `${OPENAI}import express from 'express';\nconst app = express();\napp.post('/chat', async (req, res) => {\n  res.json(await openai.chat.completions.create({ model: 'gpt-4o', messages: [] }));\n});`,
      errors: [
        {
          messageId: 'missingSignalNoSource',
          data: { callee: 'openai.chat.completions.create', slot: '2nd argument (`signal`)' },
          suggestions: [
            {
              messageId: 'linkResponseClose',
              data: { response: 'res' },
              output: `${OPENAI}import express from 'express';\nconst app = express();\napp.post('/chat', async (req, res) => {\n  const controller = new AbortController();\n  res.on('close', () => {\n    if (!res.writableFinished) controller.abort();\n  });\n  res.json(await openai.chat.completions.create({ model: 'gpt-4o', messages: [] }, { signal: controller.signal }));\n});`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('require-signal threading a signal in', rule, {
  valid: [
    // Not an AI call and no signal in scope.
    'export async function load(url: string) { return fetch(url); }',
  ],
  invalid: [
    {
      // A file-local function is threaded by autofix, and its caller passes its own signal on.
      code: `${OPENAI}async function summarize(text: string) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });\n}\nexport async function POST(request: Request) {\n  return summarize(await request.text());\n}`,
      errors: [{ messageId: 'missingSignalNoSource', data: { callee: 'openai.chat.completions.create', slot: '2nd argument (`signal`)' }, line: 4 }],
      output: [
        `${OPENAI}async function summarize(text: string, signal?: AbortSignal) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] }, { signal });\n}\nexport async function POST(request: Request) {\n  return summarize(await request.text());\n}`,
        `${OPENAI}async function summarize(text: string, signal?: AbortSignal) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] }, { signal });\n}\nexport async function POST(request: Request) {\n  return summarize(await request.text(), request.signal);\n}`,
      ],
    },
    {
      // Through a callback (closure) to the named function around it.
      code: `${OPENAI}const embedAll = async (inputs: string[]) =>\n  Promise.all(inputs.map((input) => openai.embeddings.create({ model: 'text-embedding-3-small', input })));\nexport const run = () => embedAll(['a']);`,
      errors: [{ messageId: 'missingSignalNoSource' }],
      output: `${OPENAI}const embedAll = async (inputs: string[], signal?: AbortSignal) =>\n  Promise.all(inputs.map((input) => openai.embeddings.create({ model: 'text-embedding-3-small', input }, { signal })));\nexport const run = () => embedAll(['a']);`,
    },
    {
      // An inline options type grows an option, matching its style.
      code: `${OPENAI}async function ask({ question }: { question: string }) {\n  return openai.responses.create({ model: 'gpt-4o', input: question });\n}\nexport const run = () => ask({ question: 'q' });`,
      errors: [{ messageId: 'missingSignalNoSource' }],
      output: `${OPENAI}async function ask({ question, signal }: { question: string; signal?: AbortSignal }) {\n  return openai.responses.create({ model: 'gpt-4o', input: question }, { signal });\n}\nexport const run = () => ask({ question: 'q' });`,
    },
    {
      code: `${OPENAI}async function ask(options: { question: string }) {\n  return openai.responses.create({ model: 'gpt-4o', input: options.question });\n}\nexport const run = () => ask({ question: 'q' });`,
      errors: [{ messageId: 'missingSignalNoSource' }],
      output: `${OPENAI}async function ask(options: { question: string; signal?: AbortSignal }) {\n  return openai.responses.create({ model: 'gpt-4o', input: options.question }, { signal: options.signal });\n}\nexport const run = () => ask({ question: 'q' });`,
    },
    {
      // Exported: callers in other files may pass it as a value, so only a suggestion.
      code: `${OPENAI}export async function summarize(text: string) {\n  return openai.responses.create({ model: 'gpt-4o', input: text });\n}`,
      errors: [
        {
          messageId: 'missingSignalNoSource',
          suggestions: [
            {
              messageId: 'threadSignal',
              data: { fn: 'summarize' },
              output: `${OPENAI}export async function summarize(text: string, signal?: AbortSignal) {\n  return openai.responses.create({ model: 'gpt-4o', input: text }, { signal });\n}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Passed as a value in this file: only a suggestion.
      code: `${OPENAI}async function summarize(text: string) {\n  return openai.responses.create({ model: 'gpt-4o', input: text });\n}\nexport const all = (texts: string[]) => texts.map(summarize);`,
      errors: [
        {
          messageId: 'missingSignalNoSource',
          suggestions: [
            {
              messageId: 'threadSignal',
              data: { fn: 'summarize' },
              output: `${OPENAI}async function summarize(text: string, signal?: AbortSignal) {\n  return openai.responses.create({ model: 'gpt-4o', input: text }, { signal });\n}\nexport const all = (texts: string[]) => texts.map(summarize);`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A rest parameter cannot be followed: report without an edit.
      code: `${OPENAI}async function summarize(...texts: string[]) {\n  return openai.responses.create({ model: 'gpt-4o', input: texts.join() });\n}\nexport const run = () => summarize('a');`,
      errors: [{ messageId: 'missingSignalNoSource', suggestions: [] }],
      output: null,
    },
    {
      // A private method is threaded by autofix.
      code: `${OPENAI}export class Assistant {\n  async answer(q: string) { return this.#ask(q); }\n  async #ask(q: string) { return openai.responses.create({ model: 'gpt-4o', input: q }); }\n}`,
      errors: [{ messageId: 'missingSignalNoSource', line: 5 }],
      output: `${OPENAI}export class Assistant {\n  async answer(q: string) { return this.#ask(q); }\n  async #ask(q: string, signal?: AbortSignal) { return openai.responses.create({ model: 'gpt-4o', input: q }, { signal }); }\n}`,
    },
    {
      // checkWithoutSignal: 'all' reports every cancellable call.
      code: 'async function load(url: string) { return fetch(url); }\nexport const run = () => load("/a");',
      options: [{ checkWithoutSignal: 'all' }],
      errors: [{ messageId: 'missingSignalAnyCall', data: { callee: 'fetch', slot: '2nd argument (`signal`)' } }],
      output: 'async function load(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }\nexport const run = () => load("/a");',
    },
  ],
});

const withSettings = createTypedTester('node', { 'abort-signal': { aiModules: ['fixtures/node/llm.ts'] } });
withSettings.run('require-signal with settings.aiModules', rule, {
  valid: [
    // Without a source, a non-AI call is not reported...
    "import { setTimeout as sleep } from 'node:timers/promises';\nexport async function wait() { await sleep(10); }",
  ],
  invalid: [
    {
      // ...but a project wrapper named in settings is an AI call.
      code: "import { complete } from './llm.js';\nexport async function answer(q: string) { return complete(q); }",
      errors: [
        {
          messageId: 'missingSignalNoSource',
          data: { callee: 'complete', slot: '2nd argument (`signal`)' },
          suggestions: [
            {
              messageId: 'threadSignal',
              data: { fn: 'answer' },
              output: "import { complete } from './llm.js';\nexport async function answer(q: string, signal?: AbortSignal) { return complete(q, { signal }); }",
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('require-signal without settings', rule, {
  valid: ["import { complete } from './llm.js';\nexport async function answer(q: string) { return complete(q); }"],
  invalid: [],
});
