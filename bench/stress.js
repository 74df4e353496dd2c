#!/usr/bin/env node
// Stress test: lints real code with every rule of the plugin (`configs.all`), type-aware, and fails
// when any rule throws or any file cannot be parsed. See bench/STRESS.md.
//
//   npm run stress                         build, then lint every corpus
//   node bench/stress.js --only openai,zod  some corpora only
//   node bench/stress.js --jobs 1           one corpus at a time (default: min(2, cores))
//
// Corpora: the TypeScript sources shipped by the SDK devDependencies (copied to a temporary folder),
// examples/, bench/stress-cases/ and tests/fixtures/. Findings go to bench/.out/stress-findings.json.
// Exit code: 0 when nothing crashed, 1 on a crash (rule exception, fatal parse error, dead worker),
// 2 when the run could not start (missing build or SDK sources).

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import {
  OUT_DIR,
  PLUGIN_ENTRY,
  REPO_ROOT,
  SDK_CORPORA,
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
  console.log(`Usage: node bench/stress.js [--only a,b] [--jobs N] [--batch N] [--max-old-space MB] [--keep]

  --only           corpora to lint (${[...SDK_CORPORA.map((c) => c.name), 'examples', 'stress-cases', 'fixtures'].join(', ')})
  --jobs           corpora linted in parallel, one process each (default ${defaultJobs()})
  --batch          files per ESLint.lintFiles call before falling back to one by one (default 40)
  --max-old-space  V8 heap limit of each worker in MB (default 6144)
  --plugin         the plugin module to load (default dist/index.js)
  --keep           keep the temporary copy of the SDK sources and print its path`);
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

  const tmpRoot = await makeTempRoot('stress');
  try {
    /** @type {import('./stress-common.js').Corpus[]} */
    const corpora = [];
    for (const sdk of SDK_CORPORA) if (wanted(sdk.name)) corpora.push(await copySdkCorpus(sdk, tmpRoot));
    corpora.push(...(await localCorpora({ fixtures: true })).filter((c) => wanted(c.name)));
    if (corpora.length === 0) throw new Error(`no corpus selected (--only ${args.only})`);

    console.log(`abort-signal stress: ${ruleNames.length} rule(s) from configs.all: ${ruleNames.join(', ')}`);
    console.log(`${corpora.length} corpora, ${corpora.reduce((n, c) => n + c.files.length, 0)} files, ${jobs} worker(s)\n`);

    const results = await runInWorkers(
      corpora.map((corpus) => ({ kind: 'lint', corpus, batchSize: Number(args.batch), pluginPath })),
      {
        jobs,
        maxOldSpaceMb: Number(args['max-old-space']),
        onDone: (r) => console.log(`  ${r.corpus}: ${r.died ? `DIED (${r.died})` : `${r.linted}/${r.files} files, ${r.findings.length} findings, ${r.crashes.length} crashes, ${seconds(r.wallMs)}`}`),
      },
    );
    const wallMs = performance.now() - started;

    // Findings with repository-relative paths (node_modules/<pkg>/src/... for the SDK copies).
    const findings = results.flatMap((r, i) =>
      (r.findings ?? []).map((/** @type {any} */ f) => ({ ...f, file: `${corpora[i].display}/${f.file}` })),
    );
    const crashes = results.flatMap((r, i) => (r.crashes ?? []).map((/** @type {any} */ c) => ({ ...c, file: `${corpora[i].display}/${c.file}` })));
    const died = results.filter((r) => r.died);

    console.log('\nCorpora');
    printTable(
      ['corpus', 'source', 'files', 'findings', 'crashes', 'lint wall', 'CPU', 'max RSS'],
      results.map((r, i) => [
        r.corpus,
        corpora[i].display + (corpora[i].version ? `@${corpora[i].version}` : ''),
        r.files ?? corpora[i].files.length,
        r.findings?.length ?? '-',
        r.died ? 'DIED' : r.crashes.length,
        r.wallMs === undefined ? '-' : seconds(r.wallMs),
        r.cpuMs === undefined ? '-' : seconds(r.cpuMs),
        r.maxRssMb === undefined ? '-' : `${r.maxRssMb} MB`,
      ]),
      2,
    );

    console.log('\nFindings per rule and corpus');
    const names = corpora.map((c) => c.name);
    const count = (/** @type {string} */ rule, /** @type {string} */ corpus) =>
      findings.filter((f) => f.rule === rule && f.corpus === corpus).length;
    printTable(
      ['rule', ...names, 'total'],
      [
        ...ruleNames.map((rule) => [rule, ...names.map((n) => count(rule, n)), findings.filter((f) => f.rule === rule).length]),
        ['(all rules)', ...names.map((n) => findings.filter((f) => f.corpus === n).length), findings.length],
      ],
    );
    const fixable = findings.filter((f) => f.fixable).length;
    const withSuggestions = findings.filter((f) => f.suggestions > 0).length;
    console.log(`\n${fixable} finding(s) with an autofix, ${withSuggestions} with suggestions.`);

    const notices = results.flatMap((r, i) => (r.notices ?? []).map((/** @type {any} */ n) => ({ ...n, file: `${corpora[i].display}/${n.file}` })));
    if (notices.length > 0) {
      console.log(`\n${notices.length} message(s) not from the plugin (first 10):`);
      for (const n of notices.slice(0, 10)) console.log(`  ${n.file}:${n.line} ${n.ruleId ?? ''} ${n.message}`);
    }

    await mkdir(OUT_DIR, { recursive: true });
    const outFile = path.join(OUT_DIR, 'stress-findings.json');
    await writeFile(
      outFile,
      JSON.stringify(
        {
          plugin: `${plugin.meta.name}@${plugin.meta.version}`,
          rules: ruleNames,
          corpora: results.map((r, i) => ({ name: r.corpus, source: corpora[i].display, version: corpora[i].version, files: r.files, wallMs: Math.round(r.wallMs ?? 0) })),
          crashes,
          findings: findings.map(({ corpus, file, line, column, rule, messageId, message, fixable, suggestions }) => ({
            corpus, file, line, column, rule, messageId, message, fixable, suggestions,
          })),
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nFindings written to ${path.relative(process.cwd(), outFile)}`);

    for (const c of crashes) {
      console.log(`\nCRASH in ${c.file}${c.line ? `:${c.line}` : ''}${c.ruleId ? ` (rule ${c.ruleId})` : ''}\n${c.stack || c.message}`);
    }
    for (const r of died) console.log(`\nWORKER DIED on ${r.corpus}: ${r.died}\n${r.stack ?? r.stderr ?? ''}`);

    const cpu = results.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0);
    console.log(
      `\nTotal: ${seconds(wallMs)} wall with ${jobs} worker(s), ${seconds(cpu)} CPU in workers; ${crashes.length} crash(es), ${died.length} dead worker(s).`,
    );
    if (args.keep) console.log(`Temporary copy kept at ${tmpRoot}`);
    process.exitCode = crashes.length + died.length > 0 ? 1 : 0;
  } finally {
    if (!args.keep) await removeDir(tmpRoot);
  }
}

main().catch((error) => {
  console.error(`stress: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
});
