// Child process of bench/stress.js and bench/fix-check.js: works on one corpus and sends one message
// back over IPC. One process per corpus keeps each corpus's TypeScript program out of the others'
// memory and lets corpora run in parallel.
//
// Task `{ kind: 'lint', corpus, batchSize }`: lints every file with `configs.all`, type-aware.
// Task `{ kind: 'fix-check', corpus, batchSize }`: type-checks, fixes with `configs.all` and writes
// the fixes, type-checks again, and lints with `fix: true` a second time without writing.
//
// Crashes are caught per file: files are linted in batches, and when a batch throws, its files are
// linted one by one to find the culprit(s).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { clearCaches, parse } from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

import { PLUGIN_ENTRY, unifiedDiff } from './stress-common.js';

const NAMESPACE = 'abort-signal/';

/**
 * @typedef {import('./stress-common.js').Corpus} Corpus
 * @typedef {{ corpus: string; file: string; ruleId: string | null; line: number | null; message: string; stack: string }} Crash
 * @typedef {{ corpus: string; file: string; line: number; column: number; endLine?: number; endColumn?: number; rule: string; messageId?: string; message: string; fixable: boolean; suggestions: number }} Finding
 */

/** Pass number of the autofix loop, per file: set by the bench-only `stress/pass-marker` rule. */
let currentFile = '';
/** @type {Map<string, number>} */
const passes = new Map();

/** Bench-only plugin whose rule reports nothing: its create() marks the start of each ESLint pass over a file. */
const markerPlugin = {
  meta: { name: 'stress-bench' },
  rules: {
    'pass-marker': {
      meta: { type: 'problem', schema: [] },
      create(/** @type {import('eslint').Rule.RuleContext} */ context) {
        currentFile = context.physicalFilename;
        passes.set(currentFile, (passes.get(currentFile) ?? 0) + 1);
        return {};
      },
    },
  },
};

/** CPU time of this process so far (user + system): unlike wall time, it does not depend on the machine's load. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** @param {string} pluginPath */
async function loadPlugin(pluginPath) {
  const mod = await import(pathToFileURL(pluginPath).href);
  const plugin = mod.default ?? mod;
  if (!plugin?.configs?.all?.rules) throw new Error(`${pluginPath}: the plugin has no configs.all`);
  return plugin;
}

/**
 * @param {Corpus} corpus
 * @param {any} plugin
 * @param {Partial<import('eslint').ESLint.Options>} extra
 */
function createESLint(corpus, plugin, extra = {}) {
  return new ESLint({
    cwd: corpus.root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        name: 'stress/typescript',
        files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: corpus.root },
        },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
      },
      plugin.configs.all,
      // Only needed to count fixes per pass.
      ...(typeof extra.fix === 'function'
        ? [{ name: 'stress/pass-marker', plugins: { stress: markerPlugin }, rules: { 'stress/pass-marker': /** @type {const} */ ('error') } }]
        : []),
    ],
    cache: false,
    errorOnUnmatchedPattern: false,
    ...extra,
  });
}

/**
 * Lints `files` in batches; a batch that throws is linted again file by file. Returns the results
 * of every file that did not throw, and a Crash per file that did.
 * @param {ESLint} eslint @param {Corpus} corpus @param {string[]} files @param {number} batchSize
 */
async function lintIsolated(eslint, corpus, files, batchSize) {
  /** @type {ESLint.LintResult[]} */
  const results = [];
  /** @type {Crash[]} */
  const crashes = [];
  for (let start = 0; start < files.length; start += batchSize) {
    const batch = files.slice(start, start + batchSize);
    try {
      results.push(...(await eslint.lintFiles(batch)));
      continue;
    } catch {
      // Find the culprit(s) below.
    }
    for (const file of batch) {
      try {
        results.push(...(await eslint.lintFiles([file])));
      } catch (error) {
        crashes.push(describeCrash(corpus, file, error));
      }
    }
  }
  return { results, crashes };
}

/**
 * ESLint rethrows a rule's exception with `Occurred while linting <file>:<line>` and `Rule: "<id>"`
 * appended to its message, and sets `error.ruleId`.
 * @param {Corpus} corpus @param {string} file @param {unknown} error @returns {Crash}
 */
function describeCrash(corpus, file, error) {
  const err = error instanceof Error ? error : new Error(String(error));
  const message = err.message;
  const line = /Occurred while linting .*:(\d+)/.exec(message)?.[1];
  const ruleId = /** @type {any} */ (err).ruleId ?? /Rule: "([^"]+)"/.exec(message)?.[1] ?? null;
  return {
    corpus: corpus.name,
    file: path.relative(corpus.root, file),
    ruleId,
    line: line === undefined ? null : Number(line),
    message: message.split('\nOccurred while linting')[0] ?? message,
    stack: err.stack ?? message,
  };
}

/**
 * Splits lint results into the plugin's findings, fatal messages (parse errors: crashes too) and
 * other messages (ESLint notices such as ignored files).
 * @param {Corpus} corpus @param {ESLint.LintResult[]} results
 */
function classify(corpus, results) {
  /** @type {Finding[]} */
  const findings = [];
  /** @type {Crash[]} */
  const fatals = [];
  /** @type {{ file: string; line: number; ruleId: string | null; message: string }[]} */
  const notices = [];
  for (const result of results) {
    const file = path.relative(corpus.root, result.filePath);
    for (const m of result.messages) {
      if (m.fatal) {
        fatals.push({ corpus: corpus.name, file, ruleId: m.ruleId, line: m.line ?? null, message: `fatal: ${m.message}`, stack: '' });
      } else if (m.ruleId?.startsWith(NAMESPACE)) {
        findings.push({
          corpus: corpus.name,
          file,
          line: m.line,
          column: m.column,
          endLine: m.endLine,
          endColumn: m.endColumn,
          rule: m.ruleId.slice(NAMESPACE.length),
          messageId: m.messageId,
          message: m.message,
          fixable: m.fix !== undefined,
          suggestions: m.suggestions?.length ?? 0,
        });
      } else notices.push({ file, line: m.line, ruleId: m.ruleId, message: m.message });
    }
  }
  return { findings, fatals, notices };
}

/** @param {{ corpus: Corpus; batchSize: number; pluginPath?: string }} task */
async function runLint({ corpus, batchSize, pluginPath = PLUGIN_ENTRY }) {
  const plugin = await loadPlugin(pluginPath);
  const eslint = createESLint(corpus, plugin);
  const start = performance.now();
  const { results, crashes } = await lintIsolated(eslint, corpus, corpus.files, batchSize);
  const { findings, fatals, notices } = classify(corpus, results);
  return {
    ok: crashes.length + fatals.length === 0,
    corpus: corpus.name,
    files: corpus.files.length,
    linted: results.length,
    rules: Object.keys(plugin.configs.all.rules).map((id) => id.slice(NAMESPACE.length)),
    findings,
    crashes: [...crashes, ...fatals],
    notices,
    wallMs: performance.now() - start,
    cpuMs: cpuMs(),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

// ---------------------------------------------------------------------------------------------
// fix-check

/** @param {string | ts.DiagnosticMessageChain} text @returns {string} */
function flatten(text) {
  return ts.flattenDiagnosticMessageText(text, ' ');
}

/**
 * @typedef {{ key: string; fileAndCode: string; file: string; line: number; shown: string }} DiagnosticEntry
 * `key` is `file | TScode | message` (no position); `shown` has the line, for the report.
 */

/**
 * Pre-emit diagnostics (`ts.getPreEmitDiagnostics`) of the corpus's files, for every tsconfig.json
 * project in the corpus. Strings only: a Diagnostic object would keep its program alive.
 * @param {Corpus} corpus @returns {DiagnosticEntry[]}
 */
function typeCheck(corpus) {
  /** @type {DiagnosticEntry[]} */
  const entries = [];
  const add = (/** @type {ts.Diagnostic} */ d) => {
    const file = d.file ? path.relative(corpus.root, d.file.fileName) : '';
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    const message = flatten(d.messageText);
    entries.push({
      key: `${file} | TS${d.code} | ${message}`,
      fileAndCode: `${file} | TS${d.code}`,
      file,
      line,
      shown: `${file}${line ? `:${line}` : ''} TS${d.code}: ${message}`,
    });
  };
  const configs = new Set(corpus.files.map((file) => ts.findConfigFile(path.dirname(file), ts.sys.fileExists)).filter((x) => x !== undefined));
  for (const configPath of configs) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: add });
    if (!parsed) continue;
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, configFileParsingDiagnostics: parsed.errors });
    let first = true;
    for (const sf of program.getSourceFiles()) {
      if (!sf.fileName.startsWith(corpus.root + '/') || sf.fileName.includes('/node_modules/')) continue;
      // The file-less diagnostics (options, globals) come with every file: keep them once.
      for (const d of ts.getPreEmitDiagnostics(program, sf)) if (d.file === sf || (first && d.file === undefined)) add(d);
      first = false;
    }
  }
  return entries;
}

/**
 * Compares two type-checks as multisets of `file | code | message`. A new diagnostic paired with
 * one that went away, in the same file on the same line or with the same code, is an error that
 * was already there and now reads differently (a fix added a property to an argument that already
 * had an error, so the type printed in the message changed): it is `changed`, not `added`.
 * @param {DiagnosticEntry[]} before @param {DiagnosticEntry[]} after
 */
function compareDiagnostics(before, after) {
  const count = (/** @type {DiagnosticEntry[]} */ list) => {
    /** @type {Map<string, DiagnosticEntry[]>} */
    const map = new Map();
    for (const e of list) map.set(e.key, [...(map.get(e.key) ?? []), e]);
    return map;
  };
  const b = count(before);
  const a = count(after);
  /** @type {DiagnosticEntry[]} */
  const added = [];
  /** @type {DiagnosticEntry[]} */
  const gone = [];
  // Multiset difference per key; among equal keys, occurrences on the same line cancel first, so
  // that what is left is where the change happened.
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const left = [...(b.get(key) ?? [])];
    const right = [...(a.get(key) ?? [])];
    for (let i = right.length - 1; i >= 0; i--) {
      const j = left.findIndex((e) => e.line === right[i].line);
      if (j >= 0) {
        left.splice(j, 1);
        right.splice(i, 1);
      }
    }
    const cancel = Math.min(left.length, right.length);
    added.push(...right.slice(cancel));
    gone.push(...left.slice(cancel));
  }
  /** @type {{ before: string; after: string }[]} */
  const changed = [];
  /** @type {((x: DiagnosticEntry, y: DiagnosticEntry) => boolean)[]} the closest pairs first */
  const pairings = [
    (x, y) => x.fileAndCode === y.fileAndCode && x.line === y.line,
    (x, y) => x.file === y.file && x.line === y.line,
    (x, y) => x.fileAndCode === y.fileAndCode,
  ];
  for (const same of pairings) {
    for (let i = added.length - 1; i >= 0; i--) {
      const j = gone.findIndex((g) => same(g, added[i]));
      if (j < 0) continue;
      changed.push({ before: gone[j].shown, after: added[i].shown });
      gone.splice(j, 1);
      added.splice(i, 1);
    }
  }
  return { added, changed };
}

/** @param {{ corpus: Corpus; batchSize: number; pluginPath?: string }} task */
async function runFixCheck({ corpus, batchSize, pluginPath = PLUGIN_ENTRY }) {
  const plugin = await loadPlugin(pluginPath);
  const timings = /** @type {Record<string, number>} */ ({});
  const time = async (/** @type {string} */ label, /** @type {() => any} */ fn) => {
    const start = performance.now();
    const value = await fn();
    timings[label] = performance.now() - start;
    return value;
  };

  const before = await time('typecheckBefore', () => typeCheck(corpus));
  globalThis.gc?.();

  // First pass: fix and write. The predicate counts the fixes ESLint applies, per rule, split into
  // the first pass over a file and later passes (fixes deferred by an overlap, or new problems the
  // first fixes made).
  /** @type {Record<string, { first: number; later: number }>} */
  const fixCounts = {};
  const countFix = (/** @type {import('eslint').Linter.LintMessage} */ m) => {
    const rule = m.ruleId?.startsWith(NAMESPACE) ? m.ruleId.slice(NAMESPACE.length) : String(m.ruleId);
    const count = (fixCounts[rule] ??= { first: 0, later: 0 });
    if ((passes.get(currentFile) ?? 1) <= 1) count.first++;
    else count.later++;
    return true;
  };
  const fixer = createESLint(corpus, plugin, { fix: countFix });
  const first = await time('fixPass', () => lintIsolated(fixer, corpus, corpus.files, batchSize));
  const { findings, fatals, notices } = classify(corpus, first.results);
  /** @type {Map<string, string>} file -> text before the fixes */
  const originals = new Map();
  for (const result of first.results) {
    if (result.output !== undefined) originals.set(result.filePath, await readFile(result.filePath, 'utf8'));
  }
  await ESLint.outputFixes(first.results);
  const maxPasses = Math.max(0, ...passes.values());

  // A fresh project service for what follows: it must read the fixed files from disk. Collecting
  // the old one now keeps two programs from being held at once (zod's take ~1.5 GB each).
  clearCaches();
  globalThis.gc?.();

  // When no fix was written, the files are the ones the first pass saw: their diagnostics are
  // `before`, and a second `--fix` over the same text would find what the first found (zod).
  const unchanged = originals.size === 0;
  const after = unchanged ? before : await time('typecheckAfter', () => typeCheck(corpus));
  globalThis.gc?.();
  /** @type {{ kind: string; file: string; detail: string; diff?: string }[]} */
  const failures = [];
  const diffOf = async (/** @type {string} */ file) => {
    const original = originals.get(file);
    if (original === undefined) return undefined;
    return unifiedDiff(original, await readFile(file, 'utf8'), path.relative(corpus.root, file));
  };

  // Every fixed file must still parse (the parser ESLint uses, without type information).
  for (const file of originals.keys()) {
    try {
      parse(await readFile(file, 'utf8'), { filePath: file, jsx: file.endsWith('.tsx'), loc: true, range: true });
    } catch (error) {
      failures.push({
        kind: 'does not parse',
        file: path.relative(corpus.root, file),
        detail: error instanceof Error ? error.message : String(error),
        diff: await diffOf(file),
      });
    }
  }

  // New diagnostics: the multiset difference after - before (see compareDiagnostics).
  const { added, changed: changedMessages } = compareDiagnostics(before, after);
  /** @type {Map<string, string[]>} */
  const newByFile = new Map();
  for (const entry of added) newByFile.set(entry.file, [...(newByFile.get(entry.file) ?? []), entry.shown]);
  const unparsable = new Set(failures.filter((f) => f.kind === 'does not parse').map((f) => f.file));
  for (const [file, lines] of newByFile) {
    // A file that does not parse has syntax errors: already reported, with its diff.
    if (unparsable.has(file)) continue;
    failures.push({
      kind: 'new type error',
      file,
      detail: lines.join('\n'),
      diff: (await diffOf(path.join(corpus.root, file))) ?? '(file not changed by the fixes: the error comes from a fix in another file)',
    });
  }

  // Second pass: `--fix` again must change nothing.
  passes.clear();
  const refixer = createESLint(corpus, plugin, { fix: true });
  const second = unchanged
    ? { results: [], crashes: [] }
    : await time('secondFixPass', () => lintIsolated(refixer, corpus, corpus.files, batchSize));
  for (const result of second.results) {
    if (result.output === undefined) continue;
    const file = path.relative(corpus.root, result.filePath);
    const current = await readFile(result.filePath, 'utf8');
    const rules = [...new Set(result.messages.map((m) => m.ruleId))];
    failures.push({
      kind: originals.has(result.filePath) ? 'fix not idempotent' : 'fix cascades to another file',
      file,
      detail: originals.has(result.filePath)
        ? 'a second `eslint --fix` changes this file again'
        : 'this file was not changed by the first `eslint --fix`, but the second changes it (a fix elsewhere changed its types)',
      diff: unifiedDiff(current, result.output, file) + (rules.length ? `\n(remaining messages: ${rules.join(', ')})` : ''),
    });
  }
  const secondClassified = classify(corpus, second.results);

  return {
    ok: failures.length === 0 && first.crashes.length + second.crashes.length + fatals.length + secondClassified.fatals.length === 0,
    corpus: corpus.name,
    files: corpus.files.length,
    filesFixed: originals.size,
    maxPasses,
    fixCounts,
    remaining: findings.length,
    crashes: uniqueCrashes([...first.crashes, ...fatals, ...second.crashes, ...secondClassified.fatals]),
    notices,
    failures,
    changedMessages,
    diagnosticsBefore: before.length,
    diagnosticsAfter: after.length,
    timings,
    cpuMs: cpuMs(),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** The second fix run meets the first run's crashes again: keep one of each. @param {Crash[]} crashes */
function uniqueCrashes(crashes) {
  const seen = new Set();
  return crashes.filter((c) => {
    const key = `${c.file}\0${c.ruleId}\0${c.line}\0${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

process.once('message', async (/** @type {any} */ task) => {
  let result;
  try {
    result = task.kind === 'fix-check' ? await runFixCheck(task) : await runLint(task);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    result = { ok: false, corpus: task.corpus?.name, died: err.message, stack: err.stack };
  }
  process.send?.(result, () => process.exit(0));
});
