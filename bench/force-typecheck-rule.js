// Bench-only ESLint rule: type-checks the whole file up front so that later rules are timed net of it.
//
// TypeScript checks a file lazily: the first call that needs a type (getTypeAtLocation,
// getResolvedSignature, ...) makes the checker resolve whatever it depends on, and ESLint's per-rule
// timing (`stats: true` or TIMING=1) charges that work to whichever rule asked first. Running this
// rule first makes the full check of the file (`program.getSemanticDiagnostics(sourceFile)`) land
// on `bench/force-typecheck`, so the times of the rules after it measure their own work.
//
// The check runs when the rule is created for a file. ESLint creates rules in the order of the
// merged `rules` object, and creates all of them before it traverses the AST, so a rule listed
// first is charged before any other rule's create() or `Program` listener can ask for types. The
// time of create() is included in the rule's time by ESLint's stats.
//
// The rule reports nothing. It counts files, distinct TypeScript programs and semantic
// diagnostics in `counters`, which the benchmark child process reads after linting.
//
// With `setTypecheckScope('program')`, the first file of each program checks every file of that
// program instead (declaration files are skipped, as with skipLibCheck). A rule that reads a
// declaration in a file not linted yet (the callee of an imported function) otherwise makes the
// checker resolve names and types of that file, which its own check later finds done: that work is
// type-checking too, charged to the rule in the per-file mode.
//
// It also samples the main thread's scheduler statistics (/proc/thread-self/schedstat on Linux:
// nanoseconds on CPU and nanoseconds waiting for a CPU) when each file starts, so that the child
// can tell how much of each file's wall time the thread actually ran (see lint-child.js), and it
// measures the on-CPU time of the type-check itself.

import { readFileSync } from 'node:fs';

/** @typedef {import('typescript').Program} Program */
/** @typedef {import('typescript').SourceFile} SourceFile */

export const counters = {
  /** Files the rule ran on. */
  files: 0,
  /** Distinct ts.Program objects seen (1 means every file shared one program and one checker). */
  programs: 0,
  /** Semantic diagnostics found (a generated corpus should have none). */
  diagnostics: 0,
  /** A few diagnostics, for the report. @type {{ file: string; line: number; message: string }[]} */
  samples: [],
  /** Main-thread on-CPU time of the type-checks, in ms (undefined without schedstat). @type {number | undefined} */
  typecheckCpuMs: undefined,
};

/**
 * Scheduler samples taken as each file starts: [file, on-CPU ns, run-queue wait ns].
 * @type {[string, number, number][]}
 */
export const fileSamples = [];

/**
 * Main-thread [on-CPU ns, run-queue wait ns], or undefined where /proc/thread-self/schedstat
 * does not exist. Must be called on the main thread.
 * @returns {[number, number] | undefined}
 */
export function threadSchedstat() {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return [Number(cpu), Number(wait)];
  } catch {
    return undefined;
  }
}

/** @type {WeakSet<Program>} */
const seenPrograms = new WeakSet();

/** @type {'file' | 'program'} */
let scope = 'file';

/**
 * What the rule checks when it is created for a file: that file, or (once per program) every file
 * of the program. Called by the benchmark child before linting.
 * @param {'file' | 'program'} value
 */
export function setTypecheckScope(value) {
  scope = value;
}

/** @param {import('typescript').DiagnosticMessageChain | string} text @returns {string} */
function flatten(text) {
  if (typeof text === 'string') return text;
  return [text.messageText, ...(text.next ?? []).map(flatten)].join(' ');
}

/** @type {import('eslint').Rule.RuleModule} */
export const forceTypecheckRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Benchmark only: type-check each file before any other rule runs' },
    schema: [],
  },
  create(context) {
    const services = /** @type {{ program?: Program | null; esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } }} */ (
      context.sourceCode.parserServices ?? {}
    );
    const program = services.program;
    if (!program) {
      throw new Error('bench/force-typecheck needs type information (parserOptions.projectService or project)');
    }
    const sourceFile =
      /** @type {SourceFile | undefined} */ (services.esTreeNodeToTSNodeMap?.get(context.sourceCode.ast)) ??
      program.getSourceFile(context.physicalFilename);
    if (!sourceFile) throw new Error(`bench/force-typecheck: no source file in the program for ${context.physicalFilename}`);

    const firstOfProgram = !seenPrograms.has(program);
    if (firstOfProgram) {
      seenPrograms.add(program);
      counters.programs++;
    }
    counters.files++;
    const before = threadSchedstat();
    if (before) fileSamples.push([context.physicalFilename, before[0], before[1]]);
    if (scope === 'program' && firstOfProgram) {
      for (const file of program.getSourceFiles()) if (!file.isDeclarationFile) program.getSemanticDiagnostics(file);
    }
    const all = program.getSemanticDiagnostics(sourceFile);
    const after = before && threadSchedstat();
    if (before && after) counters.typecheckCpuMs = (counters.typecheckCpuMs ?? 0) + (after[0] - before[0]) / 1e6;
    // parserOptions.project turns on noUnusedLocals/noUnusedParameters in typescript-estree's
    // program; "declared but never read" (reportsUnnecessary) is not a type error of the corpus.
    const diagnostics = all.filter((d) => !(/** @type {{ reportsUnnecessary?: unknown }} */ (d).reportsUnnecessary));
    counters.diagnostics += diagnostics.length;
    for (const d of diagnostics) {
      if (counters.samples.length >= 5) break;
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      counters.samples.push({ file: d.file?.fileName ?? context.physicalFilename, line, message: flatten(d.messageText) });
    }
    return {};
  },
};

export const RULE_ID = 'bench/force-typecheck';

/** ESLint plugin object holding the rule, registered under the `bench` prefix. */
export const benchPlugin = {
  meta: { name: 'bench', version: '0.0.0' },
  rules: { 'force-typecheck': forceTypecheckRule },
};

export default benchPlugin;
