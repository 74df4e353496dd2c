// Child process of bench/run.js: lints one corpus with one configuration and reports its figures.
//
// Run by run.js through child_process.fork() with one JSON argument:
//   { config: 'parse-only' | 'no-floating-promises' | 'plugin' | 'combined',
//     corpusDir: string, pluginPath?: string, parserMode: 'service' | 'project', typecheck?: 'file' | 'program' }
// It sends one message back over IPC: { ok: true, ...figures } or { ok: false, error, fatals }.
// One process per configuration keeps CPU time and peak RSS attributable to that configuration.

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { RULE_ID, benchPlugin, counters, fileSamples, setTypecheckScope, threadSchedstat } from './force-typecheck-rule.js';

/**
 * @typedef {object} ChildInput
 * @property {string} config
 * @property {string} corpusDir
 * @property {string} [pluginPath]
 * @property {'service' | 'project'} parserMode
 * @property {'file' | 'program'} [typecheck]
 */

/** @param {unknown} message */
function send(message) {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve(undefined));
    else {
      process.stdout.write(JSON.stringify(message, null, 2) + '\n');
      resolve(undefined);
    }
  });
}

/** @param {string} pluginPath */
async function loadPlugin(pluginPath) {
  const mod = await import(pathToFileURL(pluginPath).href);
  const plugin = mod.default ?? mod;
  const all = plugin?.configs?.all;
  if (!all || typeof all !== 'object' || !all.rules) throw new Error(`${pluginPath}: plugin has no configs.all with rules`);
  return { plugin, all };
}

/**
 * Keeps the rules of configs.all that the plugin actually defines (a rule listed before it exists
 * would make ESLint throw) and reports the ones dropped.
 * @param {{ plugin: any; all: any }} loaded
 */
function pluginRules({ plugin, all }) {
  /** @type {import('eslint').Linter.RulesRecord} */
  const rules = {};
  /** @type {string[]} */
  const dropped = [];
  const prefixes = Object.entries(all.plugins ?? {});
  for (const [id, setting] of Object.entries(all.rules)) {
    const slash = id.lastIndexOf('/');
    const prefix = slash > 0 ? id.slice(0, slash) : '';
    const name = id.slice(slash + 1);
    const owner = prefixes.find(([p]) => p === prefix)?.[1] ?? (prefix ? undefined : null);
    if (owner === undefined || (owner && !owner.rules?.[name])) {
      dropped.push(id);
      continue;
    }
    rules[id] = setting;
  }
  return { rules, dropped, plugins: all.plugins ?? { 'abort-signal': plugin } };
}

async function main() {
  /** @type {ChildInput} */
  const input = JSON.parse(process.argv[2] ?? '{}');
  const cpuAtStart = process.cpuUsage();
  setTypecheckScope(input.typecheck ?? 'file');

  const [{ ESLint }, tseslint] = await Promise.all([import('eslint'), import('typescript-eslint')]);
  const { default: ts } = await import('typescript');

  const parserOptions =
    input.parserMode === 'project'
      ? { project: './tsconfig.json', tsconfigRootDir: input.corpusDir }
      : { projectService: true, tsconfigRootDir: input.corpusDir };

  /** @type {import('eslint').Linter.Config[]} */
  const overrideConfig = [
    {
      name: 'bench/typescript',
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.default.parser, parserOptions },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    // First in the merged rules object, so it is created (and type-checks the file) first.
    { name: 'bench/force-typecheck', plugins: { bench: benchPlugin }, rules: { [RULE_ID]: 'error' } },
  ];

  /** @type {string[]} */
  let droppedRules = [];
  /** @type {string[]} */
  let pluginRuleIds = [];
  const wantsNfp = input.config === 'no-floating-promises' || input.config === 'combined';
  const wantsPlugin = input.config === 'plugin' || input.config === 'combined';
  if (wantsNfp) {
    overrideConfig.push({
      name: 'bench/no-floating-promises',
      plugins: { '@typescript-eslint': tseslint.default.plugin },
      rules: { '@typescript-eslint/no-floating-promises': 'error' },
    });
  }
  if (wantsPlugin) {
    if (!input.pluginPath) throw new Error('no plugin path given');
    const { rules, dropped, plugins } = pluginRules(await loadPlugin(input.pluginPath));
    droppedRules = dropped;
    pluginRuleIds = Object.keys(rules);
    overrideConfig.push({ name: 'bench/plugin-all', plugins, rules });
  }

  const eslint = new ESLint({
    cwd: input.corpusDir,
    overrideConfigFile: true,
    overrideConfig,
    stats: true,
    cache: false,
    concurrency: 'off',
  });

  const ruleOrder = Object.keys((await eslint.calculateConfigForFile('src/x.ts'))?.rules ?? {});

  const lintCpu0 = process.cpuUsage();
  const lintWall0 = performance.now();
  const sched0 = threadSchedstat();
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const sched1 = threadSchedstat();
  const lintWallMs = performance.now() - lintWall0;
  const lintCpu = process.cpuUsage(lintCpu0);

  // ESLint's per-rule times are wall-clock. On a busy machine the main thread spends part of that
  // wall time waiting for a CPU, so each wall time is also converted to an estimate of on-CPU
  // time: wall x (share of the thread's runnable time it actually ran), where the share is taken
  // from scheduler samples around that file (see force-typecheck-rule.js). Without schedstat the
  // share is 1 and the estimate equals the wall time.
  /** @type {(a: [number, number] | undefined, b: [number, number] | undefined) => number} */
  const shareBetween = (a, b) => {
    if (!a || !b) return 1;
    const cpu = b[0] - a[0];
    const wait = b[1] - a[1];
    return cpu + wait > 0 ? cpu / (cpu + wait) : 1;
  };
  const mainThreadShare = shareBetween(sched0, sched1);
  /** File -> [share while parsing it, share while running its rules]. @type {Map<string, [number, number]>} */
  const shares = new Map();
  fileSamples.forEach(([file, cpu, wait], i) => {
    const prev = i > 0 ? fileSamples[i - 1] : undefined;
    const next = fileSamples[i + 1];
    /** @type {[number, number]} */
    const here = [cpu, wait];
    shares.set(file, [
      shareBetween(prev ? [prev[1], prev[2]] : sched0, here),
      shareBetween(here, next ? [next[1], next[2]] : sched1),
    ]);
  });

  /** @type {Record<string, { totalMs: number; cpuMs: number; files: number; reports: number }>} */
  const rules = {};
  const touch = (/** @type {string} */ id) => (rules[id] ??= { totalMs: 0, cpuMs: 0, files: 0, reports: 0 });
  let parseMs = 0;
  let parseCpuMs = 0;
  let lintTotalMs = 0;
  /** @type {{ file: string; line: number; message: string }[]} */
  const fatals = [];
  for (const result of results) {
    const [parseShare, ruleShare] = shares.get(result.filePath) ?? [mainThreadShare, mainThreadShare];
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      parseCpuMs += (pass.parse?.total ?? 0) * parseShare;
      lintTotalMs += pass.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {})) {
        const r = touch(id);
        r.totalMs += t.total;
        r.cpuMs += t.total * ruleShare;
        r.files++;
      }
    }
    for (const m of result.messages) {
      if (m.fatal || !m.ruleId) fatals.push({ file: result.filePath, line: m.line ?? 0, message: m.message });
      else touch(m.ruleId).reports++;
    }
  }

  const cpuTotal = process.cpuUsage();
  const usage = process.resourceUsage();
  await send({
    ok: fatals.length === 0,
    config: input.config,
    files: results.length,
    typescript: ts.version,
    eslint: ESLint.version,
    processWallMs: performance.now(),
    startupCpuMs: (cpuAtStart.user + cpuAtStart.system) / 1000,
    cpuMs: (cpuTotal.user + cpuTotal.system) / 1000,
    lintWallMs,
    lintCpuMs: (lintCpu.user + lintCpu.system) / 1000,
    maxRssKb: usage.maxRSS,
    parseMs,
    parseCpuMs,
    lintTotalMs,
    mainThreadShare,
    mainThreadCpuMs: sched0 && sched1 ? (sched1[0] - sched0[0]) / 1e6 : undefined,
    schedstat: Boolean(sched0),
    rules,
    ruleOrder,
    pluginRuleIds,
    droppedRules,
    typecheck: { ...counters },
    fatals,
    error: fatals.length ? `${fatals.length} fatal message(s)` : undefined,
  });
}

main().catch(async (err) => {
  const error = err instanceof Error ? err : new Error(String(err));
  await send({ ok: false, crashed: true, error: error.message, stack: error.stack, fatals: [] });
  process.exitCode = 1;
});
