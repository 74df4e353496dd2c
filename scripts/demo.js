#!/usr/bin/env node
/**
 * Lints the bundled example app (examples/) with every rule of the plugin
 * (`configs.all`) and prints what it finds.
 *
 *   npm run demo                      build the plugin, then lint examples/src
 *   npm run demo -- --fix-dry-run     also print the changes the autofixes would make
 *   node scripts/demo.js [paths...]   lint other files or folders under examples/
 *
 * Findings are expected: the example contains deliberate mistakes. The exit code is
 * 0 when linting ran, 1 when a file could not be parsed (a fatal error), and 2 when
 * ESLint itself failed (bad configuration, crashing rule, missing build).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs, styleText } from 'node:util';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = path.join(repoRoot, 'examples');
const pluginEntry = path.join(repoRoot, 'dist', 'index.js');

const USAGE = `Usage: node scripts/demo.js [--fix-dry-run] [paths...]

Lints the example app with eslint-plugin-abort-signal's "all" config.

Options:
  --fix-dry-run   print a diff of what the autofixes would change (no file is written)
  -h, --help      show this help

Paths default to examples/src and must be inside examples/.`;

const useColor = process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

/** Applies terminal styles only when stdout is a color terminal. */
function paint(format, text) {
  return useColor ? styleText(format, text) : text;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** An error whose message says it all: printed without a stack trace. */
class DemoError extends Error {}

async function loadPlugin() {
  let module;
  try {
    module = await import(pluginEntry);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(pluginEntry)) {
      throw new DemoError(`${path.relative(repoRoot, pluginEntry)} not found: run "npm run build" first (or use "npm run demo").`);
    }
    throw error;
  }
  const plugin = module.default ?? module;
  const all = plugin?.configs?.all;
  if (!all || typeof all !== 'object' || !all.rules) {
    throw new DemoError(`${path.relative(repoRoot, pluginEntry)} has no configs.all flat config.`);
  }
  return plugin;
}

/** The flat config used for the demo: the TypeScript parser with type information, plus every rule. */
function demoConfig(plugin) {
  const files = ['examples/**/*.ts'];
  return [
    {
      name: 'demo/typescript',
      files,
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: {
          // Each file is matched to the nearest tsconfig.json: examples/tsconfig.json.
          projectService: true,
          tsconfigRootDir: examplesDir,
        },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    { ...plugin.configs.all, name: 'abort-signal/all', files },
  ];
}

const NO_EOL = '\u0000';

/** Splits text into lines; a last line without a final newline is tagged so it never equals one with it. */
function toLines(text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') {
    lines.pop();
  } else {
    lines[lines.length - 1] += NO_EOL;
  }
  return lines;
}

/**
 * Minimal line diff (longest common subsequence), printed as unified-diff hunks
 * with three lines of context. The example files are small, so O(n·m) is fine.
 */
function unifiedDiff(before, after, fileLabel) {
  const a = toLines(before);
  const b = toLines(after);
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }

  /** @type {{ kind: ' ' | '-' | '+', text: string, aLine: number, bLine: number }[]} */
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i], aLine: i, bLine: j });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', text: a[i], aLine: i, bLine: j });
      i++;
    } else {
      ops.push({ kind: '+', text: b[j], aLine: i, bLine: j });
      j++;
    }
  }

  const context = 3;
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';

  // Group changes whose context windows touch into one hunk.
  const hunks = [];
  let start = Math.max(0, changed[0] - context);
  let end = Math.min(ops.length, changed[0] + context + 1);
  for (const index of changed.slice(1)) {
    if (index - context <= end) {
      end = Math.min(ops.length, index + context + 1);
    } else {
      hunks.push([start, end]);
      start = Math.max(0, index - context);
      end = Math.min(ops.length, index + context + 1);
    }
  }
  hunks.push([start, end]);

  const lines = [paint('bold', `--- a/${fileLabel}`), paint('bold', `+++ b/${fileLabel}`)];
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to);
    const aCount = slice.filter((op) => op.kind !== '+').length;
    const bCount = slice.filter((op) => op.kind !== '-').length;
    const aStart = slice[0].aLine + (aCount === 0 ? 0 : 1);
    const bStart = slice[0].bLine + (bCount === 0 ? 0 : 1);
    lines.push(paint('cyan', `@@ -${aStart},${aCount} +${bStart},${bCount} @@`));
    for (const op of slice) {
      const noEol = op.text.endsWith(NO_EOL);
      const line = `${op.kind}${noEol ? op.text.slice(0, -1) : op.text}`;
      lines.push(op.kind === '+' ? paint('green', line) : op.kind === '-' ? paint('red', line) : line);
      if (noEol) lines.push('\\ No newline at end of file');
    }
  }
  return lines.join('\n');
}

/** One line per rule of configs.all: how many findings, and how many carry an autofix or suggestions. */
function ruleSummary(results, plugin) {
  const stats = new Map();
  for (const [ruleId, setting] of Object.entries(plugin.configs.all.rules)) {
    const severity = Array.isArray(setting) ? setting[0] : setting;
    if (severity === 'off' || severity === 0) continue;
    stats.set(ruleId, { findings: 0, fixable: 0, suggestions: 0 });
  }
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) continue;
      const key = message.ruleId ?? '(eslint)';
      const entry = stats.get(key) ?? { findings: 0, fixable: 0, suggestions: 0 };
      entry.findings++;
      if (message.fix) entry.fixable++;
      if (message.suggestions?.length) entry.suggestions++;
      stats.set(key, entry);
    }
  }

  const width = Math.max(...[...stats.keys()].map((ruleId) => ruleId.length));
  const lines = [paint('bold', 'Findings by rule (configs.all):')];
  let total = 0;
  let totalFixable = 0;
  for (const [ruleId, { findings, fixable, suggestions }] of stats) {
    total += findings;
    totalFixable += fixable;
    const details = [`${plural(findings, 'finding')}`, `${fixable} autofixable`];
    if (suggestions > 0) details.push(`${suggestions} with suggestions`);
    const line = `  ${ruleId.padEnd(width)}  ${details.join(', ')}`;
    lines.push(findings === 0 ? paint('dim', line) : line);
  }
  lines.push(`  ${'total'.padEnd(width)}  ${plural(total, 'finding')}, ${totalFixable} autofixable`);
  return lines.join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'fix-dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const plugin = await loadPlugin();
  const targets = positionals.length > 0 ? positionals : ['examples/src'];
  const options = {
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: demoConfig(plugin),
  };

  const started = performance.now();
  const eslint = new ESLint(options);
  const results = await eslint.lintFiles(targets);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const formatter = await eslint.loadFormatter('stylish');
  const report = await formatter.format(results, { cwd: repoRoot, rulesMeta: eslint.getRulesMetaForResults(results) });
  if (report) console.log(report.trimEnd() + '\n');
  console.log(ruleSummary(results, plugin));
  console.log(paint('dim', `\nLinted ${plural(results.length, 'file')} in ${seconds} s.`));

  if (values['fix-dry-run']) {
    // A second run with fixes applied in memory only (outputFixes is never called).
    const fixer = new ESLint({ ...options, fix: true });
    const fixed = await fixer.lintFiles(targets);
    const diffs = [];
    for (const result of fixed) {
      if (result.output === undefined) continue;
      const original = await readFile(result.filePath, 'utf8');
      const diff = unifiedDiff(original, result.output, path.relative(repoRoot, result.filePath));
      if (diff) diffs.push(diff);
    }
    console.log(paint('bold', `\nAutofixes (dry run, ${plural(diffs.length, 'file')} would change):\n`));
    console.log(diffs.length > 0 ? diffs.join('\n\n') : '  (none)');
  }

  const fatal = results.filter((result) => result.fatalErrorCount > 0);
  if (fatal.length > 0) {
    console.error(
      paint('red', `\n${plural(fatal.length, 'file')} could not be linted (fatal parse errors): `) +
        fatal.map((result) => path.relative(repoRoot, result.filePath)).join(', '),
    );
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof DemoError) {
    console.error(paint('red', `demo: ${error.message}`));
  } else {
    console.error(paint('red', 'demo: ESLint failed'));
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exitCode = 2;
}
