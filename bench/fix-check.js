#!/usr/bin/env node
// Fix check: on a temporary copy of the corpora, applies every autofix of `configs.all` and proves
// that the fixes break nothing. See bench/STRESS.md.
//
//   npm run fix-check                          build, then check every corpus
//   node bench/fix-check.js --only examples    some corpora only
//   node bench/fix-check.js --keep             keep the fixed copy to look at it
//
// Per corpus (one worker process each): type-check (ts.createProgram + pre-emit diagnostics), run
// ESLint with `fix: true` and write the fixes, type-check again, then run `fix: true` once more
// without writing. It fails when a fixed file does not parse, when the type-check has a diagnostic
// it did not have before (compared as a multiset of file + code + message, positions ignored),
// when the second `--fix` changes anything, or when a rule throws.
// Exit code: 0 when every check passes, 1 on any failure, 2 when the run could not start.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import {
  PLUGIN_ENTRY,
  REPO_ROOT,
  SDK_CORPORA,
  copyLocalCorpus,
  copySdkCorpus,
  defaultJobs,
  localCorpora,
  makeTempRoot,
  printTable,
  removeDir,
  runInWorkers,
  seconds,
} from './stress-common.js';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    jobs: { type: 'string' },
    batch: { type: 'string', default: '40' },
    'max-old-space': { type: 'string', default: '6144' },
    plugin: { type: 'string', default: PLUGIN_ENTRY },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(`Usage: node bench/fix-check.js [--only a,b] [--jobs N] [--batch N] [--max-old-space MB] [--keep]

  --only           corpora to check (${[...SDK_CORPORA.map((c) => c.name), 'examples', 'stress-cases'].join(', ')})
  --jobs           corpora checked in parallel, one process each (default ${defaultJobs()})
  --batch          files per ESLint.lintFiles call before falling back to one by one (default 40)
  --max-old-space  V8 heap limit of each worker in MB (default 6144)
  --plugin         the plugin module to load (default dist/index.js)
  --keep           keep the fixed temporary copy and print its path`);
  process.exit(0);
}

const only = args.only ? new Set(args.only.split(',').map((s) => s.trim())) : undefined;
const wanted = (/** @type {string} */ name) => only === undefined || only.has(name);
const jobs = args.jobs ? Number(args.jobs) : defaultJobs();

async function main() {
  const started = performance.now();
  const pluginPath = path.resolve(args.plugin);
  const { default: plugin } = await import(pathToFileURL(pluginPath).href).catch((error) => {
    throw new Error(`cannot load ${path.relative(REPO_ROOT, pluginPath)} (run "npm run build"): ${error.message}`);
  });
  const ruleNames = Object.keys(plugin.configs.all.rules).map((id) => id.replace(/^abort-signal\//, ''));

  const tmpRoot = await makeTempRoot('fix-check');
  let failed = true;
  try {
    /** @type {import('./stress-common.js').Corpus[]} */
    const corpora = [];
    for (const sdk of SDK_CORPORA) if (wanted(sdk.name)) corpora.push(await copySdkCorpus(sdk, tmpRoot));
    for (const local of await localCorpora({ fixtures: false })) {
      if (wanted(local.name)) corpora.push(await copyLocalCorpus(local, tmpRoot));
    }
    if (corpora.length === 0) throw new Error(`no corpus selected (--only ${args.only})`);

    console.log(`abort-signal fix-check: ${ruleNames.length} rule(s) from configs.all: ${ruleNames.join(', ')}`);
    console.log(`${corpora.length} corpora copied to ${tmpRoot}, ${corpora.reduce((n, c) => n + c.files.length, 0)} files, ${jobs} worker(s)\n`);

    const results = await runInWorkers(
      corpora.map((corpus) => ({ kind: 'fix-check', corpus, batchSize: Number(args.batch), pluginPath })),
      {
        jobs,
        maxOldSpaceMb: Number(args['max-old-space']),
        onDone: (r) =>
          console.log(
            `  ${r.corpus}: ${r.died ? `DIED (${r.died})` : `${r.filesFixed} files fixed, ${r.failures.length} failures, ${r.crashes.length} crashes, ${seconds(r.cpuMs)} CPU`}`,
          ),
      },
    );
    const wallMs = performance.now() - started;

    console.log('\nCorpora');
    printTable(
      ['corpus', 'source', 'files', 'fixed files', 'max passes', 'TS diags before', 'after', 'failures', 'crashes', 'type-check', 'fix', '2nd fix', 'CPU', 'max RSS'],
      results.map((r, i) => {
        const t = r.timings ?? {};
        return [
          r.corpus,
          corpora[i].display + (corpora[i].version ? `@${corpora[i].version}` : ''),
          corpora[i].files.length,
          r.filesFixed ?? '-',
          r.maxPasses ?? '-',
          r.diagnosticsBefore ?? '-',
          r.diagnosticsAfter ?? '-',
          r.died ? 'DIED' : r.failures.length,
          r.crashes?.length ?? '-',
          t.typecheckBefore === undefined ? '-' : seconds(t.typecheckBefore + (t.typecheckAfter ?? 0)),
          t.fixPass === undefined ? '-' : seconds(t.fixPass),
          t.secondFixPass === undefined ? '-' : seconds(t.secondFixPass),
          r.cpuMs === undefined ? '-' : seconds(r.cpuMs),
          r.maxRssMb === undefined ? '-' : `${r.maxRssMb} MB`,
        ];
      }),
      2,
    );

    console.log('\nFixes applied per rule and corpus (first pass over a file + later passes of the same run)');
    const names = corpora.map((c) => c.name);
    const ruleIds = [...new Set([...ruleNames, ...results.flatMap((r) => Object.keys(r.fixCounts ?? {}))])];
    const cell = (/** @type {any} */ r, /** @type {string} */ rule) => {
      const c = r.fixCounts?.[rule];
      if (c === undefined) return 0;
      return c.later > 0 ? `${c.first}+${c.later}` : c.first;
    };
    const total = (/** @type {string} */ rule) =>
      results.reduce((sum, r) => sum + (r.fixCounts?.[rule]?.first ?? 0) + (r.fixCounts?.[rule]?.later ?? 0), 0);
    printTable(['rule', ...names, 'total'], ruleIds.map((rule) => [rule, ...results.map((r) => cell(r, rule)), total(rule)]));

    const failures = results.flatMap((r) => (r.failures ?? []).map((/** @type {any} */ f) => ({ ...f, corpus: r.corpus })));
    const crashes = results.flatMap((r) => (r.crashes ?? []).map((/** @type {any} */ c) => ({ ...c })));
    const died = results.filter((r) => r.died);
    for (const f of failures) {
      console.log(`\nFAILURE (${f.kind}) in ${f.corpus}/${f.file}\n${f.detail}${f.diff ? `\n${f.diff}` : ''}`);
    }
    const changed = results.flatMap((r) => (r.changedMessages ?? []).map((/** @type {any} */ m) => ({ ...m, corpus: r.corpus })));
    if (changed.length > 0) {
      console.log(`\n${changed.length} type error(s) that existed before the fixes now read differently (same file, and same code or line; not failures):`);
      const cut = (/** @type {string} */ text) => (text.length > 240 ? `${text.slice(0, 240)}...` : text);
      for (const m of changed) console.log(`  ${m.corpus}/${cut(m.before)}\n    now ${cut(m.after)}`);
    }
    for (const c of crashes) {
      console.log(`\nCRASH in ${c.corpus}/${c.file}${c.line ? `:${c.line}` : ''}${c.ruleId ? ` (rule ${c.ruleId})` : ''}\n${c.stack || c.message}`);
    }
    for (const r of died) console.log(`\nWORKER DIED on ${r.corpus}: ${r.died}\n${r.stack ?? r.stderr ?? ''}`);

    const cpu = results.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0);
    console.log(
      `\nTotal: ${seconds(wallMs)} wall with ${jobs} worker(s), ${seconds(cpu)} CPU in workers; ` +
        `${failures.length} failure(s), ${crashes.length} crash(es), ${died.length} dead worker(s).`,
    );
    failed = failures.length + crashes.length + died.length > 0;
    process.exitCode = failed ? 1 : 0;
  } finally {
    if (args.keep) console.log(`Fixed copy kept at ${tmpRoot}`);
    else await removeDir(tmpRoot);
  }
}

main().catch((error) => {
  console.error(`fix-check: ${error instanceof Error ? error.stack ?? error.message : error}`);
  process.exitCode = 2;
});
