import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getSignalTypes, hasGlobalAbortSignal } from '../../src/util/signalTypes.js';
import { analyze, nth, type Analysis } from './harness.js';

/** The type of the `index`-th parameter of the first function in the code. */
function parameterType(analysis: Analysis, index = 0) {
  const fn = nth<TSESTree.FunctionDeclaration>(analysis, AST_NODE_TYPES.FunctionDeclaration);
  return analysis.services.getTypeAtLocation(fn.params[index]!);
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

  it('answers from its cache the second time', () => {
    withTypes('function f(x: Request) {}', (types, analysis) => {
      const type = parameterType(analysis);
      expect(types.findSignalPath(type, 3)).toBe(types.findSignalPath(type, 3));
    });
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
