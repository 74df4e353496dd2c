#!/usr/bin/env node
// How much of require-signal's first look at a declaration is waiting for memory.
//
//   npm run build && node bench/cold-reads.js            # 1x corpus, 4 reported rounds
//   node bench/cold-reads.js --rounds 6 --sweep-mb 128    # more rounds, a larger sweep
//   node bench/cold-reads.js --dist path/to/dist          # another build of the plugin
//
// Each round builds a fresh program over the 1x corpus (the parsed files are reused, so only the
// checker is new, and with it every cache of the plugin), type-checks every file, then asks
// `hasNoSignalParameter` (the declaration reading that drops most calls) for every call the rule
// asks it for, in source order. Even rounds (2, 4, …) first sweep a buffer larger than the CPU's
// last-level cache before each call, a stand-in for what type-checking and linting the next file
// does to the caches; odd rounds do not. Only the calls are timed (wall clock), not the sweeps. A
// first round, not reported, compiles the plugin's code.

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { corpusDir, generateCorpus } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    'sweep-mb': { type: 'string', default: '64' },
    dist: { type: 'string', default: path.join(here, '..', 'dist') },
  },
});
const rounds = Number(args.rounds);
const sweepMb = Number(args['sweep-mb']);
if (!Number.isInteger(rounds) || rounds < 2) throw new Error('--rounds must be an integer of at least 2');
if (!(sweepMb > 0)) throw new Error('--sweep-mb must be a positive number');

const dist = path.resolve(args.dist);
const { getSignalTypes, isNeverWork } = await import(pathToFileURL(path.join(dist, 'util/signalTypes.js')).href);
const { hasNoSignalParameter } = await import(pathToFileURL(path.join(dist, 'util/signalSlots.js')).href);

await generateCorpus({ scale: 1 });
const dir = corpusDir(1);
const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic(diagnostic) {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
if (parsed === undefined) throw new Error(`cannot read ${path.join(dir, 'tsconfig.json')}`);

// One host for every round: the files are parsed once, each program gets a new checker.
const host = ts.createCompilerHost(parsed.options);
const sourceFiles = new Map();
const readSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, languageVersion) => {
  if (!sourceFiles.has(fileName)) sourceFiles.set(fileName, readSourceFile(fileName, languageVersion));
  return sourceFiles.get(fileName);
};

// Written once, so that every page is backed by its own memory (an untouched page would be the
// kernel's shared zero page, and reading it would sweep nothing).
const buffer = new Float64Array(Math.floor((sweepMb * 1024 * 1024) / 8)).fill(1);
let checksum = 0;
function sweep() {
  // One read per 64-byte line.
  for (let index = 0; index < buffer.length; index += 8) checksum += buffer[index];
}

/**
 * `AbortSignal.any()`, `new AbortController()`: calls about the signal itself, which the rule skips on
 * syntax. The same test as `isSignalFactoryCall` in src/util/callContext.ts, on TypeScript's syntax tree
 * instead of ESTree: keep the two alike.
 */
function isSignalFactoryCall(node) {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'AbortController' || callee.text === 'AbortSignal';
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'AbortSignal';
}

/**
 * The calls the rule asks `hasNoSignalParameter` about, in the order of its checks: not a signal
 * factory, no spread argument, a resolved signature, not `never work`, and `new` only for a promise.
 */
function collectSignatures(files, checker) {
  const types = getSignalTypes(checker);
  const signatures = [];
  const visit = (node) => {
    if (
      (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
      !isSignalFactoryCall(node) &&
      !(node.arguments ?? []).some(ts.isSpreadElement)
    ) {
      const signature = checker.getResolvedSignature(node);
      const returnType = signature && checker.getReturnTypeOfSignature(signature);
      if (
        signature !== undefined &&
        !isNeverWork(returnType) &&
        !(ts.isNewExpression(node) && !types.isPromiseOrAsyncIterable(returnType))
      ) {
        signatures.push(signature);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) visit(file);
  return signatures;
}

const rootNames = new Set(parsed.fileNames.map((fileName) => path.resolve(fileName)));

console.log(`hasNoSignalParameter over every call of the 1x corpus; a fresh checker per round; sweep ${sweepMb} MB; wall-clock ms`);
// Round 0 compiles the plugin's code and is not reported.
for (let round = 0; round <= rounds; round++) {
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((file) => rootNames.has(path.resolve(file.fileName)));
  for (const file of files) program.getSemanticDiagnostics(file);
  const signatures = collectSignatures(files, checker);
  if (signatures.length === 0) throw new Error(`no call to measure in ${dir}`);
  const cold = round > 0 && round % 2 === 0;
  const declarations = new Set();
  // First look at a declaration, and a call whose declaration was read before (a cache hit).
  let first = 0;
  let repeat = 0;
  for (const signature of signatures) {
    if (cold) sweep();
    const declaration = signature.getDeclaration();
    const start = performance.now();
    hasNoSignalParameter(checker, signature);
    const time = performance.now() - start;
    if (declarations.has(declaration)) {
      repeat += time;
    } else {
      first += time;
      declarations.add(declaration);
    }
  }
  if (round === 0) continue;
  const label = cold ? 'caches swept before each call' : 'caches left warm             ';
  const ms = (value) => value.toFixed(1).padStart(6);
  console.log(
    `round ${round}: ${label}  ${ms(first + repeat)} ms = ${ms(first)} for ${declarations.size} first looks + ${ms(repeat)} for ${signatures.length - declarations.size} repeats`,
  );
}
// Read, so that the sweeps stay in the program.
if (checksum < 0) console.log(checksum);
