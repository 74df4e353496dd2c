import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import {
  findCallSlot,
  getCallSignature,
  getSlotStatus,
  getSlotValue,
  getWorkSignature,
  hasNoSignalParameter,
} from '../../src/util/signalSlots.js';
import { getSignalTypes } from '../../src/util/signalTypes.js';
import { analyze, nth, recordCalls, type Analysis } from './harness.js';

/** The last call (or `new`) in the code that stands as a statement of its own. */
function lastCallStatement(analysis: Analysis): TSESTree.CallExpression | TSESTree.NewExpression {
  const calls = [...(analysis.nodes.get('CallExpression') ?? []), ...(analysis.nodes.get('NewExpression') ?? [])].filter(
    (node) => node.parent?.type === AST_NODE_TYPES.ExpressionStatement,
  );
  // Statements do not nest in one another's expressions: the last to start is the last.
  const last = calls.reduce((a, b) => (b.range[0] > a.range[0] ? b : a));
  return last as TSESTree.CallExpression | TSESTree.NewExpression;
}

/** Slot, status and value of the last call statement in the code. */
function inspectLastCall(code: string, fixture: 'dom' | 'node' = 'dom') {
  return analyze(code, fixture, (analysis) => {
    const call = lastCallStatement(analysis);
    const slot = findCallSlot(analysis.services, call);
    if (slot === undefined) return undefined;
    const status = getSlotStatus(analysis.services, call, slot);
    const value = getSlotValue(call, slot);
    return {
      index: slot.index,
      path: slot.path,
      fromOtherOverload: slot.fromOtherOverload,
      status: status.kind,
      value: value === undefined ? undefined : analysis.sourceCode.getText(value),
    };
  });
}

describe('findCallSlot', () => {
  it.each([
    ["fetch('/a')", { index: 1, path: ['signal'] }],
    ['declare function f(a: string, s?: AbortSignal): Promise<void>;\nf("a")', { index: 1, path: [] }],
    ['declare function f(o: { config?: { abortSignal?: AbortSignal } }): Promise<void>;\nf({})', { index: 0, path: ['config', 'abortSignal'] }],
    ["import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ model: 'm', messages: [] })", { index: 1, path: ['signal'] }],
    ["import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\ngenerateText({ model: openai('m'), prompt: 'p' })", { index: 0, path: ['abortSignal'] }],
  ])('%s', (code, expected) => {
    expect(inspectLastCall(code)).toMatchObject(expected);
  });

  it.each([
    'declare function f(a: string): Promise<void>;\nf("a")',
    'declare function f(...s: AbortSignal[]): Promise<void>;\nf()',
    'declare function f(a: string): Promise<void>;\n/** @deprecated */\ndeclare function f(a: string, s?: AbortSignal): Promise<void>;\nf("a")',
    'declare function f(o: any): Promise<void>;\nf({})',
    'declare const f: any;\nf()',
  ])('no slot: %s', (code) => {
    expect(inspectLastCall(code)).toBeUndefined();
  });

  it('keeps the slot of a callee whose only signature is deprecated', () => {
    const code = '/** @deprecated Use g. */\ndeclare function f(s?: AbortSignal): Promise<void>;\nf()';
    expect(inspectLastCall(code)).toMatchObject({ index: 0, path: [] });
  });

  it('skips syntactically plain parameters but still finds a slot after them', () => {
    const code = 'declare function f(a: string | number, b: (x: string) => void, c: string[], o?: { signal?: AbortSignal }): Promise<void>;\nf("a", () => {}, [])';
    expect(inspectLastCall(code)).toMatchObject({ index: 3, path: ['signal'] });
  });

  it('does not look at instantiations of a generic interface whose parameters do not use its type parameters', () => {
    const code = 'interface Box<T> { run(task: (value: T) => void, options?: { retries?: number }): Promise<void> }\ndeclare const b: Box<{ signal: AbortSignal }>;\nb.run(() => {})';
    expect(inspectLastCall(code)).toBeUndefined();
  });

  it('looks at another overload that accepts the same arguments plus a signal', () => {
    const code = 'declare function f(a: string): Promise<void>;\ndeclare function f(a: string, o: { signal?: AbortSignal }): Promise<void>;\nf("a")';
    expect(inspectLastCall(code)).toMatchObject({ index: 1, path: ['signal'], fromOtherOverload: true });
  });

  it('prefers a signal beside an options bag that holds one deeper', () => {
    const code = 'declare function f(o?: { fetchOptions?: { signal?: AbortSignal }; headers?: Record<string, string>; signal?: AbortSignal }): Promise<void>;\nf()';
    expect(inspectLastCall(code)).toMatchObject({ index: 0, path: ['signal'] });
    const nested = 'declare function f(o?: { fetchOptions?: { signal?: AbortSignal }; retries?: number }): Promise<void>;\nf()';
    expect(inspectLastCall(nested)).toMatchObject({ index: 0, path: ['fetchOptions', 'signal'] });
  });

  it('finds a slot behind the type parameter of a generic class', () => {
    const code = 'declare class Runnable<O extends { signal?: AbortSignal }> { invoke(input: string, options?: Partial<O>): Promise<string> }\ndeclare const r: Runnable<{ signal?: AbortSignal; tags?: string[] }>;\nr.invoke("x")';
    expect(inspectLastCall(code)).toMatchObject({ index: 1, path: ['signal'] });
  });
});

describe('getSlotStatus and getSlotValue', () => {
  it.each([
    ["fetch('/a')", 'missingArgument', undefined],
    ["fetch('/a', {})", 'missingProperty', undefined],
    ["fetch('/a', { method: 'GET' })", 'missingProperty', undefined],
    ["declare const s: AbortSignal;\nfetch('/a', { signal: s })", 'given', 's'],
    ["fetch('/a', { signal: undefined })", 'given', 'undefined'],
    ["fetch('/a', undefined)", 'given', undefined],
    ["declare const init: RequestInit;\nfetch('/a', init)", 'given', undefined],
    ["declare const init: { method: string };\nfetch('/a', init)", 'missingInValue', undefined],
    ["declare const init: RequestInit;\nfetch('/a', { ...init })", 'unknown', undefined],
    ["declare const init: { method: string };\nfetch('/a', { ...init })", 'missingProperty', undefined],
    ["declare const init: any;\nfetch('/a', init)", 'unknown', undefined],
    ["declare const k: string;\nfetch('/a', { [k]: 1 })", 'unknown', undefined],
    ["declare const s: AbortSignal;\nfetch('/a', { signal: s } as RequestInit)", 'given', 's'],
    ['declare function f(o: { config?: { abortSignal?: AbortSignal } }): Promise<void>;\nf({ config: {} })', 'missingProperty', undefined],
    ['declare function f(o: { config?: { abortSignal?: AbortSignal } }): Promise<void>;\ndeclare const s: AbortSignal;\nf({ config: { abortSignal: s } })', 'given', 's'],
  ])('%s → %s', (code, status, value) => {
    expect(inspectLastCall(code)).toMatchObject({ status, value });
  });
});

describe('getWorkSignature', () => {
  /** Is the last call statement in the code kept for the declaration questions? */
  function isKept(code: string): boolean {
    return analyze(code, 'node', (analysis) => {
      const types = getSignalTypes(analysis.services.program.getTypeChecker());
      return getWorkSignature(analysis.services, types, lastCallStatement(analysis)) !== undefined;
    });
  }

  it.each([
    "fetch('/a')",
    'declare function f(o: { signal?: AbortSignal }): { text: string };\nf({})',
    "import OpenAI from 'openai';\nnew OpenAI().models.list()",
    'new Promise<void>((resolve) => resolve())',
  ])('kept: %s', (code) => {
    expect(isKept(code)).toBe(true);
  });

  it.each([
    // About the signal itself.
    'AbortSignal.timeout(1000)',
    // A spread argument cannot be judged.
    'declare function f(...a: unknown[]): Promise<void>;\nconst args: unknown[] = [];\nf(...args)',
    // A primitive or `void` result is no work to cancel.
    'JSON.stringify({ a: 1 })',
    'declare function f(signal?: AbortSignal): void;\nf()',
    // A constructor that makes no promise configures a client.
    "import OpenAI from 'openai';\nnew OpenAI({ apiKey: 'k' })",
  ])('dropped: %s', (code) => {
    expect(isKept(code)).toBe(false);
  });
});

describe('hasNoSignalParameter', () => {
  /** Answer for the last call statement in the code. */
  function noSignalParameter(code: string): boolean {
    return analyze(code, 'dom', (analysis) => {
      const signature = getCallSignature(analysis.services, lastCallStatement(analysis))!;
      return hasNoSignalParameter(analysis.services.program.getTypeChecker(), signature);
    });
  }

  it.each([
    'function f(text: string, size = 1000, overlap = -1, label = `x`) { return text; }\nf("a")',
    'function f<T>(items: T[], pick: (item: T) => boolean, value: T) { return items; }\nf([1], () => true, 1)',
    'function f(vars: Readonly<Record<string, string | number>>, level: keyof typeof levels) { return vars; }\nconst levels = { info: 1 };\nf({}, "info")',
    'function f(...signals: AbortSignal[]) { return signals; }\nf()',
    // A static method of the same name is another member, not an overload.
    'class C { static run(signal?: AbortSignal) { return signal; } run(id: string) { return id; } }\nnew C().run("a")',
    // zod's parameters (`Flatten<Partial<Omit<T["_zod"]["def"], …>>>`) are read through mapped
    // types and literal-key indexed access down to the schema's definition.
    "import { z } from 'zod';\nz.string({ error: 'required' })",
    "import { z } from 'zod';\nz.string().max(5)",
    "import { z } from 'zod';\nz.object({ id: z.number() })",
  ])('true: %s', (code) => {
    expect(noSignalParameter(code)).toBe(true);
  });

  it.each([
    'function f(text: string, signal?: AbortSignal) { return text; }\nf("a")',
    'function f(text: string): string;\nfunction f(text: string, signal: AbortSignal): string;\nfunction f(text: string, signal?: AbortSignal) { return text + String(signal); }\nf("a")',
    'function f(text: string, options = {}) { return text; }\nf("a")',
    'function f(text: string, options) { return text; }\nf("a")',
    'function f<O extends { signal?: AbortSignal }>(options: O) { return options; }\nf({})',
    'class Box<T> { put(value: T) { return value; } }\nnew Box<{ signal: AbortSignal }>().put({ signal: AbortSignal.timeout(1) })',
  ])('false: %s', (code) => {
    expect(noSignalParameter(code)).toBe(false);
  });

  it('reads the last parameter first, and no earlier one once it may hold a signal', () => {
    // `fs.promises.writeFile(file, data, options)`: `data`'s typed arrays and streams are never read.
    const code =
      'interface Payload { bytes: Uint8Array }\ninterface Options { signal?: AbortSignal }\n' +
      'declare function write(data: Payload, options?: Options): Promise<void>;\nwrite({ bytes: new Uint8Array() })';
    const resolved = analyze(code, 'dom', (analysis) => {
      const call = nth<TSESTree.CallExpression>(analysis, AST_NODE_TYPES.CallExpression, 0);
      const signature = getCallSignature(analysis.services, call)!;
      const names: string[] = [];
      const checker = recordCalls(analysis.services.program.getTypeChecker(), ['getSymbolAtLocation'], names, (node: ts.Node) => node.getText());
      expect(hasNoSignalParameter(checker, signature)).toBe(false);
      return names;
    });
    expect(resolved).toContain('Options');
    expect(resolved).not.toContain('Payload');
  });
});

describe('caching', () => {
  it('answers a non-generic signature from its declaration', () => {
    analyze('declare function f(s?: AbortSignal): Promise<void>;\nf();\nf();', 'dom', (analysis) => {
      const first = findCallSlot(analysis.services, nth<TSESTree.CallExpression>(analysis, AST_NODE_TYPES.CallExpression, 0));
      const second = findCallSlot(analysis.services, nth<TSESTree.CallExpression>(analysis, AST_NODE_TYPES.CallExpression, 1));
      expect(first?.path).toBe(second?.path);
    });
  });
});

describe('answers per program', () => {
  /**
   * Programs over in-memory files that hand out the same syntax tree for a file whose
   * text did not change, as an editor and the project service do.
   */
  function createPrograms(files: Map<string, string>) {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      strict: true,
      noEmit: true,
    };
    const host = ts.createCompilerHost(options);
    const readLib = host.getSourceFile.bind(host);
    const trees = new Map<string, ts.SourceFile>();
    host.getSourceFile = (fileName, languageVersion) => {
      const text = files.get(fileName);
      const key = `${fileName}\0${text ?? ''}`;
      let tree = trees.get(key);
      if (tree === undefined) {
        tree = text === undefined ? readLib(fileName, languageVersion) : ts.createSourceFile(fileName, text, languageVersion, true);
        if (tree !== undefined) trees.set(key, tree);
      }
      return tree;
    };
    host.fileExists = (fileName) => files.has(fileName) || ts.sys.fileExists(fileName);
    host.directoryExists = (directory) => [...files.keys()].some((fileName) => fileName.startsWith(`${directory}/`)) || ts.sys.directoryExists(directory);
    host.readFile = (fileName) => files.get(fileName) ?? ts.sys.readFile(fileName);
    return (oldProgram?: ts.Program) => ts.createProgram([...files.keys()], options, host, oldProgram);
  }

  /** The resolved signature of the last statement's call in `file`. */
  function lastCallSignature(program: ts.Program, file: string): ts.Signature {
    const statement = program.getSourceFile(file)!.statements.at(-1) as ts.ExpressionStatement;
    return program.getTypeChecker().getResolvedSignature(statement.expression as ts.CallExpression)!;
  }

  it('reads a declaration again in a program where its names resolve to other declarations', () => {
    const options = '/project/options.ts';
    const client = '/project/client.ts';
    const files = new Map([
      [options, 'export interface Options { retries?: number }'],
      [client, "import type { Options } from './options';\nexport declare function send(options: Options): Promise<void>;\nsend({});"],
    ]);
    const createProgram = createPrograms(files);
    const first = createProgram();
    expect(ts.getPreEmitDiagnostics(first)).toEqual([]);
    expect(hasNoSignalParameter(first.getTypeChecker(), lastCallSignature(first, client))).toBe(true);

    files.set(options, 'export interface Options { retries?: number; signal?: AbortSignal }');
    const second = createProgram(first);
    // The declaration of `send` is the same node in both programs.
    expect(second.getSourceFile(client)).toBe(first.getSourceFile(client));
    expect(hasNoSignalParameter(second.getTypeChecker(), lastCallSignature(second, client))).toBe(false);
  });
});
