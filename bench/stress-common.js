// Shared by bench/stress.js and bench/fix-check.js: the corpora, their temporary copies, the pool of
// child processes (bench/stress-worker.js) and the table printer.
//
// A corpus is a folder with a tsconfig.json (or several, one per sub-project) and the files to lint.
// The SDK corpora are the TypeScript sources that the SDK packages ship under node_modules/<pkg>/src.
// ESLint ignores node_modules, and some of those sources import with `.ts` extensions or without
// extensions, so they are copied to a temporary folder with a tsconfig.json of ours (Bundler
// resolution). A `node_modules` symlink at the top of the temporary folder makes their imports
// (`@ai-sdk/provider`, `zod/v4`, `@types/node`...) resolve from this repository's node_modules.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..');
export const OUT_DIR = path.join(here, '.out');
export const PLUGIN_ENTRY = path.join(REPO_ROOT, 'dist', 'index.js');
const WORKER = path.join(here, 'stress-worker.js');

/** Extensions of the TypeScript files the corpora contain (declaration files included). */
export const TS_FILE = /\.(?:[cm]?ts|tsx)$/;

/**
 * The SDKs whose shipped sources are linted. `expect` is the rough number of files, to notice a
 * package whose layout changed (the run fails below half of it). `weight` scales the file count
 * into a cost estimate, so that the workers start with the most expensive corpora.
 */
export const SDK_CORPORA = [
  { name: 'openai', pkg: 'openai', src: 'src', expect: 450, weight: 1 },
  { name: 'anthropic', pkg: '@anthropic-ai/sdk', src: 'src', expect: 360, weight: 1 },
  { name: 'ai', pkg: 'ai', src: 'src', expect: 400, weight: 1 },
  { name: 'ai-sdk-openai', pkg: '@ai-sdk/openai', src: 'src', expect: 80, weight: 1 },
  // zod 4 ships v3, v4 (classic, core, mini), v4-mini, mini and locales sources, tests included.
  // Its types are the most expensive to check: about 3 times the CPU per file of the others.
  { name: 'zod', pkg: 'zod', src: 'src', expect: 330, weight: 3 },
];

/**
 * The tsconfig.json written at the top of each SDK copy. Bundler resolution accepts the
 * extension-less and `.js` relative imports of the sources; `allowImportingTsExtensions` the `.ts`
 * ones. Both DOM and @types/node are loaded, as in an app that uses the SDKs on Node.
 */
const SDK_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'Preserve',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    esModuleInterop: true,
  },
  include: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
};

/** Editor shims the SDKs ship beside their sources (`tsconfig.dist-src.d.ts`): not code, and they redeclare Node globals. */
const SKIPPED_FILE = /^tsconfig.*\.d\.ts$/;

/**
 * @typedef {object} Corpus
 * @property {string} name
 * @property {string} root        absolute folder; ESLint's cwd and tsconfigRootDir
 * @property {string[]} files     absolute paths of the files to lint
 * @property {string} display     where the files come from, for the report (repository-relative)
 * @property {string} [version]   package version (SDK corpora)
 * @property {number} [weight]    cost per file relative to an average corpus (default 1)
 */

/** @param {string} dir @returns {Promise<string[]>} absolute paths of TypeScript files under dir, sorted */
export async function listTsFiles(dir) {
  /** @type {string[]} */
  const out = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !TS_FILE.test(entry.name) || SKIPPED_FILE.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (path.relative(dir, full).split(path.sep).includes('node_modules')) continue;
    out.push(full);
  }
  return out.sort();
}

/** A fresh temporary folder with a `node_modules` symlink to this repository's and an ESM package.json. */
export async function makeTempRoot(prefix) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `abort-signal-${prefix}-`));
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }, null, 2) + '\n');
  return dir;
}

/**
 * Copies one SDK's sources into `tmpRoot/<name>` with our tsconfig.json. Throws with a clear message
 * when the package or its sources are missing.
 * @param {(typeof SDK_CORPORA)[number]} sdk
 * @param {string} tmpRoot
 * @returns {Promise<Corpus>}
 */
export async function copySdkCorpus(sdk, tmpRoot) {
  const pkgDir = path.join(REPO_ROOT, 'node_modules', sdk.pkg);
  const srcDir = path.join(pkgDir, sdk.src);
  if (!existsSync(srcDir)) throw new Error(`${sdk.pkg}: no sources at ${path.relative(REPO_ROOT, srcDir)} (is the devDependency installed?)`);
  const { version } = JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8'));
  const sources = await listTsFiles(srcDir);
  if (sources.length < sdk.expect / 2) {
    throw new Error(`${sdk.pkg}@${version}: only ${sources.length} TypeScript files under ${sdk.src}/ (expected about ${sdk.expect}); has the package layout changed?`);
  }
  const root = path.join(tmpRoot, sdk.name);
  await mkdir(root, { recursive: true });
  const files = [];
  for (const source of sources) {
    const target = path.join(root, path.relative(srcDir, source));
    await mkdir(path.dirname(target), { recursive: true });
    await cp(source, target);
    files.push(target);
  }
  await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify(SDK_TSCONFIG, null, 2) + '\n');
  return { name: sdk.name, root, files, display: path.relative(REPO_ROOT, srcDir), version, weight: sdk.weight };
}

/**
 * The corpora of this repository: the example app, the stress cases, and (for linting only) the
 * test fixtures' projects. Missing folders are skipped (the example app may not exist yet).
 * @param {{ fixtures: boolean }} opts
 * @returns {Promise<Corpus[]>}
 */
export async function localCorpora({ fixtures }) {
  const list = [
    { name: 'examples', dir: 'examples' },
    { name: 'stress-cases', dir: 'bench/stress-cases' },
    ...(fixtures ? [{ name: 'fixtures', dir: 'tests/fixtures' }] : []),
  ];
  /** @type {Corpus[]} */
  const out = [];
  for (const { name, dir } of list) {
    const root = path.join(REPO_ROOT, dir);
    if (!existsSync(root)) continue;
    const files = await listTsFiles(root);
    if (files.length > 0) out.push({ name, root, files, display: dir });
  }
  return out;
}

/**
 * Copies a repository corpus (examples, stress cases) with its tsconfig files to `tmpRoot/<name>`.
 * @param {Corpus} corpus @param {string} tmpRoot @returns {Promise<Corpus>}
 */
export async function copyLocalCorpus(corpus, tmpRoot) {
  const root = path.join(tmpRoot, corpus.name);
  await cp(corpus.root, root, {
    recursive: true,
    filter: (source) => !source.split(path.sep).includes('node_modules'),
  });
  return { ...corpus, root, files: corpus.files.map((file) => path.join(root, path.relative(corpus.root, file))) };
}

/** @param {string} dir */
export async function removeDir(dir) {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Runs one task per corpus in child processes (bench/stress-worker.js), at most `jobs` at a time,
 * the most expensive corpora first (files x weight). A child that dies (out of memory, signal) yields `{ ok: false, died }`.
 * @template T
 * @param {{ corpus: Corpus; [key: string]: unknown }[]} tasks
 * @param {{ jobs: number; maxOldSpaceMb: number; onDone?: (result: any) => void }} opts
 * @returns {Promise<any[]>} results in the order of `tasks`
 */
export async function runInWorkers(tasks, { jobs, maxOldSpaceMb, onDone }) {
  const cost = (/** @type {Corpus} */ c) => c.files.length * (c.weight ?? 1);
  const order = tasks.map((task, index) => ({ task, index })).sort((a, b) => cost(b.task.corpus) - cost(a.task.corpus));
  const results = new Array(tasks.length);
  let next = 0;
  async function lane() {
    while (next < order.length) {
      const { task, index } = order[next++];
      results[index] = await runWorker(task, maxOldSpaceMb);
      onDone?.(results[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, order.length)) }, lane));
  return results;
}

/** @param {object} task @param {number} maxOldSpaceMb */
function runWorker(task, maxOldSpaceMb) {
  return new Promise((resolve) => {
    const child = fork(WORKER, [], {
      execArgv: [`--max-old-space-size=${maxOldSpaceMb}`, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.length > 20000) stderr = stderr.slice(-20000);
    });
    /** @type {any} */
    let result;
    child.on('message', (message) => {
      result = message;
    });
    child.on('exit', (code, signal) => {
      const name = /** @type {any} */ (task).corpus.name;
      if (result === undefined) {
        resolve({ ok: false, corpus: name, died: `worker exited with ${signal ?? `code ${code}`}`, stderr });
      } else resolve(result);
    });
    child.send(task);
  });
}

/**
 * Prints a table: the first `left` columns left-aligned, the others (figures) right-aligned.
 * @param {string[]} header @param {(string | number)[][]} rows @param {number} [left]
 */
export function printTable(header, rows, left = 1) {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (/** @type {string[]} */ row) =>
    row.map((cell, i) => (i < left ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

/** @param {number} ms */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Default number of parallel workers: the cores available, at most 2 (each worker holds a whole program). */
export function defaultJobs() {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** Short unified diff of two texts (common head and tail trimmed, then a line LCS), with `context` lines around changes. */
export function unifiedDiff(before, after, label, context = 2) {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  /** @type {{ op: ' ' | '-' | '+'; text: string }[]} */
  let ops = [];
  if (x.length * y.length > 4_000_000) {
    ops = [...x.map((text) => ({ op: /** @type {'-'} */ ('-'), text })), ...y.map((text) => ({ op: /** @type {'+'} */ ('+'), text }))];
  } else {
    // LCS table over the changed middle only: fixes touch a few lines, so it stays small.
    const lcs = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        ops.push({ op: ' ', text: x[i]});
        i++;
        j++;
      } else if (j < y.length && (i >= x.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
        ops.push({ op: '+', text: y[j++]});
      } else ops.push({ op: '-', text: x[i++]});
    }
  }
  const start = Math.max(0, head - context);
  const lines = [`--- ${label} (before)`, `+++ ${label} (after)`, `@@ line ${start + 1} @@`];
  for (let k = start; k < head; k++) lines.push(`  ${a[k]}`);
  let sameRun = [];
  for (const op of ops) {
    if (op.op === ' ') {
      sameRun.push(op.text);
      continue;
    }
    if (sameRun.length > context * 2) {
      lines.push(...sameRun.slice(0, context).map((t) => `  ${t}`), '  ...', ...sameRun.slice(-context).map((t) => `  ${t}`));
    } else lines.push(...sameRun.map((t) => `  ${t}`));
    sameRun = [];
    lines.push(`${op.op} ${op.text}`);
  }
  lines.push(...sameRun.slice(0, context).map((t) => `  ${t}`));
  for (let k = a.length - tail; k < Math.min(a.length, a.length - tail + context); k++) lines.push(`  ${a[k]}`);
  return lines.join('\n');
}
