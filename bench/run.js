#!/usr/bin/env node
// Benchmark of the plugin's rules against a generated AI-backend corpus.
//
//   npm run bench                                    # build, then the 1x corpus, all configurations
//   node bench/run.js --scales 1,4,16                # flatness check over several corpus sizes
//   node bench/run.js --configs parse-only,plugin    # a subset of configurations
//   node bench/run.js --plugin /path/to/plugin.js    # benchmark another build of the plugin
//   node bench/run.js --repeat 3                     # best of 3 runs per configuration
//   node bench/run.js --typecheck program            # type-check every file before the first is linted
//
// Every (scale, configuration) pair is linted in its own child process (bench/lint-child.js), one
// after another, so that CPU time and peak RSS belong to that configuration alone. See
// bench/README.md for the meaning of every column.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BASE_GROUPS, corpusDir, generateCorpus } from './generate.js';
import { RULE_ID } from './force-typecheck-rule.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const NFP = '@typescript-eslint/no-floating-promises';
const CONFIGS = ['parse-only', 'no-floating-promises', 'plugin', 'combined'];
const FLATNESS_TARGET = 1.5;

const { values: args } = parseArgs({
  options: {
    scales: { type: 'string', default: '1' },
    groups: { type: 'string', default: String(BASE_GROUPS) },
    check: { type: 'boolean', default: false },
    configs: { type: 'string', default: CONFIGS.join(',') },
    plugin: { type: 'string', default: path.join(repoRoot, 'dist', 'index.js') },
    'parser-mode': { type: 'string', default: 'service' },
    typecheck: { type: 'string', default: 'file' },
    repeat: { type: 'string', default: '1' },
    out: { type: 'string', default: path.join(here, '.out', 'latest.json') },
    'max-old-space-size': { type: 'string', default: '8192' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(`usage: node bench/run.js [--scales 1,4,16] [--configs ${CONFIGS.join(',')}] [--repeat N]
                         [--groups ${BASE_GROUPS}] [--check] [--plugin dist/index.js] [--parser-mode service|project]
                         [--typecheck file|program] [--out bench/.out/latest.json]

  --groups  feature groups at 1x (21 files each; default ${BASE_GROUPS})
  --check      exit 1 when the plugin's per-file time at the largest scale is more than ${FLATNESS_TARGET}x the smallest's
  --typecheck  file (default): bench/force-typecheck checks each file as it is linted, so a rule that reads
               declarations in files not linted yet is charged for checking them; program: it checks every
               file of the program before the first one is linted, so every rule is timed net of all checking`);
  process.exit(0);
}

/** @param {string} message @returns {never} */
function fatal(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const scales = args.scales.split(',').map((s) => Number(s.trim()));
if (scales.some((s) => !Number.isInteger(s) || s < 1)) fatal(`invalid --scales: ${args.scales}`);
const configs = args.configs.split(',').map((s) => s.trim());
for (const c of configs) if (!CONFIGS.includes(c)) fatal(`unknown configuration "${c}" (known: ${CONFIGS.join(', ')})`);
if (args['parser-mode'] !== 'service' && args['parser-mode'] !== 'project') fatal('--parser-mode must be service or project');
if (args.typecheck !== 'file' && args.typecheck !== 'program') fatal('--typecheck must be file or program');
const groups = Number(args.groups);
if (!Number.isInteger(groups) || groups < 1) fatal(`invalid --groups: ${args.groups}`);
const repeat = Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1) fatal(`invalid --repeat: ${args.repeat}`);
const pluginPath = path.resolve(args.plugin);
const needsPlugin = configs.includes('plugin') || configs.includes('combined');

// ---------------------------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------------------------

/** @param {number | undefined | null} n @param {number} [digits] */
const fmt = (n, digits = 0) =>
  n === undefined || n === null || !Number.isFinite(n)
    ? 'n/a'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Prints an aligned table. Columns after the first are right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 */
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ r) =>
    r
      .map((cell, i) => (i === 0 ? (cell ?? '').padEnd(widths[i] ?? 0) : (cell ?? '').padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------
// Running the children
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} RuleFigures
 * @property {number} totalMs   wall-clock time from ESLint's stats
 * @property {number} cpuMs     estimated main-thread CPU time (see lint-child.js)
 * @property {number} files
 * @property {number} reports
 */

/**
 * @typedef {object} ChildResult
 * @property {boolean} ok
 * @property {string} config
 * @property {number} files
 * @property {number} wallMs          wall time of the whole child process, seen from the parent
 * @property {number} cpuMs           user+sys CPU of the whole child process (all threads)
 * @property {number} lintWallMs
 * @property {number} lintCpuMs
 * @property {number} startupCpuMs
 * @property {number} maxRssKb
 * @property {number} parseMs
 * @property {number} parseCpuMs
 * @property {number} mainThreadShare
 * @property {number} [mainThreadCpuMs]
 * @property {boolean} schedstat
 * @property {Record<string, RuleFigures>} rules
 * @property {string[]} ruleOrder
 * @property {string[]} pluginRuleIds
 * @property {string[]} droppedRules
 * @property {{ files: number; programs: number; diagnostics: number; typecheckCpuMs?: number; samples: { file: string; line: number; message: string }[] }} typecheck
 * @property {{ file: string; line: number; message: string }[]} fatals
 * @property {string} [error]
 * @property {string} [stack]
 * @property {boolean} [crashed]
 * @property {number[]} loadBefore
 * @property {number[]} loadAfter
 * @property {string} [typescript]
 * @property {string} [eslint]
 */

/**
 * @param {string} config
 * @param {number} scale
 * @returns {Promise<ChildResult>}
 */
function runChild(config, scale) {
  const input = { config, corpusDir: corpusDir(scale, groups), pluginPath, parserMode: args['parser-mode'], typecheck: args.typecheck };
  const loadBefore = os.loadavg();
  const start = performance.now();
  return new Promise((resolve) => {
    /** @type {any} */
    let message;
    const child = fork(path.join(here, 'lint-child.js'), [JSON.stringify(input)], {
      cwd: repoRoot,
      execArgv: [`--max-old-space-size=${args['max-old-space-size']}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m) => {
      message = m;
    });
    child.on('exit', (code, signal) => {
      const base = { loadBefore, loadAfter: os.loadavg(), wallMs: performance.now() - start };
      if (message) {
        resolve({ ...message, ...base });
        return;
      }
      resolve(
        /** @type {ChildResult} */ (/** @type {unknown} */ ({
          ok: false,
          crashed: true,
          config,
          error: `child exited with ${signal ? `signal ${signal}` : `code ${code}`} before reporting (out of memory?)`,
          fatals: [],
          ...base,
        })),
      );
    });
  });
}

/**
 * Runs a configuration `repeat` times and keeps the minimum of every time (noise on a shared
 * machine only ever adds time) and the maximum peak RSS.
 * @param {string} config
 * @param {number} scale
 * @returns {Promise<ChildResult>}
 */
async function runRepeated(config, scale) {
  /** @type {ChildResult | undefined} */
  let best;
  for (let i = 0; i < repeat; i++) {
    const r = await runChild(config, scale);
    if (!r.ok) return r;
    if (!best) {
      best = r;
      continue;
    }
    const b = best;
    for (const key of /** @type {const} */ (['wallMs', 'cpuMs', 'lintWallMs', 'lintCpuMs', 'parseMs', 'parseCpuMs', 'startupCpuMs'])) {
      b[key] = Math.min(b[key], r[key]);
    }
    b.maxRssKb = Math.max(b.maxRssKb, r.maxRssKb);
    b.mainThreadShare = Math.max(b.mainThreadShare, r.mainThreadShare);
    if (r.typecheck.typecheckCpuMs !== undefined) {
      b.typecheck.typecheckCpuMs = Math.min(b.typecheck.typecheckCpuMs ?? Infinity, r.typecheck.typecheckCpuMs);
    }
    for (const [id, f] of Object.entries(r.rules)) {
      const mine = b.rules[id];
      if (!mine) b.rules[id] = f;
      else {
        mine.totalMs = Math.min(mine.totalMs, f.totalMs);
        mine.cpuMs = Math.min(mine.cpuMs, f.cpuMs);
      }
    }
    b.loadAfter = r.loadAfter;
  }
  return /** @type {ChildResult} */ (best);
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

/** @type {string[]} */
let pluginRuleIds = [];
if (needsPlugin) {
  if (!existsSync(pluginPath)) fatal(`plugin not found at ${pluginPath} (run "npm run build" first, or pass --plugin)`);
  const mod = await import(pathToFileURL(pluginPath).href);
  const plugin = mod.default ?? mod;
  const all = plugin?.configs?.all;
  if (!all?.rules) fatal(`${pluginPath} has no configs.all.rules`);
  pluginRuleIds = Object.keys(all.rules);
}

const cpus = os.cpus();
console.log(`eslint-plugin-abort-signal benchmark: ${cpus.length} x ${cpus[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`);
console.log(
  `configurations: ${configs.join(', ')}; scales: ${scales.map((s) => `${s}x`).join(', ')}; ` +
    `parser: ${args['parser-mode'] === 'service' ? 'projectService' : 'project'}; type-check: ${args.typecheck === 'file' ? 'each file as it is linted' : 'the whole program before the first file'}${repeat > 1 ? `; best of ${repeat} runs` : ''}`,
);
if (needsPlugin) console.log(`plugin: ${path.relative(repoRoot, pluginPath)} (configs.all: ${pluginRuleIds.length} rules)`);
console.log('');

/** @type {Record<number, { manifest: any; results: Record<string, ChildResult> }>} */
const byScale = {};
let failed = false;
/** `--check`: the plugin's per-file time grew more than FLATNESS_TARGET from the smallest scale to the largest. */
let notFlat = false;
const benchStart = performance.now();

for (const scale of scales) {
  const manifest = await generateCorpus({ scale, base: groups, log: (m) => console.log(m) });
  /** @type {Record<string, ChildResult>} */
  const results = {};
  byScale[scale] = { manifest, results };
  for (const config of configs) {
    process.stdout.write(`${scale}x ${config} ... `);
    const result = await runRepeated(config, scale);
    results[config] = result;
    if (result.ok) {
      console.log(
        `${fmt(result.wallMs / 1000, 1)} s wall, ${fmt(result.cpuMs / 1000, 1)} s CPU, ` +
          `main thread on CPU ${fmt(100 * result.mainThreadShare)}% of its runnable time, load ${fmt(result.loadAfter[0], 1)}`,
      );
    } else {
      failed = true;
      console.log('FAILED');
      const text = result.stack ? result.stack.split('\n').slice(0, 14).join('\n') : (result.error ?? 'unknown error');
      console.error(text.replace(/^/gm, '  '));
      for (const f of (result.fatals ?? []).slice(0, 20)) console.error(`  ${f.file}:${f.line}: ${f.message}`);
    }
    if (result.droppedRules?.length) {
      console.log(`  note: configs.all lists rules the plugin does not define, skipped: ${result.droppedRules.join(', ')}`);
    }
    if (result.typecheck?.diagnostics) {
      console.log(`  note: the corpus has ${result.typecheck.diagnostics} type error(s), e.g.`);
      for (const d of result.typecheck.samples) console.log(`    ${d.file}:${d.line}: ${d.message}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report. Rule times below are estimated main-thread CPU times (cpuMs), not ESLint's wall times,
// unless the column says "wall".
// ---------------------------------------------------------------------------------------------

/** @param {ChildResult | undefined} r @param {string} id */
const ruleMs = (r, id) => (r?.ok ? r.rules[id]?.cpuMs : undefined);
/** @param {ChildResult | undefined} r @param {string} id */
const usPerFile = (r, id) => {
  const ms = ruleMs(r, id);
  return ms === undefined || !r?.files ? undefined : (ms * 1000) / r.files;
};
/** @param {ChildResult | undefined} r @param {string[]} ids */
const sumMs = (r, ids) => {
  const present = ids.map((id) => ruleMs(r, id)).filter((ms) => ms !== undefined);
  return present.length ? present.reduce((a, b) => a + b, 0) : undefined;
};
/** Rules of configs.all as run by this child (falls back to the parent's list). @param {ChildResult | undefined} r */
const ruleIdsOf = (r) => (r?.pluginRuleIds?.length ? r.pluginRuleIds : pluginRuleIds);
/** Every rule of a run except the force-typecheck rule. @param {ChildResult} r */
const netRuleIds = (r) => Object.keys(r.rules).filter((id) => id !== RULE_ID);

/** @type {Record<string, unknown>} */
const summary = {};

for (const scale of scales) {
  const entry = byScale[scale];
  if (!entry) continue;
  const { manifest, results } = entry;
  console.log('');
  console.log(`=== ${scale}x corpus: ${manifest.files} files, ${fmt(manifest.lines)} lines ===`);
  console.log('');
  table(
    ['configuration', 'files', 'wall s', 'CPU s', 'peak RSS MB', 'on-CPU %', 'parse ms', 'type-check ms', 'rules ms', 'reports'],
    configs.map((config) => {
      const r = results[config];
      if (!r?.ok) return [config, 'FAILED'];
      const reports = netRuleIds(r).reduce((n, id) => n + (r.rules[id]?.reports ?? 0), 0);
      return [
        config,
        fmt(r.files),
        fmt(r.wallMs / 1000, 1),
        fmt(r.cpuMs / 1000, 1),
        fmt(r.maxRssKb / 1024),
        fmt(100 * r.mainThreadShare),
        fmt(r.parseCpuMs),
        fmt(ruleMs(r, RULE_ID)),
        fmt(sumMs(r, netRuleIds(r)) ?? 0),
        fmt(reports),
      ];
    }),
  );

  console.log('');
  const nfpMs = ruleMs(results['no-floating-promises'], NFP);
  /** @type {string[][]} */
  const ruleRows = [];
  for (const config of configs) {
    const r = results[config];
    if (!r?.ok) continue;
    // In `combined` the reference is no-floating-promises of the same process (same load, same caches).
    const refMs = ruleMs(r, NFP) ?? nfpMs;
    const ids = [RULE_ID, ...r.ruleOrder.filter((id) => id !== RULE_ID)];
    for (const id of ids) {
      const ms = ruleMs(r, id);
      ruleRows.push([
        id === RULE_ID ? `${id} (type-check)` : id,
        config,
        fmt(r.rules[id]?.totalMs),
        fmt(ms),
        fmt(usPerFile(r, id)),
        fmt(r.rules[id]?.reports),
        r.pluginRuleIds.includes(id) && ms !== undefined && refMs ? `${fmt(ms / refMs, 2)}x` : '',
      ]);
    }
  }
  if (ruleRows.length) table(['rule', 'configuration', 'wall ms', 'CPU ms', 'µs/file', 'reports', 'vs no-floating-promises'], ruleRows);

  /** @type {Record<string, unknown>} */
  const scaleSummary = {};
  const pluginRun = results.plugin;
  if (pluginRun?.ok) {
    const ids = ruleIdsOf(pluginRun);
    const netMs = sumMs(pluginRun, ids) ?? 0;
    const missing = ids.filter((id) => ruleMs(pluginRun, id) === undefined);
    console.log('');
    console.log(`plugin (${ids.length} rules) net rule time: ${fmt(netMs)} ms CPU, ${fmt((netMs * 1000) / pluginRun.files)} µs/file`);
    if (missing.length) console.log(`  no timing recorded for: ${missing.join(', ')}`);
    console.log(
      `  = ${fmt((100 * netMs) / pluginRun.cpuMs, 1)}% of the plugin configuration's process CPU time (${fmt(pluginRun.cpuMs / 1000, 1)} s)` +
        (pluginRun.mainThreadCpuMs ? `, ${fmt((100 * netMs) / pluginRun.mainThreadCpuMs, 1)}% of its main-thread lint CPU time (${fmt(pluginRun.mainThreadCpuMs / 1000, 1)} s)` : ''),
    );
    if (nfpMs) console.log(`  = ${fmt(netMs / nfpMs, 2)}x ${NFP} (${fmt(nfpMs)} ms, separate process)`);
    const combined = results.combined;
    const combinedNfp = ruleMs(combined, NFP);
    const combinedNet = sumMs(combined, ruleIdsOf(combined));
    if (combinedNfp && combinedNet !== undefined) {
      console.log(`  = ${fmt(combinedNet / combinedNfp, 2)}x ${NFP} in the combined configuration (same process)`);
      scaleSummary.pluginVsNoFloatingPromisesCombined = combinedNet / combinedNfp;
    }
    const base = results['parse-only'];
    if (base?.ok && base.mainThreadCpuMs && pluginRun.mainThreadCpuMs) {
      // Includes what no rule timer sees (extra GC, ESLint's dispatch to more listeners) but also
      // the run-to-run noise of two processes: a cross-check, not a substitute for the rule times.
      const marginal = pluginRun.mainThreadCpuMs - base.mainThreadCpuMs;
      console.log(
        `  cross-check: main-thread lint CPU of plugin minus parse-only = ${marginal >= 0 ? '+' : ''}${fmt(marginal)} ms ` +
          `(${fmt((100 * marginal) / pluginRun.mainThreadCpuMs, 1)}% of the plugin run's; includes GC, dispatch and noise)`,
      );
      scaleSummary.pluginMarginalMainThreadCpuMs = marginal;
    }
    scaleSummary.pluginNetCpuMs = netMs;
    scaleSummary.pluginNetUsPerFile = (netMs * 1000) / pluginRun.files;
    scaleSummary.pluginPctOfProcessCpu = (100 * netMs) / pluginRun.cpuMs;
    scaleSummary.pluginPctOfMainThreadCpu = pluginRun.mainThreadCpuMs ? (100 * netMs) / pluginRun.mainThreadCpuMs : null;
    scaleSummary.pluginVsNoFloatingPromises = nfpMs ? netMs / nfpMs : null;
    scaleSummary.perRuleVsNoFloatingPromises = Object.fromEntries(
      ids.map((id) => {
        const ms = ruleMs(pluginRun, id);
        return [id, ms !== undefined && nfpMs ? ms / nfpMs : null];
      }),
    );
    scaleSummary.missingRules = missing;
  }
  const ok = configs.map((c) => results[c]).filter((r) => r?.ok).map((r) => /** @type {ChildResult} */ (r));
  const maxLoad = Math.max(0, ...ok.flatMap((r) => [r.loadBefore[0] ?? 0, r.loadAfter[0] ?? 0]));
  const minShare = ok.length ? Math.min(...ok.map((r) => r.mainThreadShare)) : 1;
  if (minShare < 0.9) {
    console.log('');
    console.log(
      `note: the machine was busy (1-min load up to ${fmt(maxLoad, 1)} on ${cpus.length} cores; the lint thread was on a CPU for as little as ` +
        `${fmt(100 * minShare)}% of its runnable time). "wall ms" is inflated accordingly; the CPU columns correct for it.`,
    );
  }
  scaleSummary.maxLoad = maxLoad;
  scaleSummary.minMainThreadShare = minShare;
  summary[`${scale}x`] = scaleSummary;
}

// Flatness over scales: per-file cost of every rule at every scale.
if (scales.length > 1) {
  const lo = Math.min(...scales);
  const hi = Math.max(...scales);
  console.log('');
  console.log(`=== per-file CPU time by scale (µs/file; target: ${hi}x/${lo}x within ${FLATNESS_TARGET}x) ===`);
  console.log('');
  // The plugin's rules and no-floating-promises come from their own configurations, or else
  // from `combined` (one process with both, as the CI's quicker check runs it).
  const pluginConfig = configs.includes('plugin') ? 'plugin' : 'combined';
  const nfpConfig = configs.includes('no-floating-promises') ? 'no-floating-promises' : 'combined';
  /** @type {{ label: string; config: string; id?: string; total?: boolean; parse?: boolean }[]} */
  const series = [
    { label: 'parse (parse-only)', config: 'parse-only', parse: true },
    { label: `${RULE_ID} (type-check, parse-only)`, config: 'parse-only', id: RULE_ID },
    { label: NFP, config: nfpConfig, id: NFP },
    ...[...new Set(scales.flatMap((s) => ruleIdsOf(byScale[s]?.results[pluginConfig])))].map((id) => ({
      label: id,
      config: pluginConfig,
      id,
    })),
    { label: 'plugin total (net)', config: pluginConfig, total: true },
  ].filter((s) => configs.includes(s.config));
  /** @type {Record<string, Record<string, number | null>>} */
  const flat = {};
  table(
    ['series', ...scales.map((s) => `${s}x`), `${hi}x/${lo}x`, ''],
    series.map((s) => {
      const perScale = scales.map((scale) => {
        const r = byScale[scale]?.results[s.config];
        if (!r?.ok || !r.files) return undefined;
        if (s.total) {
          const ms = sumMs(r, ruleIdsOf(r));
          return ms === undefined ? undefined : (ms * 1000) / r.files;
        }
        if (s.parse) return (r.parseCpuMs * 1000) / r.files;
        return s.id ? usPerFile(r, s.id) : undefined;
      });
      const first = perScale[scales.indexOf(lo)];
      const last = perScale[scales.indexOf(hi)];
      const ratio = first && last !== undefined ? last / first : undefined;
      flat[s.label] = Object.fromEntries([...scales.map((sc, i) => [`${sc}x`, perScale[i] ?? null]), ['ratio', ratio ?? null]]);
      const mark = ratio === undefined || s.config !== pluginConfig ? '' : ratio <= FLATNESS_TARGET ? 'ok' : 'OVER TARGET';
      if (s.total && args.check && (ratio === undefined || ratio > FLATNESS_TARGET)) notFlat = true;
      return [s.label, ...perScale.map((v) => fmt(v)), ratio === undefined ? 'n/a' : `${fmt(ratio, 2)}x`, mark];
    }),
  );
  summary.flatness = flat;
  if (args.check) {
    console.log('');
    console.log(
      notFlat
        ? `check: FAILED: the plugin's per-file time at ${hi}x is over ${FLATNESS_TARGET}x its time at ${lo}x`
        : `check: ok: the plugin's per-file time at ${hi}x is within ${FLATNESS_TARGET}x its time at ${lo}x`,
    );
  }

  console.log('');
  console.log('=== peak RSS by scale (MB; in parentheses: above parse-only) ===');
  console.log('');
  table(
    ['configuration', ...scales.map((s) => `${s}x`)],
    configs.map((config) => [
      config,
      ...scales.map((scale) => {
        const r = byScale[scale]?.results[config];
        const base = byScale[scale]?.results['parse-only'];
        if (!r?.ok) return 'n/a';
        const mb = r.maxRssKb / 1024;
        if (config === 'parse-only' || !base?.ok) return fmt(mb);
        const delta = mb - base.maxRssKb / 1024;
        return `${fmt(mb)} (${delta >= 0 ? '+' : ''}${fmt(delta)})`;
      }),
    ]),
  );
}

const totalSeconds = (performance.now() - benchStart) / 1000;
console.log('');
console.log(`total benchmark time: ${fmt(totalSeconds)} s`);

const anyResult = Object.values(byScale)
  .flatMap((s) => Object.values(s.results))
  .find((r) => r.ok);
const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus.length, model: cpus[0]?.model.trim(), totalMemMb: Math.round(os.totalmem() / 2 ** 20), node: process.version },
  versions: { eslint: anyResult?.eslint, typescript: anyResult?.typescript },
  options: { scales, groups, configs, repeat, plugin: path.relative(repoRoot, pluginPath), parserMode: args['parser-mode'], typecheck: args.typecheck },
  pluginRules: pluginRuleIds,
  scales: Object.fromEntries(
    Object.entries(byScale).map(([scale, { manifest, results }]) => [
      `${scale}x`,
      {
        corpus: { files: manifest.files, lines: manifest.lines, bytes: manifest.bytes, cancellationSites: manifest.cancellationSites, faultySites: manifest.faultySites },
        configs: Object.fromEntries(
          Object.entries(results).map(([config, r]) => [
            config,
            r.ok
              ? {
                  files: r.files,
                  wallMs: r.wallMs,
                  cpuMs: r.cpuMs,
                  lintWallMs: r.lintWallMs,
                  lintCpuMs: r.lintCpuMs,
                  mainThreadLintCpuMs: r.mainThreadCpuMs ?? null,
                  mainThreadShare: r.mainThreadShare,
                  startupCpuMs: r.startupCpuMs,
                  peakRssMb: r.maxRssKb / 1024,
                  parseWallMs: r.parseMs,
                  parseCpuMs: r.parseCpuMs,
                  typecheckCpuMs: ruleMs(r, RULE_ID) ?? null,
                  typecheckCpuMsMeasured: r.typecheck.typecheckCpuMs ?? null,
                  rules: Object.fromEntries(
                    Object.entries(r.rules).map(([id, f]) => [
                      id,
                      { wallMs: f.totalMs, cpuMs: f.cpuMs, cpuUsPerFile: (f.cpuMs * 1000) / r.files, reports: f.reports },
                    ]),
                  ),
                  programs: r.typecheck.programs,
                  typeErrors: r.typecheck.diagnostics,
                  droppedRules: r.droppedRules,
                  load: { before: r.loadBefore, after: r.loadAfter },
                }
              : { failed: true, error: r.error, fatals: r.fatals },
          ]),
        ),
      },
    ]),
  ),
  summary,
  totalSeconds,
  failed,
};
const outFile = path.resolve(args.out);
await mkdir(path.dirname(outFile), { recursive: true });
await writeFile(outFile, JSON.stringify(report, null, 2) + '\n');
console.log(`figures written to ${path.relative(process.cwd(), outFile)}`);

if (failed) {
  console.error('bench: at least one configuration crashed or hit a fatal error (see above)');
  process.exitCode = 1;
}
if (args.check && scales.length < 2) {
  console.error('bench: --check needs at least two scales (for example --scales 1,4,16)');
  process.exitCode = 1;
} else if (notFlat) {
  console.error(`bench: the plugin's per-file cost is not flat (over ${FLATNESS_TARGET}x; see above)`);
  process.exitCode = 1;
}
