#!/usr/bin/env node
// Generates a synthetic but realistic corpus of AI backend TypeScript for the benchmark.
//
//   node bench/generate.js                 # 1x corpus  -> bench/corpus/1x/
//   node bench/generate.js --scales 1,4,16 # several scales
//   node bench/generate.js --force         # regenerate even if up to date
//
// A corpus at scale N has N * BASE_GROUPS feature groups. Every group is one folder with one file per
// template (TEMPLATES.length files), so 1x = BASE_GROUPS * TEMPLATES.length files. Templates are
// parameterised by the group index (domain names, models, limits, structural variants) and every
// cancellation "site" is made faulty with probability FAULTY_RATE (deterministic, seeded by
// group/template/site), so roughly 70% of sites handle cancellation correctly.
//
// Each scale directory is a standalone TypeScript project (tsconfig.json + package.json with
// "type": "module"); packages resolve from the repository's node_modules by walking up.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Feature groups at 1x. 1x file count = BASE_GROUPS * TEMPLATES.length. */
export const BASE_GROUPS = 10;
/** Probability that a cancellation site is written the faulty way. */
export const FAULTY_RATE = 0.3;
export const CORPUS_ROOT = path.join(here, 'corpus');

/**
 * Tagged template for TypeScript source. Backslashes are kept verbatim (so regexes can be written
 * naturally); write a TypeScript backtick as \` and a TypeScript `${` as \${.
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
function ts(strings, ...values) {
  let out = '';
  strings.raw.forEach((s, i) => {
    out += s.replace(/\\([`$])/g, '$1');
    if (i < values.length) out += String(values[i]);
  });
  return out;
}

/** @param {string} s */
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** Deterministic number in [0, 1) from a key. @param {string} key */
function unit(key) {
  const h = createHash('sha1').update(key).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000;
}

const DOMAINS = [
  'ticket', 'invoice', 'article', 'product', 'customer', 'order', 'document', 'recipe', 'listing', 'report',
  'contract', 'candidate', 'incident', 'lesson', 'podcast', 'shipment', 'review', 'campaign', 'claim', 'note',
];
const OPENAI_MODELS = ['gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o4-mini'];
const ANTHROPIC_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'];
const GEMINI_MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.0-flash'];
const EMBED_MODELS = ['text-embedding-3-small', 'text-embedding-3-large'];
const TONES = ['concise', 'friendly', 'formal', 'technical', 'neutral'];

/**
 * Per-file generation context.
 * @typedef {object} Ctx
 * @property {number} g          group index (unique within a scale)
 * @property {string} e          domain noun, lower case ("ticket")
 * @property {string} E          domain noun, capitalised ("Ticket")
 * @property {string} es         plural ("tickets")
 * @property {(site: string) => boolean} faulty  whether this cancellation site is written wrongly
 * @property {(n: number, salt?: string) => number} pick  deterministic variant index in [0, n)
 * @property {(list: readonly string[], salt?: string) => string} choose
 * @property {string} oaModel
 * @property {string} anModel
 * @property {string} gmModel
 * @property {string} emModel
 */

/** Cancellation sites rendered so far (reset per corpus), for the manifest. */
const siteCounts = { total: 0, faulty: 0 };

/** @param {number} g @param {string} template @returns {Ctx} */
function makeCtx(g, template) {
  const e = DOMAINS[g % DOMAINS.length] ?? 'item';
  /** @type {(n: number, salt?: string) => number} */
  const pick = (n, salt = '') => Math.floor(unit(`${g}/${template}/pick/${salt}`) * n);
  /** @type {(list: readonly string[], salt?: string) => string} */
  const choose = (list, salt = '') => list[pick(list.length, salt)] ?? list[0] ?? '';
  return {
    g,
    e,
    E: cap(e),
    es: e.endsWith('y') ? `${e.slice(0, -1)}ies` : `${e}s`,
    faulty: (site) => {
      const bad = unit(`${g}/${template}/site/${site}`) < FAULTY_RATE;
      siteCounts.total++;
      if (bad) siteCounts.faulty++;
      return bad;
    },
    pick,
    choose,
    oaModel: choose(OPENAI_MODELS, 'oa'),
    anModel: choose(ANTHROPIC_MODELS, 'an'),
    gmModel: choose(GEMINI_MODELS, 'gm'),
    emModel: choose(EMBED_MODELS, 'em'),
  };
}

// ---------------------------------------------------------------------------------------------
// Templates. Each returns the source of one file. Plain (non-AI) modules come first.
// ---------------------------------------------------------------------------------------------

/** @param {Ctx} c */
const typesTemplate = (c) => ts`// ${c.E} domain model shared by routes, services and workers.

export type ${c.E}Id = string & { readonly __brand: '${c.E}Id' };

export type ${c.E}Status = 'draft' | 'pending' | 'active' | 'archived';

export interface ${c.E} {
  id: ${c.E}Id;
  title: string;
  body: string;
  tags: string[];
  status: ${c.E}Status;
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
  priority: number;
  metadata: Record<string, string | number | boolean>;
}

export interface ${c.E}Summary {
  id: ${c.E}Id;
  title: string;
  excerpt: string;
  tagCount: number;
  ageDays: number;
}

export type ${c.E}Event =
  | { kind: 'created'; item: ${c.E} }
  | { kind: 'updated'; id: ${c.E}Id; changes: Partial<Omit<${c.E}, 'id'>> }
  | { kind: 'deleted'; id: ${c.E}Id; reason?: string };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TokenUsage {
  input: number;
  output: number;
}

export type Sentiment = 'positive' | 'neutral' | 'negative';

export interface ${c.E}Insight {
  id: ${c.E}Id;
  summary: string;
  sentiment: Sentiment;
  keywords: string[];
  usage: TokenUsage;
}

export interface ScoredChunk {
  id: string;
  text: string;
  score: number;
}

export function as${c.E}Id(raw: string): ${c.E}Id {
  if (!/^[a-z0-9-]{4,64}$/.test(raw)) {
    throw new TypeError('invalid ${c.e} id: ' + raw);
  }
  return raw as ${c.E}Id;
}

export function isActive(item: ${c.E}): boolean {
  return item.status === 'active' || item.status === 'pending';
}

export function describeEvent(event: ${c.E}Event): string {
  switch (event.kind) {
    case 'created':
      return 'created ' + event.item.id;
    case 'updated':
      return 'updated ' + event.id + ' (' + Object.keys(event.changes).join(', ') + ')';
    case 'deleted':
      return 'deleted ' + event.id + (event.reason ? ': ' + event.reason : '');
  }
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output };
}
`;

/** @param {Ctx} c */
const stringsTemplate = (c) => ts`// String helpers used when building prompts and rendering model output.

const WORD_RE = /[\p{L}\p{N}]+/gu;
const STOP_WORDS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'is', 'for', 'on', 'with']);

export function slugify(input: string, maxLength = ${40 + (c.g % 5) * 8}): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength);
}

export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - ellipsis.length));
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut) + ellipsis;
}

export function normalizeWhitespace(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / ${3 + (c.g % 2)});
}

export function interpolate(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, key: string) => {
    const value = vars[key];
    return value === undefined ? '' : String(value);
  });
}

export function splitIntoChunks(text: string, maxChars: number, overlap = ${c.pick(4, 'ov') * 16}): string[] {
  if (maxChars <= overlap) throw new RangeError('maxChars must exceed overlap');
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = Math.min(text.length, start + maxChars);
    chunks.push(text.slice(start, end));
    if (end === text.length) break;
    start = end - overlap;
  }
  return chunks;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD_RE) ?? [];
}

export function keywordFrequency(text: string, stop: ReadonlySet<string> = STOP_WORDS): Map<string, number> {
  const freq = new Map<string, number>();
  for (const word of words(text)) {
    if (word.length < 3 || stop.has(word)) continue;
    freq.set(word, (freq.get(word) ?? 0) + 1);
  }
  return freq;
}

export function topKeywords(text: string, n = ${3 + (c.g % 6)}): string[] {
  return [...keywordFrequency(text).entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([word]) => word);
}

export function maskSecrets(text: string): string {
  return text
    .replace(/sk-[A-Za-z0-9_-]{16,}/g, 'sk-***')
    .replace(/\b\d{13,19}\b/g, '[card]')
    .replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, '[email]');
}

export function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join(' ');
}

export function stripMarkdown(text: string): string {
  return text
    .replace(/\x60{3}[\s\S]*?\x60{3}/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_#>]+/g, '')
    .trim();
}

export function pluralize(count: number, noun: string): string {
  return count + ' ' + (count === 1 ? noun : noun + 's');
}
`;

/** @param {Ctx} c */
const validationTemplate = (c) => ts`// Input validation for the ${c.e} API.
import { z } from 'zod';
import { fail, ok, type Result, type ${c.E}Status } from '../types.js';

export const ${c.E}StatusSchema = z.enum(['draft', 'pending', 'active', 'archived']);

export const Create${c.E}Schema = z.object({
  title: z.string().min(1).max(${120 + c.g % 80}),
  body: z.string().min(1).max(${8000 + (c.g % 4) * 2000}),
  tags: z.array(z.string().min(1).max(32)).max(${8 + c.g % 8}).default([]),
  priority: z.number().int().min(0).max(5).default(${c.pick(3, 'prio') + 1}),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

export const Update${c.E}Schema = Create${c.E}Schema.partial().extend({
  status: ${c.E}StatusSchema.optional(),
});

export const AskSchema = z.object({
  question: z.string().min(3).max(2000),
  tone: z.enum(['concise', 'friendly', 'formal', 'technical', 'neutral']).default('${c.choose(TONES, 'tone')}'),
  maxTokens: z.number().int().positive().max(4096).optional(),
});

export const SearchSchema = z.object({
  query: z.string().min(1),
  limit: z.coerce.number().int().min(1).max(100).default(${10 + (c.g % 3) * 10}),
  cursor: z.string().optional(),
});

export type Create${c.E}Input = z.infer<typeof Create${c.E}Schema>;
export type Update${c.E}Input = z.infer<typeof Update${c.E}Schema>;
export type AskInput = z.infer<typeof AskSchema>;
export type SearchInput = z.infer<typeof SearchSchema>;

export interface FieldError {
  path: string;
  message: string;
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>, FieldError[]> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return fail(
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  );
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

const TRANSITIONS: Record<${c.E}Status, readonly ${c.E}Status[]> = {
  draft: ['pending', 'archived'],
  pending: ['active', 'draft', 'archived'],
  active: ['archived'],
  archived: [],
};

export function canTransition(from: ${c.E}Status, to: ${c.E}Status): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertNever(value: never, message = 'unexpected value'): never {
  throw new Error(message + ': ' + JSON.stringify(value));
}
`;

/** @param {Ctx} c */
const mappingTemplate = (c) => ts`// Mapping between storage rows, domain objects and API DTOs.
import type { ${c.E}, ${c.E}Id, ${c.E}Summary, Page } from '../types.js';
import { truncate } from './strings.js';

export interface ${c.E}Row {
  id: string;
  title: string;
  body: string;
  tags_csv: string;
  status: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
  priority: number | null;
  metadata_json: string | null;
}

const DAY_MS = 86_400_000;

export function fromRow(row: ${c.E}Row): ${c.E} {
  return {
    id: row.id as ${c.E}Id,
    title: row.title,
    body: row.body,
    tags: row.tags_csv ? row.tags_csv.split(',').map((t) => t.trim()).filter(Boolean) : [],
    status: row.status === 'active' || row.status === 'pending' || row.status === 'archived' ? row.status : 'draft',
    ownerId: row.owner_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    priority: row.priority ?? 0,
    metadata: row.metadata_json ? (JSON.parse(row.metadata_json) as ${c.E}['metadata']) : {},
  };
}

export function toRow(item: ${c.E}): ${c.E}Row {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    tags_csv: item.tags.join(','),
    status: item.status,
    owner_id: item.ownerId,
    created_at: item.createdAt.toISOString(),
    updated_at: item.updatedAt.toISOString(),
    priority: item.priority,
    metadata_json: Object.keys(item.metadata).length ? JSON.stringify(item.metadata) : null,
  };
}

export function toSummary(item: ${c.E}, now: Date = new Date()): ${c.E}Summary {
  return {
    id: item.id,
    title: item.title,
    excerpt: truncate(item.body, ${100 + (c.g % 4) * 40}),
    tagCount: item.tags.length,
    ageDays: Math.floor((now.getTime() - item.createdAt.getTime()) / DAY_MS),
  };
}

export function groupBy<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const out = {} as Record<K, T[]>;
  for (const item of items) {
    const k = key(item);
    (out[k] ??= []).push(item);
  }
  return out;
}

export function indexBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T> {
  return new Map(items.map((item) => [key(item), item] as const));
}

export function mapPage<T, U>(page: Page<T>, fn: (item: T, index: number) => U): Page<U> {
  return { ...page, items: page.items.map(fn) };
}

export function diff<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (!Object.is(before[key], after[key])) changes[key] = after[key];
  }
  return changes;
}

export function sortByPriority(items: readonly ${c.E}[]): ${c.E}[] {
  return [...items].sort((a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime());
}
`;

/** @param {Ctx} c */
const collectionsTemplate = (c) => ts`// Small generic data structures (no I/O).

export class LruCache<K, V> {
  readonly #map = new Map<K, V>();

  constructor(private readonly capacity = ${64 * (1 + (c.g % 4))}) {
    if (capacity < 1) throw new RangeError('capacity must be positive');
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.capacity) {
      const oldest = this.#map.keys().next();
      if (oldest.done) break;
      this.#map.delete(oldest.value);
    }
    return this;
  }

  *entries(): IterableIterator<[K, V]> {
    yield* this.#map.entries();
  }
}

export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(private readonly size: number) {
    this.items = new Array<T | undefined>(size).fill(undefined);
  }

  push(item: T): void {
    this.items[(this.head + this.count) % this.size] = item;
    if (this.count < this.size) this.count++;
    else this.head = (this.head + 1) % this.size;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) {
      const item = this.items[(this.head + i) % this.size];
      if (item !== undefined) out.push(item);
    }
    return out;
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function partition<T, S extends T>(items: readonly T[], pred: (item: T) => item is S): [S[], Exclude<T, S>[]] {
  const yes: S[] = [];
  const no: Exclude<T, S>[] = [];
  for (const item of items) {
    if (pred(item)) yes.push(item);
    else no.push(item as Exclude<T, S>);
  }
  return [yes, no];
}

export function uniqBy<T>(items: readonly T[], key: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, i) => [a[i] as A, b[i] as B]);
}

export function memoize<A extends string | number, R>(fn: (arg: A) => R): (arg: A) => R {
  const cache = new Map<A, R>();
  return (arg) => {
    if (cache.has(arg)) return cache.get(arg) as R;
    const value = fn(arg);
    cache.set(arg, value);
    return value;
  };
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? Number.NaN;
}
`;

/** @param {Ctx} c */
const configTemplate = (c) => ts`// Runtime configuration for the ${c.e} feature, read from the environment.
import { z } from 'zod';

const EnvSchema = z.object({
  OPENAI_MODEL: z.string().default('${c.oaModel}'),
  ANTHROPIC_MODEL: z.string().default('${c.anModel}'),
  GEMINI_MODEL: z.string().default('${c.gmModel}'),
  EMBEDDING_MODEL: z.string().default('${c.emModel}'),
  ${c.e.toUpperCase()}_API_URL: z.string().url().default('https://api.example.com/${c.es}'),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(${(15 + (c.g % 4) * 15) * 1000}),
  EMBED_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(${[16, 32, 64, 100][c.g % 4]}),
  MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(${2 + (c.g % 3)}),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(${1 + (c.g % 4)}),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type AppConfig = Readonly<{
  models: { openai: string; anthropic: string; gemini: string; embedding: string };
  apiUrl: string;
  requestTimeoutMs: number;
  embedBatchSize: number;
  maxRetries: number;
  workerConcurrency: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}>;

let cached: AppConfig | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  if (cached) return cached;
  const parsed = EnvSchema.parse(env);
  cached = Object.freeze({
    models: {
      openai: parsed.OPENAI_MODEL,
      anthropic: parsed.ANTHROPIC_MODEL,
      gemini: parsed.GEMINI_MODEL,
      embedding: parsed.EMBEDDING_MODEL,
    },
    apiUrl: parsed.${c.e.toUpperCase()}_API_URL,
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
    embedBatchSize: parsed.EMBED_BATCH_SIZE,
    maxRetries: parsed.MAX_RETRIES,
    workerConcurrency: parsed.WORKER_CONCURRENCY,
    logLevel: parsed.LOG_LEVEL,
  });
  return cached;
}

export function resetConfigForTests(): void {
  cached = undefined;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;

export function createLogger(scope: string, level: keyof typeof LEVELS = 'info') {
  const enabled = (l: keyof typeof LEVELS) => LEVELS[l] >= LEVELS[level];
  const write = (l: keyof typeof LEVELS, message: string, fields?: Record<string, unknown>) => {
    if (!enabled(l)) return;
    process.stdout.write(JSON.stringify({ level: l, scope, message, ...fields, time: new Date().toISOString() }) + '\n');
  };
  return {
    debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
    info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
    warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
    error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
  };
}

export type Logger = ReturnType<typeof createLogger>;
`;

/** @param {Ctx} c */
const httpTemplate = (c) => {
  const unlinked = c.faulty('timeout');
  const sleepNoSignal = c.faulty('sleep');
  const abortAsFailure = c.faulty('catch');
  const signalExpr = unlinked
    ? 'AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)'
    : 'options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)]) : AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)';
  return ts`// Minimal JSON-over-HTTP client with retries, used by the ${c.e} integrations.
import { setTimeout as sleep } from 'node:timers/promises';

const DEFAULT_TIMEOUT_MS = ${10_000 + (c.g % 5) * 5000};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super('HTTP ' + status + ' from ' + url);
    this.name = 'HttpError';
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  retries?: number;
}

function backoff(attempt: number): number {
  const base = ${100 + (c.g % 3) * 100} * 2 ** attempt;
  return base + Math.floor(Math.random() * base * 0.2);
}

export async function fetchJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const retries = options.retries ?? ${2 + (c.g % 2)};
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    options.signal?.throwIfAborted();
    try {
      const init: RequestInit = {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        signal: ${signalExpr},
      };
      if (options.body !== undefined) init.body = JSON.stringify(options.body);
      const res = await fetch(url, init);
      if (!res.ok) throw new HttpError(res.status, url, await res.text());
      return (await res.json()) as T;
    } catch (err) {
${abortAsFailure
    ? `      lastError = err;
      console.warn('request failed, retrying', { url, attempt, err });`
    : `      if (options.signal?.aborted) throw err;
      if (err instanceof HttpError && !err.retryable) throw err;
      lastError = err;`}
    }
    ${sleepNoSignal ? 'await sleep(backoff(attempt));' : 'await sleep(backoff(attempt), undefined, { signal: options.signal });'}
  }
  throw lastError instanceof Error ? lastError : new Error('request failed: ' + String(lastError));
}

export function buildUrl(base: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : base + '/');
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export async function getText(url: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(url, ${c.faulty('getText') ? '{ headers: { accept: \'text/plain\' } }' : '{ headers: { accept: \'text/plain\' }, signal }'});
  if (!res.ok) throw new HttpError(res.status, url, await res.text());
  return res.text();
}
`;
};

/** @param {Ctx} c */
const filesTemplate = (c) => {
  const noSignal = c.faulty('read');
  return ts`// Prompt templates and transcripts stored on disk.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { interpolate } from '../utils/strings.js';
import type { ChatTurn } from '../types.js';

const PROMPT_DIR = path.resolve(process.cwd(), 'prompts', '${c.e}');
const TRANSCRIPT_DIR = path.resolve(process.cwd(), 'var', 'transcripts');
const templateCache = new Map<string, { text: string; mtimeMs: number }>();

export async function loadPrompt(name: string, signal?: AbortSignal): Promise<string> {
  const file = path.join(PROMPT_DIR, name + '.md');
  const info = await stat(file);
  const hit = templateCache.get(file);
  if (hit && hit.mtimeMs === info.mtimeMs) return hit.text;
  const text = ${noSignal ? "await readFile(file, 'utf8')" : "await readFile(file, { encoding: 'utf8', signal })"};
  templateCache.set(file, { text, mtimeMs: info.mtimeMs });
  return text;
}

export async function renderPrompt(name: string, vars: Record<string, string | number>, signal?: AbortSignal): Promise<string> {
  return interpolate(await loadPrompt(name, signal), vars);
}

export async function listPrompts(): Promise<string[]> {
  const entries = await readdir(PROMPT_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => e.name.slice(0, -3)).sort();
}

export async function saveTranscript(id: string, turns: readonly ChatTurn[], signal: AbortSignal): Promise<string> {
  await mkdir(TRANSCRIPT_DIR, { recursive: true });
  const file = path.join(TRANSCRIPT_DIR, id + '.jsonl');
  const body = turns.map((t) => JSON.stringify(t)).join('\n') + '\n';
  await writeFile(file, body, ${c.faulty('write') ? "'utf8'" : "{ encoding: 'utf8', signal }"});
  return file;
}

export async function loadTranscript(id: string, signal: AbortSignal): Promise<ChatTurn[]> {
  const file = path.join(TRANSCRIPT_DIR, id + '.jsonl');
  const text = await readFile(file, { encoding: 'utf8', signal });
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as ChatTurn);
}

export async function loadAllTranscripts(ids: readonly string[], signal: AbortSignal): Promise<Map<string, ChatTurn[]>> {
  const out = new Map<string, ChatTurn[]>();
  for (const id of ids) {
    ${c.faulty('loop') ? '' : 'signal.throwIfAborted();'}
    out.set(id, await loadTranscript(id, signal));
  }
  return out;
}
`;
};

/** @param {Ctx} c */
const completionServiceTemplate = (c) => {
  const sumNoSignal = c.faulty('summarize');
  const classifyNever = c.faulty('classify');
  const streamNoCheck = c.faulty('stream');
  const variant = c.pick(2, 'shape');
  return ts`// ${c.E} summarisation and classification on top of the OpenAI SDK.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ${c.E}, ${c.E}Insight, Sentiment, TokenUsage } from '../types.js';
import { estimateTokens, topKeywords, truncate } from '../utils/strings.js';
import { LruCache } from '../utils/collections.js';

const SENTIMENTS: readonly Sentiment[] = ['positive', 'neutral', 'negative'];

export interface CompletionOptions {
  temperature?: number;
  maxTokens?: number;
}

export class ${c.E}CompletionService<TContext extends { locale: string } = { locale: string }> {
  private readonly cache = new LruCache<string, ${c.E}Insight>(${128 + c.g});

  constructor(
    private readonly client: OpenAI = new OpenAI(),
    private readonly model = '${c.oaModel}',
    private readonly context?: TContext,
  ) {}

  private messagesFor(item: ${c.E}, instruction: string): ChatCompletionMessageParam[] {
    const locale = this.context?.locale ?? 'en';
    return [
      { role: 'system', content: 'You write ' + instruction + ' for ${c.es}. Answer in ' + locale + '.' },
      { role: 'user', content: item.title + '\n\n' + truncate(item.body, ${4000 + (c.g % 3) * 2000}) },
    ];
  }

  async summarize(item: ${c.E}, signal: AbortSignal, options: CompletionOptions = {}): Promise<${c.E}Insight> {
    const cached = this.cache.get(item.id);
    if (cached) return cached;
    const completion = await this.client.chat.completions.create(
      {
        model: this.model,
        messages: this.messagesFor(item, 'a short summary'),
        temperature: options.temperature ?? ${(c.pick(5, 't') / 10).toFixed(1)},
        max_completion_tokens: options.maxTokens ?? ${256 + (c.g % 4) * 128},
      },${sumNoSignal ? '' : '\n      { signal },'}
    );
    const summary = completion.choices[0]?.message.content?.trim() ?? '';
    const usage: TokenUsage = {
      input: completion.usage?.prompt_tokens ?? estimateTokens(item.body),
      output: completion.usage?.completion_tokens ?? estimateTokens(summary),
    };
    const insight: ${c.E}Insight = {
      id: item.id,
      summary,
      sentiment: await this.classify(item, signal),
      keywords: topKeywords(item.body),
      usage,
    };
    this.cache.set(item.id, insight);
    return insight;
  }

  async classify(item: ${c.E}, signal: AbortSignal): Promise<Sentiment> {
${classifyNever
    ? `    const controller = new AbortController();
    const completion = await this.client.chat.completions.create(
      { model: this.model, messages: this.messagesFor(item, 'a one-word sentiment label'), max_completion_tokens: 4 },
      { signal: controller.signal },
    );
    void signal;`
    : `    const completion = await this.client.chat.completions.create(
      { model: this.model, messages: this.messagesFor(item, 'a one-word sentiment label'), max_completion_tokens: 4 },
      { signal },
    );`}
    const label = completion.choices[0]?.message.content?.trim().toLowerCase() ?? '';
    return SENTIMENTS.find((s) => label.startsWith(s)) ?? 'neutral';
  }

  async *streamAnswer(item: ${c.E}, question: string, signal: AbortSignal): AsyncGenerator<string, void, undefined> {
    const stream = await this.client.chat.completions.create(
      {
        model: this.model,
        stream: true,
        messages: [...this.messagesFor(item, 'precise answers'), { role: 'user', content: question }],
      },
      { signal },
    );
    let emitted = 0;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        emitted += delta.length;
        yield delta;
      }
    }
${streamNoCheck
    ? `    yield '\\n[done: ' + emitted + ' chars]';`
    : `    if (signal.aborted) return;
    yield '\\n[done: ' + emitted + ' chars]';`}
  }
${variant === 0
    ? `
  async summarizeMany(items: readonly ${c.E}[], signal: AbortSignal): Promise<${c.E}Insight[]> {
    const results: ${c.E}Insight[] = [];
    for (const item of items) {
      ${c.faulty('many') ? '' : 'if (signal.aborted) break;'}
      results.push(await this.summarize(item, signal));
    }
    return results;
  }
`
    : `
  async summarizeMany(items: readonly ${c.E}[], signal: AbortSignal): Promise<PromiseSettledResult<${c.E}Insight>[]> {
    return Promise.allSettled(items.map((item) => this.summarize(item, signal)));
  }
`}}

export function createCompletionService(apiKey = process.env.OPENAI_API_KEY): ${c.E}CompletionService {
  return new ${c.E}CompletionService(new OpenAI({ apiKey, maxRetries: ${c.g % 4} }));
}
`;
};

/** @param {Ctx} c */
const anthropicTemplate = (c) => {
  const noCleanup = c.faulty('cleanup');
  const noSignal = c.faulty('create');
  const failure = c.faulty('catch');
  return ts`// Long-form drafting for ${c.es} with Claude, streamed to the caller.
import Anthropic from '@anthropic-ai/sdk';
import type { ChatTurn, ${c.E} } from '../types.js';
import { normalizeWhitespace } from '../utils/strings.js';
import { createLogger } from '../config.js';

const log = createLogger('${c.e}.drafts');
const anthropic = new Anthropic({ maxRetries: ${1 + (c.g % 3)} });
const MODEL = '${c.anModel}';

export interface DraftResult {
  text: string;
  stopReason: string | null;
  inputTokens: number;
  outputTokens: number;
}

function toMessages(history: readonly ChatTurn[]): Anthropic.MessageParam[] {
  return history
    .filter((t): t is ChatTurn & { role: 'user' | 'assistant' } => t.role !== 'system')
    .map((t) => ({ role: t.role, content: t.content }));
}

export async function draftReply(item: ${c.E}, history: readonly ChatTurn[], signal: AbortSignal, onText?: (delta: string) => void): Promise<DraftResult> {
  const stream = anthropic.messages.stream(
    {
      model: MODEL,
      max_tokens: ${1024 * (1 + (c.g % 3))},
      system: 'You draft replies about the ${c.e} "' + item.title + '".',
      messages: toMessages(history),
    },
    { signal },
  );
${noCleanup
    ? `  signal.addEventListener('abort', () => stream.abort());
  if (onText) stream.on('text', onText);
  const message = await stream.finalMessage();`
    : `  const onAbort = () => stream.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (onText) stream.on('text', onText);
  let message: Anthropic.Message;
  try {
    message = await stream.finalMessage();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }`}
  const text = message.content
    .filter((block): block is Anthropic.TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('');
  return {
    text: normalizeWhitespace(text),
    stopReason: message.stop_reason,
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
  };
}

export async function extractFields(item: ${c.E}, fields: readonly string[], signal: AbortSignal): Promise<Record<string, string>> {
  try {
    const message = await anthropic.messages.create(
      {
        model: MODEL,
        max_tokens: 512,
        tools: [
          {
            name: 'record_fields',
            description: 'Record extracted fields',
            input_schema: {
              type: 'object',
              properties: Object.fromEntries(fields.map((f) => [f, { type: 'string' }])),
              required: [...fields],
            },
          },
        ],
        tool_choice: { type: 'tool', name: 'record_fields' },
        messages: [{ role: 'user', content: item.body }],
      },${noSignal ? '' : '\n      { signal },'}
    );
    const toolUse = message.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
    return (toolUse?.input ?? {}) as Record<string, string>;
  } catch (err) {
${failure
    ? `    log.error('field extraction failed', { id: item.id, err: String(err) });
    return {};`
    : `    if (signal.aborted) throw err;
    log.error('field extraction failed', { id: item.id, err: String(err) });
    return {};`}
  }
}

export async function countTokens(text: string, signal?: AbortSignal): Promise<number> {
  const result = await anthropic.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: text }] }, { signal });
  return result.input_tokens;
}
`;
};

/** @param {Ctx} c */
const embeddingsTemplate = (c) => {
  const loopNoCheck = c.faulty('loop');
  const noSignal = c.faulty('embed');
  const useAiSdk = c.pick(2, 'sdk') === 1;
  const embedCall = useAiSdk
    ? `const { embeddings } = await embedMany({
        model: openai.embedding(EMBEDDING_MODEL),
        values: batch.map((d) => d.text),
        maxRetries: ${c.g % 3},${noSignal ? '' : '\n        abortSignal: signal,'}
      });`
    : `const res = await client.embeddings.create({ model: EMBEDDING_MODEL, input: batch.map((d) => d.text) }${noSignal ? '' : ', { signal }'});
      const embeddings = res.data.map((d) => d.embedding);`;
  return ts`// Batch embedding of ${c.e} documents and in-memory similarity search.
${useAiSdk ? "import { embedMany, embed, cosineSimilarity } from 'ai';\nimport { openai } from '@ai-sdk/openai';" : "import OpenAI from 'openai';"}
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { ScoredChunk } from '../types.js';
import { chunk } from '../utils/collections.js';
import { splitIntoChunks } from '../utils/strings.js';

const EMBEDDING_MODEL = '${c.emModel}';
const BATCH_SIZE = ${[16, 32, 64, 96][c.g % 4]};
${useAiSdk ? '' : 'const client = new OpenAI();\n'}
export interface EmbeddedDoc {
  id: string;
  text: string;
  vector: number[];
}

${useAiSdk ? '' : `export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
`}
export function toChunks(id: string, text: string): { id: string; text: string }[] {
  return splitIntoChunks(text, ${800 + (c.g % 4) * 200}, ${50 + (c.g % 3) * 25}).map((t, i) => ({ id: id + '#' + i, text: t }));
}

export async function embedDocuments(docs: readonly { id: string; text: string }[], signal: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<EmbeddedDoc[]> {
  const out: EmbeddedDoc[] = [];
  const batches = chunk(docs, BATCH_SIZE);
  for (const [index, batch] of batches.entries()) {
    ${loopNoCheck ? '' : 'signal.throwIfAborted();'}
    ${embedCall}
    batch.forEach((doc, i) => out.push({ ...doc, vector: embeddings[i] ?? [] }));
    onProgress?.(index + 1, batches.length);
  }
  return out;
}

export async function search(index: readonly EmbeddedDoc[], query: string, signal: AbortSignal, k = ${3 + (c.g % 5)}): Promise<ScoredChunk[]> {
${useAiSdk
    ? `  const { embedding } = await embed({ model: openai.embedding(EMBEDDING_MODEL), value: query, abortSignal: signal });`
    : `  const res = await client.embeddings.create({ model: EMBEDDING_MODEL, input: query }, { signal });
  const embedding = res.data[0]?.embedding ?? [];`}
  return index
    .map((doc) => ({ id: doc.id, text: doc.text, score: cosineSimilarity(embedding, doc.vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

/** A vector store client: like Pinecone's or pg's, its calls take no signal. */
export interface VectorIndex {
  upsert(rows: { id: string; values: number[]; metadata?: Record<string, string> }[]): Promise<void>;
  deleteMany(ids: readonly string[]): Promise<void>;
}

export async function reindex(docs: readonly { id: string; text: string }[], embedder: EmbeddingsInterface, index: VectorIndex, signal: AbortSignal): Promise<number> {
  let count = 0;
  for (const batch of chunk(docs, BATCH_SIZE)) {
    ${c.faulty('reindex') ? '' : 'signal.throwIfAborted();'}
    const vectors = await embedder.embedDocuments(batch.map((d) => d.text));
    await index.upsert(batch.map((d, i) => ({ id: d.id, values: vectors[i] ?? [], metadata: { model: EMBEDDING_MODEL } })));
    count += batch.length;
  }
  return count;
}

export function dedupeByScore(chunks: readonly ScoredChunk[], minGap = 0.0${1 + (c.g % 5)}): ScoredChunk[] {
  const out: ScoredChunk[] = [];
  for (const ch of chunks) {
    const prev = out[out.length - 1];
    if (!prev || prev.score - ch.score >= minGap || prev.text !== ch.text) out.push(ch);
  }
  return out;
}
`;
};

/** @param {Ctx} c */
const geminiTemplate = (c) => {
  const noSignal = c.faulty('generate');
  const streamNoSignal = c.faulty('stream');
  const nameCheck = c.faulty('catch');
  return ts`// Gemini-backed classification and streaming answers for ${c.es}.
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import type { ${c.E}, Sentiment } from '../types.js';
import { truncate } from '../utils/strings.js';

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY ?? '' });
const MODEL = '${c.gmModel}';

export interface Classification {
  label: Sentiment;
  confidence: number;
}

function parseClassification(text: string | undefined): Classification {
  const [label = 'neutral', confidence = '0.5'] = (text ?? '').trim().split(/\s+/);
  const normalized: Sentiment = label === 'positive' || label === 'negative' ? label : 'neutral';
  return { label: normalized, confidence: Number.parseFloat(confidence) || 0.5 };
}

export async function classify${c.E}(item: ${c.E}, signal: AbortSignal): Promise<Classification> {
  const response: GenerateContentResponse = await ai.models.generateContent({
    model: MODEL,
    contents: 'Classify the sentiment and confidence of: ' + truncate(item.body, ${3000 + (c.g % 3) * 1000}),
    config: {
      temperature: 0,
      maxOutputTokens: 16,${noSignal ? '' : '\n      abortSignal: signal,'}
    },
  });
  return parseClassification(response.text);
}

export async function* answerStream(question: string, context: readonly string[], signal: AbortSignal): AsyncGenerator<string> {
  const stream = await ai.models.generateContentStream({
    model: MODEL,
    contents: [{ role: 'user', parts: [{ text: context.join('\n---\n') }, { text: question }] }],
    config: { ${streamNoSignal ? '' : 'abortSignal: signal, '}systemInstruction: 'Answer only from the context.' },
  });
  for await (const chunk of stream) {
    if (chunk.text) yield chunk.text;
  }
}

export async function tokenBudget(text: string, signal: AbortSignal): Promise<number> {
  try {
    const res = await ai.models.countTokens({ model: MODEL, contents: text, config: { abortSignal: signal } });
    return res.totalTokens ?? 0;
  } catch (err) {
${nameCheck
    ? `    if (err instanceof Error && err.name === 'AbortError') throw err;
    return Math.ceil(text.length / 4);`
    : `    if (signal.aborted) throw err;
    return Math.ceil(text.length / 4);`}
  }
}
`;
};

/** @param {Ctx} c */
const langchainTemplate = (c) => {
  const noSignal = c.faulty('invoke');
  const toolNoSignal = c.faulty('tool');
  const batchNoCheck = c.faulty('loop');
  return ts`// LangChain pipeline that rewrites ${c.e} text and looks up references.
import { RunnableLambda, RunnableSequence, type RunnableConfig } from '@langchain/core/runnables';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { normalizeWhitespace, stripMarkdown, topKeywords } from '../utils/strings.js';
import { fetchJson } from '../lib/http.js';

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'You rewrite ${c.e} descriptions in a {tone} tone.'],
  ['human', '{text}'],
]);

const clean = RunnableLambda.from((value: unknown) => normalizeWhitespace(stripMarkdown(String(value))));

const enrich = RunnableLambda.from(async (text: string, config?: RunnableConfig) => {
  const keywords = topKeywords(text);
  const refs = await fetchJson<{ items: string[] }>('https://refs.example.com/${c.es}?q=' + encodeURIComponent(keywords.join(' ')), {
    ${toolNoSignal ? 'timeoutMs: 5000,' : 'signal: config?.signal,'}
  });
  return { text, keywords, refs: refs.items };
});

export const rewritePipeline = RunnableSequence.from([prompt, clean, enrich]);

export async function rewrite(text: string, tone: string, signal: AbortSignal) {
  return rewritePipeline.invoke({ text, tone }${noSignal ? '' : ', { signal }'});
}

export const lookupTool = tool(
  async ({ query, limit }: { query: string; limit: number }, config) => {
    const res = await fetchJson<{ items: { title: string }[] }>('https://search.example.com/${c.es}?q=' + encodeURIComponent(query), {
      signal: config.signal,
    });
    return res.items.slice(0, limit).map((i) => i.title).join('\n');
  },
  {
    name: 'lookup_${c.es}',
    description: 'Search ${c.es} by keyword',
    schema: z.object({ query: z.string(), limit: z.number().int().min(1).max(${10 + c.g % 10}) }),
  },
);

export async function rewriteAll(texts: readonly string[], tone: string, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  for (const text of texts) {
    ${batchNoCheck ? '' : 'if (signal.aborted) break;'}
    const result = await rewritePipeline.invoke({ text, tone }, { signal, tags: ['${c.e}-batch'] });
    out.push(result.text);
  }
  return out;
}
`;
};

/** @param {Ctx} c */
const aiToolsTemplate = (c) => {
  const toolNoSignal = c.faulty('tool');
  const agentNoSignal = c.faulty('agent');
  const swallow = c.faulty('catch');
  return ts`// AI SDK tools and an agent loop that answers questions about ${c.es}.
import { generateText, isStepCount, streamText, tool } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import { buildUrl, fetchJson } from '../lib/http.js';
import type { ${c.E}Summary } from '../types.js';

const API = process.env.${c.e.toUpperCase()}_API_URL ?? 'https://api.example.com';

export const tools = {
  search${c.E}s: tool({
    description: 'Search ${c.es} by free text',
    inputSchema: z.object({ query: z.string(), limit: z.number().int().min(1).max(50).default(${5 + c.g % 10}) }),
    execute: async ({ query, limit }, { abortSignal }) => {
      const url = buildUrl(API, '/${c.es}/search', { q: query, limit });
      ${toolNoSignal
        ? 'const res = await fetch(url);'
        : 'const res = await fetch(url, { signal: abortSignal });'}
      return (await res.json()) as ${c.E}Summary[];
    },
  }),
  get${c.E}: tool({
    description: 'Fetch one ${c.e} by id',
    inputSchema: z.object({ id: z.string() }),
    execute: async ({ id }, { abortSignal }) => fetchJson<${c.E}Summary>(buildUrl(API, '/${c.es}/' + id), { signal: abortSignal }),
  }),
  readPolicy: tool({
    description: 'Read the ${c.e} handling policy',
    inputSchema: z.object({ section: z.enum(['intro', 'limits', 'escalation']) }),
    execute: async ({ section }, { abortSignal }) => {
      const text = await readFile('policies/${c.e}.md', { encoding: 'utf8', signal: abortSignal });
      return text.split('## ').find((s) => s.toLowerCase().startsWith(section)) ?? '';
    },
  }),
};

export async function answer(question: string, signal: AbortSignal): Promise<{ text: string; steps: number }> {
  try {
    const result = await generateText({
      model: openai('${c.oaModel}'),
      system: 'You answer questions about ${c.es}. Use the tools.',
      prompt: question,
      tools,
      stopWhen: isStepCount(${3 + c.g % 4}),${agentNoSignal ? '' : '\n      abortSignal: signal,'}
    });
    return { text: result.text, steps: result.steps.length };
  } catch (err) {
${swallow
    ? `    console.error('agent failed', err);
    return { text: 'Sorry, something went wrong.', steps: 0 };`
    : `    if (signal.aborted) throw err;
    console.error('agent failed', err);
    return { text: 'Sorry, something went wrong.', steps: 0 };`}
  }
}

export function streamAnswer(question: string, signal: AbortSignal) {
  return streamText({
    model: openai('${c.oaModel}'),
    prompt: question,
    tools,
    stopWhen: isStepCount(${2 + c.g % 3}),
    abortSignal: signal,
  });
}
`;
};

/** @param {Ctx} c */
const mcpServerTemplate = (c) => {
  const fetchNoSignal = c.faulty('fetch');
  const readNoSignal = c.faulty('read');
  const waitNoSignal = c.faulty('wait');
  return ts`// MCP server exposing ${c.e} tools to agents.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { buildUrl } from '../lib/http.js';
import { truncate } from '../utils/strings.js';

const API = 'https://internal.example.com/${c.es}';

export function create${c.E}Server(): McpServer {
  const server = new McpServer({ name: '${c.e}-tools', version: '1.${c.g}.0' });

  server.registerTool(
    'search_${c.es}',
    {
      description: 'Full-text search over ${c.es}',
      inputSchema: { query: z.string().min(1), limit: z.number().int().max(50).optional() },
    },
    async ({ query, limit }, extra) => {
      const res = await fetch(buildUrl(API, '/search', { q: query, limit: limit ?? ${10 + c.g % 10} })${fetchNoSignal ? '' : ', { signal: extra.signal }'});
      const items = (await res.json()) as { id: string; title: string }[];
      return { content: items.map((i) => ({ type: 'text' as const, text: i.id + ': ' + i.title })) };
    },
  );

  server.registerTool(
    'read_${c.e}_attachment',
    {
      description: 'Read a stored attachment',
      inputSchema: { path: z.string().regex(/^[\w./-]+$/) },
    },
    async ({ path }, extra) => {
      const text = ${readNoSignal ? "await readFile('data/' + path, 'utf8')" : "await readFile('data/' + path, { encoding: 'utf8', signal: extra.signal })"};
      return { content: [{ type: 'text', text: truncate(text, ${2000 + (c.g % 4) * 1000}) }] };
    },
  );

  server.registerTool(
    'wait_for_${c.e}',
    {
      description: 'Poll until the ${c.e} is processed',
      inputSchema: { id: z.string() },
    },
    async ({ id }, extra) => {
      for (let attempt = 0; attempt < ${5 + c.g % 5}; attempt++) {
        const res = await fetch(buildUrl(API, '/' + id + '/status'), { signal: extra.signal });
        const body = (await res.json()) as { state: string };
        if (body.state === 'done') return { content: [{ type: 'text', text: 'done' }] };
        ${waitNoSignal ? 'await delay(1000);' : 'await delay(1000, undefined, { signal: extra.signal });'}
      }
      return { content: [{ type: 'text', text: 'still processing' }], isError: true };
    },
  );

  return server;
}
`;
};

/** @param {Ctx} c */
const mcpClientTemplate = (c) => {
  const noSignal = c.faulty('call');
  const never = c.faulty('list');
  const loopNoCheck = c.faulty('loop');
  return ts`// Client side of the ${c.e} MCP integration.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface ToolCallOutcome {
  name: string;
  text: string;
  isError: boolean;
}

export class ${c.E}ToolClient {
  private readonly client = new Client({ name: '${c.e}-backend', version: '2.${c.g}.0' });
  private connected = false;

  constructor(private readonly url: URL) {}

  async connect(signal: AbortSignal): Promise<void> {
    if (this.connected) return;
    await this.client.connect(new StreamableHTTPClientTransport(this.url), { signal });
    this.connected = true;
  }

  async toolNames(signal: AbortSignal): Promise<string[]> {
    await this.connect(signal);
    ${never
      ? 'const { tools } = await this.client.listTools(undefined, { signal: new AbortController().signal });'
      : 'const { tools } = await this.client.listTools(undefined, { signal });'}
    return tools.map((t) => t.name).sort();
  }

  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolCallOutcome> {
    await this.connect(signal);
    const result = await this.client.callTool({ name, arguments: args }, undefined${noSignal ? ', { timeout: 30_000 }' : ', { signal, timeout: 30_000 }'});
    const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
    return {
      name,
      text: content.filter((p) => p.type === 'text').map((p) => p.text ?? '').join('\n'),
      isError: result.isError === true,
    };
  }

  async callAll(calls: readonly { name: string; args: Record<string, unknown> }[], signal: AbortSignal): Promise<ToolCallOutcome[]> {
    const outcomes: ToolCallOutcome[] = [];
    for (const { name, args } of calls) {
      ${loopNoCheck ? '' : 'signal.throwIfAborted();'}
      outcomes.push(await this.call(name, args, signal));
    }
    return outcomes;
  }

  async close(): Promise<void> {
    if (this.connected) await this.client.close();
    this.connected = false;
  }
}
`;
};

/** @param {Ctx} c */
const workerTemplate = (c) => {
  const loopNoCheck = c.faulty('loop');
  const unlinked = c.faulty('timeout');
  const failure = c.faulty('catch');
  const listenerLeak = c.faulty('cleanup');
  return ts`// Background worker that enriches ${c.es} with model output.
import { setTimeout as sleep } from 'node:timers/promises';
import { generateObject } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
import type { ${c.E}, ${c.E}Id } from '../types.js';
import { RingBuffer, percentile } from '../utils/collections.js';

const shutdown = new AbortController();
process.once('SIGTERM', () => shutdown.abort(new Error('SIGTERM')));
process.once('SIGINT', () => shutdown.abort(new Error('SIGINT')));

export interface Job {
  id: string;
  itemId: ${c.E}Id;
  attempts: number;
}

export interface JobQueue {
  next(signal: AbortSignal): Promise<Job | undefined>;
  load(id: ${c.E}Id, signal: AbortSignal): Promise<${c.E}>;
  complete(job: Job, output: Enrichment): Promise<void>;
  retry(job: Job, reason: string): Promise<void>;
}

const EnrichmentSchema = z.object({
  category: z.string(),
  urgency: z.enum(['low', 'medium', 'high']),
  entities: z.array(z.string()).max(${10 + c.g % 10}),
});

export type Enrichment = z.infer<typeof EnrichmentSchema>;

export class ${c.E}Worker {
  private readonly latencies = new RingBuffer<number>(${200 + c.g * 10});
  private processed = 0;

  constructor(
    private readonly queue: JobQueue,
    private readonly jobTimeoutMs = ${30_000 + (c.g % 4) * 15_000},
  ) {}

  async run(signal: AbortSignal = shutdown.signal): Promise<void> {
    while (${loopNoCheck ? 'true' : '!signal.aborted'}) {
      const job = await this.queue.next(signal);
      if (!job) {
        await sleep(${250 + (c.g % 4) * 250}, undefined, { signal }).catch(() => undefined);
        continue;
      }
      await this.handle(job, signal);
    }
  }

  private async handle(job: Job, signal: AbortSignal): Promise<void> {
    const started = performance.now();
    const jobSignal = ${unlinked ? 'AbortSignal.timeout(this.jobTimeoutMs)' : 'AbortSignal.any([signal, AbortSignal.timeout(this.jobTimeoutMs)])'};
${listenerLeak
    ? `    signal.addEventListener('abort', () => console.info('worker stopping during job', job.id));`
    : `    const onStop = () => console.info('worker stopping during job', job.id);
    signal.addEventListener('abort', onStop, { once: true });`}
    try {
      const item = await this.queue.load(job.itemId, jobSignal);
      const { object } = await generateObject({
        model: openai('${c.oaModel}'),
        schema: EnrichmentSchema,
        prompt: 'Extract category, urgency and entities from:\n' + item.body,
        abortSignal: jobSignal,
      });
      await this.queue.complete(job, object);
      this.processed++;
    } catch (err) {
${failure
    ? `      await this.queue.retry(job, err instanceof Error ? err.message : String(err));`
    : `      if (signal.aborted) throw err;
      await this.queue.retry(job, err instanceof Error ? err.message : String(err));`}
    } finally {
      this.latencies.push(performance.now() - started);${listenerLeak ? '' : "\n      signal.removeEventListener('abort', onStop);"}
    }
  }

  stats(): { processed: number; p50: number; p95: number } {
    const values = this.latencies.toArray();
    return { processed: this.processed, p50: percentile(values, 50), p95: percentile(values, 95) };
  }
}
`;
};

/** @param {Ctx} c */
const honoTemplate = (c) => {
  const mode = c.faulty('summarize') ? c.pick(3, 'mode') : -1;
  const summarizeSignal = ['new AbortController().signal', 'AbortSignal.timeout(' + (20 + c.g % 4 * 10) + '_000)', 'AbortSignal.any([])'][mode] ?? 'c.req.raw.signal';
  const streamNoAbort = c.faulty('sse');
  return ts`// HTTP API for ${c.es} (Hono).
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ${c.E}CompletionService } from '../services/completion.js';
import { draftReply } from '../services/anthropic.js';
import { AskSchema, parseWith } from '../utils/validation.js';
import { as${c.E}Id, type ${c.E} } from '../types.js';
import { toSummary } from '../utils/mapping.js';

export interface ${c.E}Store {
  get(id: string, signal: AbortSignal): Promise<${c.E} | undefined>;
  list(limit: number, signal: AbortSignal): Promise<${c.E}[]>;
}

export function ${c.e}Routes(store: ${c.E}Store, service = new ${c.E}CompletionService()): Hono {
  const app = new Hono();

  app.get('/${c.es}', async (c) => {
    const limit = Math.min(Number(c.req.query('limit') ?? ${20 + c.g % 30}), 100);
    const items = await store.list(limit, c.req.raw.signal);
    return c.json(items.map((item) => toSummary(item)));
  });

  app.post('/${c.es}/:id/summary', async (c) => {
    const item = await store.get(as${c.E}Id(c.req.param('id')), c.req.raw.signal);
    if (!item) return c.json({ error: 'not found' }, 404);
    const insight = await service.summarize(item, ${summarizeSignal});
    return c.json(insight);
  });

  app.post('/${c.es}/:id/ask', async (c) => {
    const parsed = parseWith(AskSchema, await c.req.json());
    if (!parsed.ok) return c.json({ errors: parsed.error }, 400);
    const signal = c.req.raw.signal;
    const item = await store.get(c.req.param('id'), signal);
    if (!item) return c.json({ error: 'not found' }, 404);
    return streamSSE(c, async (stream) => {
${streamNoAbort ? '' : `      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
`}      for await (const delta of service.streamAnswer(item, parsed.value.question, signal)) {
        ${streamNoAbort ? '' : 'if (closed) break;\n        '}await stream.writeSSE({ data: delta, event: 'delta' });
      }
      await stream.writeSSE({ data: '', event: 'done' });
    });
  });

  app.post('/${c.es}/:id/draft', async (c) => {
    const item = await store.get(c.req.param('id'), c.req.raw.signal);
    if (!item) return c.json({ error: 'not found' }, 404);
    const result = await draftReply(item, [{ role: 'user', content: 'Draft a reply.' }], c.req.raw.signal);
    return c.json(result);
  });

  return app;
}
`;
};

/** @param {Ctx} c */
const fetchHandlerTemplate = (c) => {
  const noSignal = c.faulty('generate');
  const streamNoSignal = c.faulty('stream');
  const failure = c.faulty('catch');
  return ts`// Web-standard request handlers (Request -> Response) for ${c.e} chat.
import { generateText, streamText, type ModelMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
import { loadPrompt } from '../lib/files.js';
import { maskSecrets } from '../utils/strings.js';

const ChatBody = z.object({
  messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(${8000 + c.g * 10}) })).min(1),
  temperature: z.number().min(0).max(2).optional(),
});

function badRequest(message: string): Response {
  return Response.json({ error: message }, { status: 400 });
}

export async function POST(req: Request): Promise<Response> {
  const parsed = ChatBody.safeParse(await req.json());
  if (!parsed.success) return badRequest(parsed.error.message);
  const system = await loadPrompt('system', req.signal);
  const messages: ModelMessage[] = parsed.data.messages.map((m) => ({ role: m.role, content: maskSecrets(m.content) }));
  const result = streamText({
    model: openai('${c.oaModel}'),
    system,
    messages,
    temperature: parsed.data.temperature ?? ${(c.pick(8, 'temp') / 10).toFixed(1)},${streamNoSignal ? '' : '\n    abortSignal: req.signal,'}
  });
  return result.toTextStreamResponse();
}

export async function PUT(req: Request): Promise<Response> {
  const { prompt } = z.object({ prompt: z.string().min(1) }).parse(await req.json());
  try {
    const { text, usage } = await generateText({
      model: openai('${c.oaModel}'),
      prompt,${noSignal ? '' : '\n      abortSignal: req.signal,'}
    });
    return Response.json({ text, inputTokens: usage.inputTokens ?? 0 });
  } catch (err) {
${failure
    ? `    return Response.json({ error: String(err) }, { status: 502 });`
    : `    if (req.signal.aborted) return new Response(null, { status: 499 });
    return Response.json({ error: String(err) }, { status: 502 });`}
  }
}

export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const upstream = await fetch('https://status.example.com/${c.es}?since=' + (url.searchParams.get('since') ?? '0'), { signal: req.signal });
  return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': 'application/json' } });
}
`;
};

/** @param {Ctx} c */
const expressTemplate = (c) => {
  const noController = c.faulty('controller');
  const failure = c.faulty('catch');
  return ts`// Express routes for ${c.e} embeddings and search.
import express, { type Request, type Response, type NextFunction } from 'express';
import { embedDocuments, search, toChunks, type EmbeddedDoc } from '../services/embeddings.js';
import { SearchSchema, parseWith } from '../utils/validation.js';
import { createLogger } from '../config.js';

const log = createLogger('${c.e}.http');
const index: EmbeddedDoc[] = [];

/** Aborts when the client goes away before the response is finished. */
function requestSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

export const router = express.Router();
router.use(express.json({ limit: '${1 + c.g % 4}mb' }));

router.post('/${c.es}/index', async (req: Request, res: Response, next: NextFunction) => {
  const docs = (req.body as { id: string; text: string }[]).flatMap((d) => toChunks(d.id, d.text));
  ${noController ? 'const signal = new AbortController().signal;' : 'const signal = requestSignal(res);'}
  try {
    const embedded = await embedDocuments(docs, signal, (done, total) => log.debug('indexed', { done, total }));
    index.push(...embedded);
    res.json({ indexed: embedded.length });
  } catch (err) {
${failure
    ? `    log.error('indexing failed', { err: String(err) });
    next(err);`
    : `    if (signal.aborted) return;
    log.error('indexing failed', { err: String(err) });
    next(err);`}
  }
});

router.get('/${c.es}/search', async (req: Request, res: Response) => {
  const parsed = parseWith(SearchSchema, req.query);
  if (!parsed.ok) {
    res.status(400).json({ errors: parsed.error });
    return;
  }
  const signal = requestSignal(res);
  const hits = await search(index, parsed.value.query, signal, parsed.value.limit);
  res.json({ hits });
});

router.get('/${c.es}/health', (_req: Request, res: Response) => {
  res.json({ ok: true, documents: index.length });
});
`;
};

/** @param {Ctx} c */
const repositoryTemplate = (c) => {
  const upsertNoCheck = c.faulty('upsert');
  const archiveNoCheck = c.faulty('archive');
  return ts`// Persistence for ${c.es} on a pg-style SQL client (its queries take no signal).
import type { ${c.E}, ${c.E}Id, Page } from '../types.js';
import { fromRow, toRow, type ${c.E}Row } from '../utils/mapping.js';
import { chunk } from '../utils/collections.js';

export interface SqlClient {
  query<R>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface ListOptions {
  limit: number;
  cursor?: string;
  status?: ${c.E}['status'];
}

export class ${c.E}Repository {
  constructor(
    private readonly db: SqlClient,
    private readonly table = '${c.es}',
  ) {}

  async findById(id: ${c.E}Id): Promise<${c.E} | undefined> {
    const { rows } = await this.db.query<${c.E}Row>('SELECT * FROM ' + this.table + ' WHERE id = $1', [id]);
    const row = rows[0];
    return row ? fromRow(row) : undefined;
  }

  async list({ limit, cursor, status }: ListOptions): Promise<Page<${c.E}>> {
    const params: unknown[] = [limit + 1];
    let where = 'TRUE';
    if (cursor) {
      params.push(cursor);
      where += ' AND id > $' + params.length;
    }
    if (status) {
      params.push(status);
      where += ' AND status = $' + params.length;
    }
    const { rows } = await this.db.query<${c.E}Row>('SELECT * FROM ' + this.table + ' WHERE ' + where + ' ORDER BY id LIMIT $1', params);
    const items = rows.slice(0, limit).map(fromRow);
    const count = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM ' + this.table);
    return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null, total: Number(count.rows[0]?.n ?? 0) };
  }

  async upsertMany(items: readonly ${c.E}[], signal: AbortSignal): Promise<number> {
    let written = 0;
    for (const batch of chunk(items, ${50 + (c.g % 4) * 50})) {
      ${upsertNoCheck ? '' : 'signal.throwIfAborted();'}
      const rows = batch.map(toRow);
      const res = await this.db.query('INSERT INTO ' + this.table + ' SELECT * FROM json_populate_recordset(NULL::' + this.table + ', $1) ON CONFLICT (id) DO UPDATE SET updated_at = now()', [JSON.stringify(rows)]);
      written += res.rowCount ?? 0;
    }
    return written;
  }

  async archiveOlderThan(days: number, signal: AbortSignal): Promise<number> {
    let total = 0;
    while (${archiveNoCheck ? 'true' : '!signal.aborted'}) {
      const res = await this.db.query(
        'UPDATE ' + this.table + " SET status = 'archived' WHERE id IN (SELECT id FROM " + this.table + " WHERE status <> 'archived' AND updated_at < now() - ($1 || ' days')::interval LIMIT ${250 * (1 + (c.g % 4))})",
        [days],
      );
      if (!res.rowCount) break;
      total += res.rowCount;
    }
    return total;
  }

  async remove(id: ${c.E}Id): Promise<boolean> {
    const res = await this.db.query('DELETE FROM ' + this.table + ' WHERE id = $1', [id]);
    return (res.rowCount ?? 0) > 0;
  }
}
`;
};

/** @type {readonly { file: string; render: (c: Ctx) => string }[]} */
export const TEMPLATES = [
  { file: 'types.ts', render: typesTemplate },
  { file: 'utils/strings.ts', render: stringsTemplate },
  { file: 'utils/validation.ts', render: validationTemplate },
  { file: 'utils/mapping.ts', render: mappingTemplate },
  { file: 'utils/collections.ts', render: collectionsTemplate },
  { file: 'config.ts', render: configTemplate },
  { file: 'lib/http.ts', render: httpTemplate },
  { file: 'lib/files.ts', render: filesTemplate },
  { file: 'db/repository.ts', render: repositoryTemplate },
  { file: 'services/completion.ts', render: completionServiceTemplate },
  { file: 'services/anthropic.ts', render: anthropicTemplate },
  { file: 'services/embeddings.ts', render: embeddingsTemplate },
  { file: 'services/gemini.ts', render: geminiTemplate },
  { file: 'chains/rewrite.ts', render: langchainTemplate },
  { file: 'tools/agent.ts', render: aiToolsTemplate },
  { file: 'mcp/server.ts', render: mcpServerTemplate },
  { file: 'mcp/client.ts', render: mcpClientTemplate },
  { file: 'workers/enrich.ts', render: workerTemplate },
  { file: 'routes/hono.ts', render: honoTemplate },
  { file: 'routes/handlers.ts', render: fetchHandlerTemplate },
  { file: 'routes/express.ts', render: expressTemplate },
];

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src/**/*.ts'],
};

/** Identifies the generator version: a corpus made by another version is regenerated. */
async function generatorHash() {
  const self = await readFile(fileURLToPath(import.meta.url));
  return createHash('sha1').update(self).digest('hex').slice(0, 12);
}

/**
 * `bench/corpus/<scale>x/`, or `<scale>x-<groups>g/` for a corpus built on another base size.
 * @param {number} scale
 * @param {number} [groups] feature groups at 1x
 */
export function corpusDir(scale, groups = BASE_GROUPS) {
  return path.join(CORPUS_ROOT, groups === BASE_GROUPS ? `${scale}x` : `${scale}x-${groups}g`);
}

/**
 * Returns the manifest of an up-to-date corpus at this scale, or undefined.
 * @param {number} scale
 * @param {number} [groups] feature groups at 1x
 */
export async function readManifest(scale, groups = BASE_GROUPS) {
  try {
    const manifest = JSON.parse(await readFile(path.join(corpusDir(scale, groups), 'manifest.json'), 'utf8'));
    return manifest.generator === (await generatorHash()) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes bench/corpus/<scale>x/. Skips the work when an up-to-date corpus exists, unless force.
 * `base` sets the feature groups at 1x (default BASE_GROUPS): a smaller base makes a quicker
 * flatness check, as in CI.
 * @param {{ scale: number; base?: number; force?: boolean; log?: (msg: string) => void }} options
 */
export async function generateCorpus({ scale, base = BASE_GROUPS, force = false, log = () => {} }) {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`invalid scale: ${scale}`);
  if (!Number.isInteger(base) || base < 1) throw new RangeError(`invalid base: ${base}`);
  if (!force) {
    const existing = await readManifest(scale, base);
    if (existing) return existing;
  }
  const dir = corpusDir(scale, base);
  await rm(dir, { recursive: true, force: true });
  const groups = base * scale;
  siteCounts.total = 0;
  siteCounts.faulty = 0;
  let files = 0;
  let lines = 0;
  let bytes = 0;
  for (let g = 0; g < groups; g++) {
    const e = DOMAINS[g % DOMAINS.length] ?? 'item';
    const groupDir = path.join(dir, 'src', `${e}${String(g).padStart(3, '0')}`);
    for (const { file, render } of TEMPLATES) {
      const source = render(makeCtx(g, file));
      const target = path.join(groupDir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, source);
      files++;
      lines += source.split('\n').length;
      bytes += Buffer.byteLength(source);
    }
  }
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2) + '\n');
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-corpus-${scale}x`, private: true, type: 'module' }, null, 2) + '\n');
  const manifest = {
    generator: await generatorHash(),
    scale,
    base,
    groups,
    templates: TEMPLATES.length,
    files,
    lines,
    bytes,
    cancellationSites: siteCounts.total,
    faultySites: siteCounts.faulty,
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(`generated ${files} files (${lines} lines) in ${path.relative(process.cwd(), dir) || dir}`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1' },
      scale: { type: 'string' },
      groups: { type: 'string', default: String(BASE_GROUPS) },
      force: { type: 'boolean', default: false },
    },
  });
  const scales = (values.scale ?? values.scales).split(',').map((s) => Number(s.trim()));
  const base = Number(values.groups);
  for (const scale of scales) {
    const m = await generateCorpus({ scale, base, force: values.force, log: (msg) => console.log(msg) });
    console.log(
      `${scale}x: ${m.files} files, ${m.lines} lines, ${(m.bytes / 1024).toFixed(0)} KiB, ` +
        `${m.faultySites}/${m.cancellationSites} cancellation sites faulty -> ${corpusDir(scale, base)}`,
    );
  }
}
