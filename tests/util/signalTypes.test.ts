import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { getSignalTypes, hasGlobalAbortSignal, isNeverWork } from '../../src/util/signalTypes.js';
import { analyze, nth, recordCalls, type Analysis } from './harness.js';

/** The type of the `index`-th parameter of the first function in the code. */
function parameterType(analysis: Analysis, index = 0) {
  const fn = nth<TSESTree.FunctionDeclaration>(analysis, AST_NODE_TYPES.FunctionDeclaration);
  return analysis.services.getTypeAtLocation(fn.params[index]!);
}

/**
 * The calls of `methods` that `inspect` makes through the signal type helpers of
 * `code`'s program (in the DOM fixture), each as `describe` makes it.
 */
function callsMade(
  code: string,
  methods: readonly (keyof ts.TypeChecker)[],
  inspect: (types: ReturnType<typeof getSignalTypes>, analysis: Analysis) => void,
  describe?: (argument: never, method: string) => string,
): string[] {
  return analyze(code, 'dom', (analysis) => {
    const calls: string[] = [];
    inspect(getSignalTypes(recordCalls(analysis.services.program.getTypeChecker(), methods, calls, describe)), analysis);
    return calls;
  });
}

function withTypes<T>(code: string, inspect: (types: ReturnType<typeof getSignalTypes>, analysis: Analysis) => T, fixture: 'dom' | 'node' | 'bare' = 'dom'): T {
  return analyze(code, fixture, (analysis) => inspect(getSignalTypes(analysis.services.program.getTypeChecker()), analysis));
}

describe('isSignalLike', () => {
  it.each([
    ['AbortSignal', true],
    ['AbortSignal | undefined', true],
    ['AbortSignal | null', true],
    ['{ readonly aborted: boolean; onabort: (() => void) | null }', true],
    ['{ aborted: boolean }', false],
    ['AbortController', false],
    ['any', false],
    ['unknown', false],
    ['string', false],
    ['never', false],
  ])('%s → %s', (type, expected) => {
    expect(withTypes(`function f(x: ${type}) {}`, (types, analysis) => types.isSignalLike(parameterType(analysis)))).toBe(expected);
  });

  it('recognises the @types/node signal', () => {
    expect(withTypes('function f(x: AbortSignal) {}', (types, analysis) => types.isSignalLike(parameterType(analysis)), 'node')).toBe(true);
  });
});

describe('isControllerLike', () => {
  it.each([
    ['AbortController', true],
    ['{ signal: AbortSignal; abort(): void }', true],
    ['{ signal: AbortSignal }', false],
    ['AbortSignal', false],
  ])('%s → %s', (type, expected) => {
    expect(withTypes(`function f(x: ${type}) {}`, (types, analysis) => types.isControllerLike(parameterType(analysis)))).toBe(expected);
  });
});

describe('findSignalPath', () => {
  it.each([
    ['AbortSignal', 3, []],
    ['Request', 3, ['signal']],
    ['{ signal?: AbortSignal }', 1, ['signal']],
    ['{ config?: { abortSignal?: AbortSignal } }', 2, ['config', 'abortSignal']],
    ['{ config?: { abortSignal?: AbortSignal } }', 1, undefined],
    ['{ req: { raw: Request } }', 3, ['req', 'raw', 'signal']],
    ['{ a: { b: { c: { signal: AbortSignal } } } }', 3, undefined],
    ['{ name: string; run(): void }', 3, undefined],
    // The shortest path wins.
    ['{ deep: { signal: AbortSignal }; signal: AbortSignal }', 3, ['signal']],
    // Tuple elements are positions, not options.
    ['{ 0: string; 1: { signal?: AbortSignal } }', 2, undefined],
    // `never` (openai's `fetchOptions.signal`) is no slot.
    ['{ fetchOptions?: { signal?: never } }', 2, undefined],
  ] as const)('%s (depth %d) → %j', (type, depth, expected) => {
    expect(withTypes(`function f(x: ${type}) {}`, (types, analysis) => types.findSignalPath(parameterType(analysis), depth))).toEqual(expected);
  });

  it('skips private members unless asked', () => {
    const code = 'class Job { private controller = new AbortController(); }\nfunction f(x: Job) {}';
    expect(withTypes(code, (types, analysis) => types.findSignalPath(parameterType(analysis), 2))).toBeUndefined();
    expect(withTypes(code, (types, analysis) => types.findSignalPath(parameterType(analysis), 2, { includePrivate: true }))).toEqual(['controller', 'signal']);
  });

  it('skips deprecated members when asked', () => {
    const code = 'interface Options {\n  /** @deprecated */\n  fetchOptions?: { signal?: AbortSignal };\n}\nfunction f(x: Options) {}';
    expect(withTypes(code, (types, analysis) => types.findSignalPath(parameterType(analysis), 2, { skipDeprecated: true }))).toBeUndefined();
    expect(withTypes(code, (types, analysis) => types.findSignalPath(parameterType(analysis), 2))).toEqual(['fetchOptions', 'signal']);
  });

  // `Merged` is built from `infer`, so only its type can tell whether it is a signal.
  const merged = 'declare function init(): { signal?: AbortSignal | null; priority?: string };\ntype Merged = ReturnType<typeof init>;';

  it('takes a property declared `AbortSignal` before typing a sibling that only its type can settle', () => {
    const code = `${merged}\ninterface Options { fetchOptions?: Merged; signal?: AbortSignal | null }\nfunction f(x: Options) {}`;
    const typed = callsMade(
      code,
      ['getTypeOfSymbol'],
      (types, analysis) => { expect(types.findSignalPath(parameterType(analysis), 2)).toEqual(['signal']); },
      (symbol: ts.Symbol) => symbol.name,
    );
    expect(typed).toContain('signal');
    expect(typed).not.toContain('fetchOptions');
  });

  it('reads no sibling declared before a property declared `AbortSignal`', () => {
    // openai's `RequestOptions`: `headers` and `fetchOptions` come before `signal`.
    const code =
      'interface Headers2 { get(name: string): string }\ntype HeadersLike = Headers2 | Record<string, string>;\n' +
      'interface Options { headers?: HeadersLike; signal?: AbortSignal | null }\nfunction f(x: Options) {}';
    const resolved = callsMade(
      code,
      ['getSymbolAtLocation'],
      (types, analysis) => { expect(types.findSignalPath(parameterType(analysis), 2)).toEqual(['signal']); },
      (node: ts.Node) => node.getText(),
    );
    expect(resolved).toContain('AbortSignal');
    expect(resolved).not.toContain('HeadersLike');
  });

  it.each([
    // Undecided siblings are still typed, in declaration order, when no property is declared a signal.
    ['{ fetchOptions?: Merged; timeout?: number }', ['fetchOptions', 'signal']],
    ['{ first?: ReturnType<() => AbortSignal>; second?: ReturnType<() => AbortSignal> }', ['first']],
    ['{ first?: ReturnType<() => AbortSignal>; signal?: AbortSignal }', ['signal']],
  ])('still finds what only the type can settle: %s → %j', (type, expected) => {
    const code = `${merged}\nfunction f(x: ${type}) {}`;
    expect(withTypes(code, (types, analysis) => types.findSignalPath(parameterType(analysis), 2))).toEqual(expected);
  });

  it('answers from its cache the second time', () => {
    withTypes('function f(x: Request) {}', (types, analysis) => {
      const type = parameterType(analysis);
      expect(types.findSignalPath(type, 3)).toBe(types.findSignalPath(type, 3));
    });
  });
});

describe('isPromiseOrAsyncIterable', () => {
  const classes = [
    'class Task extends Promise<string> {}',
    'class Lines { async *[Symbol.asyncIterator]() { yield ""; } }',
    'class Base { id = 1; close(): void {} }',
    'class Schema extends Base { parse(input: unknown): string { return String(input); } }',
    // A class extends what the constructor value returns, not the same-named interface.
    'interface Shape { id: number }',
    'declare const Shape: new () => Shape & PromiseLike<number>;',
    'class Job extends Shape {}',
  ].join('\n');

  it.each([
    ['Task', true],
    ['Lines', true],
    ['Job', true],
    ['Schema', false],
    ['Map<string, number>', false],
  ])('%s → %s', (type, expected) => {
    const code = `${classes}\nfunction f(x: ${type}) {}`;
    expect(withTypes(code, (types, analysis) => types.isPromiseOrAsyncIterable(parameterType(analysis)))).toBe(expected);
  });

  it('rules out a class from its declarations before its members are resolved', () => {
    const asked = callsMade(`${classes}\nfunction f(x: Schema) {}`, ['getPropertyOfType', 'getPropertiesOfType'], (types, analysis) => { expect(types.isPromiseOrAsyncIterable(parameterType(analysis))).toBe(false); },
    );
    expect(asked).toEqual([]);
  });
});

describe('isWorkResult', () => {
  it.each([
    ['Promise<string>', true],
    ['AsyncIterable<string>', true],
    ['{ textStream: AsyncIterable<string>; toResponse(): Response }', true],
    ['{ send(): Promise<void> }', false],
    ['void', false],
    ['string', false],
  ])('%s → %s', (type, expected) => {
    expect(withTypes(`function f(x: ${type}) {}`, (types, analysis) => types.isWorkResult(parameterType(analysis)))).toBe(expected);
  });

  it.each([
    ['Run<string>', true],
    ['Settings<string>', false],
    ['Box<string>', false],
    ['Box<Promise<string>>', false],
  ])('reads instantiations off their generic declaration: %s → %s', (type, expected) => {
    const declarations = [
      'type Run<T> = { textStream: AsyncIterable<T> } & { label: string };',
      'type Settings<T> = { value: T } & { label: string };',
      'interface Box<T> { value: T; label: string }',
    ].join('\n');
    const code = `${declarations}\nfunction f(x: ${type}) {}`;
    expect(withTypes(code, (types, analysis) => types.isWorkResult(parameterType(analysis)))).toBe(expected);
  });

  const streams = [
    'interface Chunks extends AsyncIterable<string> { id: string }',
    'class Lines { async *[Symbol.asyncIterator]() { yield ""; } }',
    'type Events = AsyncIterable<string> & { close(): void };',
    'interface Plain { id: string; [Symbol.iterator](): Iterator<string> }',
    'type Schema = Plain | { kind: "schema" };',
    'type Callback<A> = A extends string ? (text: A) => Promise<void> : () => Promise<void>;',
  ].join('\n');

  it.each([
    ['{ chunks: Chunks }', true],
    ['{ lines: Lines | undefined }', true],
    ['{ events: Events }', true],
    ['{ plain: Plain; schema: Schema; more?: Plain }', false],
    ['{ handler: Callback<string> }', false],
    // Only the branch the condition picks counts.
    ["{ data: 'json' extends 'stream' ? AsyncIterable<string> : string }", false],
    ["{ data: 'stream' extends 'stream' ? AsyncIterable<string> : string }", true],
  ])('reads data properties from their declared types: %s → %s', (type, expected) => {
    const code = `${streams}\nfunction f(x: ${type}) {}`;
    expect(withTypes(code, (types, analysis) => types.isStreamResult(parameterType(analysis)))).toBe(expected);
  });

  it('settles properties typed by interfaces and aliases without building their types', () => {
    const code = `${streams}\nfunction f(x: { plain: Plain; schema: Schema; more?: Plain; handler: Callback<string> }) {}`;
    const asked = callsMade(code, ['getTypeOfSymbol'], (types, analysis) => { expect(types.isStreamResult(parameterType(analysis))).toBe(false); },
    );
    expect(asked).toEqual([]);
  });
});

describe('isNeverWork', () => {
  it.each([
    ['string', true],
    ['void', true],
    ['any', true],
    ['string | undefined', true],
    ["'a' | 'b' | null", true],
    ['Promise<string> | undefined', false],
    ['{ then(): void }', false],
    ['unknown[]', false],
  ])('%s → %s', (type, expected) => {
    expect(withTypes(`function f(x: ${type}) {}`, (_types, analysis) => isNeverWork(parameterType(analysis)))).toBe(expected);
  });
});

describe('isStreamLike', () => {
  it.each([
    ['Readable', true],
    ['ReadableStream<string>', true],
    ['Sink<string> | undefined', true],
    ['Box<string>', false],
    ['Promise<Readable>', false],
    ['{ pipe: string }', false],
  ])('%s → %s', (type, expected) => {
    const declarations = [
      "import { Readable } from 'node:stream';",
      'interface Sink<T> { pipeTo(destination: T): Promise<void> }',
      'interface Box<T> { value: T; pipeline: T[] }',
    ].join('\n');
    const code = `${declarations}\nexport function f(x: ${type}) {}`;
    expect(withTypes(code, (types, analysis) => types.isStreamLike(parameterType(analysis)), 'node')).toBe(expected);
  });
});

describe('hasGlobalAbortSignal', () => {
  it.each([
    ['dom', true],
    ['node', true],
    ['bare', false],
  ] as const)('%s fixture → %s', (fixture, expected) => {
    expect(analyze('export {};', fixture, ({ services }) => hasGlobalAbortSignal(services.program))).toBe(expected);
  });
});

describe('mayHoldSignal', () => {
  /** The declared type node of the first parameter of the function `f` in the code. */
  function holds(code: string, depth: number, fixture: 'dom' | 'node' = 'dom'): boolean {
    return withTypes(
      code,
      (types, analysis) => {
        const fn = nth<TSESTree.FunctionDeclaration>(analysis, AST_NODE_TYPES.FunctionDeclaration);
        const parameter = fn.params[0] as TSESTree.Identifier;
        const node = analysis.services.esTreeNodeToTSNodeMap.get(parameter.typeAnnotation!.typeAnnotation);
        return types.mayHoldSignal(node as Parameters<typeof types.mayHoldSignal>[0], depth);
      },
      fixture,
    );
  }

  it.each([
    ['AbortSignal', 0, true],
    ['{ signal?: AbortSignal }', 1, true],
    ['{ signal?: AbortSignal }', 0, false],
    ['{ config: { abortSignal?: AbortSignal } }', 2, true],
    ['{ config: { abortSignal?: AbortSignal } }', 1, false],
    ['{ model: string; messages: string[]; temperature?: number }', 2, false],
    ['string | { retries: number }', 2, false],
    ['{ [Symbol.iterator](): Iterator<number>; size: number }', 2, false],
  ])('%s within %i → %s', (type, depth, expected) => {
    expect(holds(`function f(x: ${type}) {}`, depth)).toBe(expected);
  });

  it('is settled by a member declared `AbortSignal` before an earlier sibling is read', () => {
    const code = 'type Merged = import("./unread").Init;\ninterface Options { fetchOptions?: Merged; signal?: AbortSignal }\nfunction f(x: Options) {}';
    const resolved = callsMade(
      code,
      ['getSymbolAtLocation'],
      (types, analysis) => {
        const fn = nth<TSESTree.FunctionDeclaration>(analysis, AST_NODE_TYPES.FunctionDeclaration);
        const parameter = fn.params[0] as TSESTree.Identifier;
        const node = analysis.services.esTreeNodeToTSNodeMap.get(parameter.typeAnnotation!.typeAnnotation) as ts.TypeNode;
        expect(types.mayHoldSignal(node, 2)).toBe(true);
      },
      (node: ts.Node) => node.getText(),
    );
    expect(resolved).toContain('Options');
    expect(resolved).not.toContain('Merged');
  });

  it('follows interfaces, their bases and type aliases', () => {
    const declarations = [
      'interface Base { signal?: AbortSignal }',
      'interface Options extends Base { model: string }',
      'interface Plain { model: string; retries: number }',
      'type Alias = { nested: Options }',
    ].join('\n');
    expect(holds(`${declarations}\nfunction f(x: Options) {}`, 1)).toBe(true);
    expect(holds(`${declarations}\nfunction f(x: Plain) {}`, 2)).toBe(false);
    expect(holds(`${declarations}\nfunction f(x: Alias) {}`, 2)).toBe(true);
    expect(holds(`${declarations}\nfunction f(x: Alias) {}`, 1)).toBe(false);
  });

  it('reads class fields and parameter properties', () => {
    expect(holds('class Job { constructor(readonly signal: AbortSignal) {} }\nfunction f(x: Job) {}', 1)).toBe(true);
    expect(holds('class Job { id = 1; name: string = "" }\nfunction f(x: Job) {}', 1)).toBe(true);
    expect(holds('class Job { id: number = 1; run(): void {} }\nfunction f(x: Job) {}', 2)).toBe(false);
  });

  it('answers true where only the type can tell', () => {
    expect(holds('interface Box<T> { value: T }\nfunction f(x: Box<{ signal: AbortSignal }>) {}', 2)).toBe(true);
    expect(holds('type Pick2<T> = { [K in keyof T]: T[K] }\nfunction f(x: Pick2<{ signal: AbortSignal }>) {}', 2)).toBe(true);
  });

  it('puts the type arguments of a generic type in place of its parameters', () => {
    const box = 'interface Box<T> { value: T }\n';
    expect(holds(`${box}function f(x: Box<string>) {}`, 2)).toBe(false);
    expect(holds(`${box}function f(x: Box<{ signal: AbortSignal }>) {}`, 2)).toBe(true);
    expect(holds(`${box}function f(x: Box<AbortSignal>) {}`, 1)).toBe(true);
    expect(holds(`${box}function f(x: Box<AbortSignal>) {}`, 0)).toBe(false);
    // A parameter left out takes its default.
    expect(holds('interface Box<T = { signal: AbortSignal }> { value: T }\nfunction f(x: Box) {}', 2)).toBe(true);
    expect(holds('interface Box<T = number> { value: T }\nfunction f(x: Box) {}', 2)).toBe(false);
    // A base gets the arguments its `extends` clause gives it.
    expect(holds(`${box}interface Named extends Box<string> { name: string }\nfunction f(x: Named) {}`, 2)).toBe(false);
    expect(holds(`${box}interface Job extends Box<AbortSignal> { id: string }\nfunction f(x: Job) {}`, 1)).toBe(true);
  });

  it('reads both branches of a conditional type', () => {
    const notAny = 'type NotAny<T> = [0] extends [1 & T] ? never : T;\n';
    expect(holds(`${notAny}function f(x: NotAny<{ id: string }>) {}`, 2)).toBe(false);
    expect(holds(`${notAny}function f(x: NotAny<{ signal?: AbortSignal }>) {}`, 1)).toBe(true);
  });

  it('reads an indexed access type from the property types of its object', () => {
    const events = 'interface Events { done: () => void; error: (cause: Error) => void }\n';
    expect(holds(`${events}function f<E extends keyof Events>(x: Events[E]) {}`, 2)).toBe(false);
    expect(holds("interface Bag { a: { signal: AbortSignal }; b: string }\nfunction f(x: Bag['a']) {}", 1)).toBe(true);
    expect(holds('interface Bag { [key: string]: AbortSignal }\nfunction f(x: Bag[string]) {}', 0)).toBe(true);
  });

  it('reads a literal key of an indexed access as that property alone', () => {
    const bag = 'interface Bag { def: { id: string }; extra: { signal: AbortSignal } }\n';
    expect(holds(`${bag}function f(x: Bag['def']) {}`, 2)).toBe(false);
    expect(holds(`${bag}function f(x: Bag['extra']) {}`, 1)).toBe(true);
    expect(holds(`${bag}function f(x: Bag['extra']) {}`, 0)).toBe(false);
    // A key no member declares is an error, which is `any`; an index signature declares every key.
    expect(holds(`${bag}function f(x: Bag['missing']) {}`, 2)).toBe(false);
    expect(holds("interface Map1 { [key: string]: { signal: AbortSignal } }\nfunction f(x: Map1['any']) {}", 1)).toBe(true);
    expect(holds("function f(x: { [key: string]: AbortSignal }['any']) {}", 0)).toBe(true);
  });

  it('follows a path of literal keys through type parameters and bases', () => {
    const schema = (def: string) =>
      [
        `interface Internals<D> { def: D; other: { signal: AbortSignal } }`,
        'interface Schema<I> { _zod: I }',
        `interface TextSchema extends Schema<Internals<${def}>> {}`,
        "type Params<T> = Partial<T['_zod']['def']>;",
      ].join('\n');
    expect(holds(`${schema('{ max: number }')}\nfunction f(x: Params<TextSchema>) {}`, 2)).toBe(false);
    expect(holds(`${schema('{ signal?: AbortSignal }')}\nfunction f(x: Params<TextSchema>) {}`, 1)).toBe(true);
    expect(holds(`${schema('{ signal?: AbortSignal }')}\nfunction f(x: Params<TextSchema>) {}`, 0)).toBe(false);
    // A class field, and a member that hides the base's member of the same name.
    const hidden = 'class Base { def: { signal: AbortSignal } = { signal: new AbortController().signal } }\nclass Own extends Base { declare def: { id: string } }\n';
    expect(holds(`${hidden}function f(x: Own['def']) {}`, 2)).toBe(false);
    expect(holds(`${hidden}function f(x: Base['def']) {}`, 1)).toBe(true);
  });

  it('stays finite on a type parameter constrained by itself', () => {
    expect(holds("interface Foo<T> { b: T['b'] }\nfunction f<T extends Foo<T>>(x: T['b']) {}", 2)).toBe(true);
    expect(holds("interface Foo<T> { b: T['b'] }\ninterface Bar extends Foo<Bar> {}\nfunction f(x: Bar['b']) {}", 2)).toBe(true);
    // Not valid TypeScript (each is `any`), but read without end all the same.
    const loop = 'declare const a: typeof b;\ndeclare const b: typeof a;\n';
    expect(holds(`${loop}function f(x: (typeof a)[string]) {}`, 2)).toBe(true);
    expect(holds(`${loop}function f(x: (typeof a)['k']) {}`, 2)).toBe(true);
  });

  it('reads a mapped type from its keys and its template', () => {
    const flatten = 'type Flatten<T> = { [K in keyof T]: T[K] };\n';
    expect(holds(`${flatten}function f(x: Flatten<{ id: string; tags: string[] }>) {}`, 2)).toBe(false);
    expect(holds(`${flatten}function f(x: Flatten<{ signal?: AbortSignal }>) {}`, 1)).toBe(true);
    expect(holds(`${flatten}function f(x: Flatten<{ signal?: AbortSignal }>) {}`, 0)).toBe(false);
    // The same keys as a signal make a signal, whatever the values.
    expect(holds('type Flags<T> = { [K in keyof T]: true };\nfunction f(x: Flags<AbortSignal>) {}', 0)).toBe(true);
    expect(holds("function f(x: { [K in 'a' | 'b']: { id: K } }) {}", 2)).toBe(false);
    expect(holds("function f(x: { [K in 'a' | 'b']: { signal: AbortSignal } }) {}", 2)).toBe(true);
    expect(holds("function f(x: { [K in 'a' | 'b']: { signal: AbortSignal } }) {}", 1)).toBe(false);
  });

  it('reads `typeof` a declared variable from its annotation', () => {
    expect(holds('declare const version: { major: 4; minor: number };\nfunction f(x: typeof version) {}', 2)).toBe(false);
    expect(holds('declare const options: { signal: AbortSignal };\nfunction f(x: typeof options) {}', 1)).toBe(true);
    const mimes = "declare const mimes: { json: 'application/json'; text: 'text/plain' };\n";
    expect(holds(`${mimes}function f(x: (typeof mimes)[keyof typeof mimes]) {}`, 2)).toBe(false);
    // An inferred type is the checker's to tell.
    expect(holds('const options = { id: 1 };\nfunction f(x: typeof options) {}', 2)).toBe(true);
  });

  it('reads the property types of a type parameter from its argument', () => {
    const values = 'type Values<T> = T[keyof T];\n';
    expect(holds(`${values}function f(x: Values<{ a: string; b: number }>) {}`, 2)).toBe(false);
    expect(holds(`${values}function f(x: Values<{ a: AbortSignal }>) {}`, 0)).toBe(true);
  });

  it("reads a function's own type parameter as its constraint", () => {
    expect(holds('function f<T>(x: T) {}', 2)).toBe(false);
    expect(holds('function f<T extends string>(x: T) {}', 2)).toBe(false);
    expect(holds('function f<T extends { signal?: AbortSignal }>(x: T) {}', 1)).toBe(true);
    expect(holds('function f<T extends { signal?: AbortSignal }>(x: T) {}', 0)).toBe(false);
  });

  it('reads the utility types of the lib from their type arguments', () => {
    expect(holds('function f(x: Partial<{ signal: AbortSignal }>) {}', 1)).toBe(true);
    expect(holds('function f(x: Readonly<Partial<{ id: string }>>) {}', 2)).toBe(false);
    expect(holds("function f(x: Omit<{ signal: AbortSignal; id: string }, 'id'>) {}", 1)).toBe(true);
    // An index signature has no property for the search to follow.
    expect(holds('function f(x: Record<string, AbortSignal>) {}', 2)).toBe(false);
    expect(holds('function f(x: Readonly<Record<string, string | number>>) {}', 2)).toBe(false);
    expect(holds("function f(x: Record<'a' | 'b', { signal: AbortSignal }>) {}", 2)).toBe(true);
    expect(holds("function f(x: Record<'a' | 'b', { signal: AbortSignal }>) {}", 1)).toBe(false);
    // A project's own `Partial` is read like any other type.
    expect(holds('type Partial<T> = { signal: AbortSignal; value?: T }\nfunction f(x: Partial<string>) {}', 1)).toBe(true);
  });

  it('rules out a type that does not resolve, which is `any`', () => {
    expect(holds('function f(x: NoSuchOptions) {}', 2)).toBe(false);
    expect(holds("function f(x: import('./no-such-module').Options) {}", 2)).toBe(false);
    expect(holds("function f(x: import('openai').ClientOptions) {}", 2, 'node')).toBe(true);
  });

  it('reads an interface that extends a type alias', () => {
    const alias = (shape: string) => `type Base = [0] extends [1] ? {} : ${shape};\ninterface H extends Base { name: string }\n`;
    expect(holds(`${alias('{ id: string }')}function f(x: H) {}`, 0)).toBe(false);
    expect(holds(`${alias('{ aborted: boolean }')}function f(x: H) {}`, 0)).toBe(true);
  });

  it('rules out property keys', () => {
    expect(holds('function f(x: keyof { signal: AbortSignal }) {}', 2)).toBe(false);
  });

  it('knows a unique-symbol key is not `aborted`', () => {
    const brand = 'declare const brand: unique symbol;\n';
    expect(holds(`${brand}function f(x: { [brand]: true; values: string[] }) {}`, 0)).toBe(false);
    expect(holds("declare const key: 'aborted' | 'x';\nfunction f(x: { [key]: boolean }) {}", 0)).toBe(true);
  });

  it('reads the type of a name that is also a value, not the value', () => {
    // lib.dom declares `interface Request` and `declare var Request`: the request holds a signal.
    expect(holds('function f(x: Request) {}', 1)).toBe(true);
    expect(holds('function f(x: Headers) {}', 2)).toBe(false);
  });
});
