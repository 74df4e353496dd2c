import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { findSignalSources } from '../../src/util/signalSources.js';
import { analyze } from './harness.js';

/** The sources in scope at the `mark()` call, as `kind:text`. */
function sourcesAtMark(code: string, fixture: 'dom' | 'node' = 'dom'): string[] {
  return analyze(`declare function mark(): void;\n${code}`, fixture, ({ services, sourceCode, nodes }) => {
    const mark = (nodes.get('CallExpression') ?? []).find(
      (call) => (call as TSESTree.CallExpression).callee.type === 'Identifier' && ((call as TSESTree.CallExpression).callee as TSESTree.Identifier).name === 'mark',
    );
    if (mark === undefined) throw new Error('no mark() call');
    return findSignalSources(sourceCode, services, mark).map((source) => `${source.kind}:${source.text}`);
  });
}

describe('findSignalSources', () => {
  it('finds parameters, their properties, and locals declared before the point', () => {
    expect(
      sourcesAtMark('function f(request: Request, signal?: AbortSignal) {\n  const controller = new AbortController();\n  mark();\n  const late = new AbortController();\n}'),
    ).toEqual(['parameter:signal', 'property:request.signal', 'controller:controller.signal']);
  });

  it('puts the innermost function first', () => {
    expect(sourcesAtMark('function outer(signal: AbortSignal) {\n  return (inner: Request) => { mark(); };\n}')).toEqual([
      'property:inner.signal',
      'parameter:signal',
    ]);
  });

  it('prefers a local combined signal over the parameter it combines', () => {
    expect(
      sourcesAtMark('function f(request: Request) {\n  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(1000)]);\n  mark();\n}'),
    ).toEqual(['local:signal', 'property:request.signal']);
  });

  it('finds destructured bindings and deep properties', () => {
    expect(sourcesAtMark('function f({ signal }: { signal: AbortSignal }) { mark(); }')).toEqual(['parameter:signal']);
    expect(sourcesAtMark('function f(c: { req: { raw: Request } }) { mark(); }')).toEqual(['property:c.req.raw.signal']);
  });

  it('finds class fields through `this`, but not inside a nested function', () => {
    const cls = (body: string) => `class Job {\n  private controller = new AbortController();\n  run() { ${body} }\n}`;
    expect(sourcesAtMark(cls('mark();'))).toEqual(['field:this.controller.signal']);
    expect(sourcesAtMark(cls('[1].forEach(() => mark());'))).toEqual(['field:this.controller.signal']);
    expect(sourcesAtMark(cls('[1].forEach(function () { mark(); });'))).toEqual([]);
  });

  it('finds module-level shutdown controllers last', () => {
    expect(sourcesAtMark('const shutdown = new AbortController();\nfunction f(signal: AbortSignal) { mark(); }')).toEqual([
      'parameter:signal',
      'module:shutdown.signal',
    ]);
  });

  it('never offers a request built on the spot', () => {
    expect(sourcesAtMark("function f() {\n  const request = new Request('/a');\n  mark();\n}")).toEqual([]);
  });

  it('finds a signal a callback is offered but does not declare', () => {
    expect(
      sourcesAtMark('declare function run(fn: (input: string, options: { abortSignal: AbortSignal }) => void): void;\nrun((input) => { mark(); });'),
    ).toEqual(['offered:abortSignal']);
  });

  it('ignores `any`', () => {
    expect(sourcesAtMark('function f(x: any) { mark(); }')).toEqual([]);
  });
});
