import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getControllerUsage, type AbortTrigger } from '../../src/util/controllerUsage.js';
import { analyze } from './harness.js';

interface Summary {
  readonly triggers: AbortTrigger['kind'][];
  readonly escapes: number;
  readonly signalReads: number;
  readonly complete: boolean;
}

/** The usage of the controller whose `.signal` is read last in `code` (`controller.signal` or `this.controller.signal`). */
function usageOf(code: string): Summary | undefined {
  return analyze(code, 'node', ({ sourceCode, nodes }) => {
    const reads = (nodes.get(AST_NODE_TYPES.MemberExpression) ?? []).filter(
      (node): node is TSESTree.MemberExpression =>
        node.type === AST_NODE_TYPES.MemberExpression &&
        node.property.type === AST_NODE_TYPES.Identifier &&
        node.property.name === 'signal' &&
        (node.object.type === AST_NODE_TYPES.Identifier || node.object.type === AST_NODE_TYPES.MemberExpression),
    );
    const object = reads.at(-1)?.object as TSESTree.Identifier | TSESTree.MemberExpression | undefined;
    if (object === undefined) throw new Error('no `.signal` read');
    const usage = getControllerUsage(sourceCode, object);
    if (usage === undefined) return undefined;
    return {
      triggers: usage.aborts.map((site) => site.trigger.kind),
      escapes: usage.escapes.length,
      signalReads: usage.signalReads.length,
      complete: usage.complete,
    };
  });
}

describe('getControllerUsage', () => {
  it.each([
    ['never aborted', 'const controller = new AbortController();\nvoid fetch("/a", { signal: controller.signal });', [], 0],
    ['a timer', 'const controller = new AbortController();\nsetTimeout(() => controller.abort(), 10);\nvoid fetch("/a", { signal: controller.signal });', ['timer'], 0],
    ['a bound abort in a timer', 'const controller = new AbortController();\nsetTimeout(controller.abort.bind(controller), 10);\nvoid fetch("/a", { signal: controller.signal });', ['timer'], 0],
    [
      'a forwarded abort, through a named handler',
      'export function f(signal: AbortSignal) {\n  const controller = new AbortController();\n  const forward = () => controller.abort(signal.reason);\n  signal.addEventListener("abort", forward);\n  return fetch("/a", { signal: controller.signal });\n}',
      ['abortListener'],
      0,
    ],
    ['onabort', 'export function f(signal: AbortSignal) {\n  const controller = new AbortController();\n  signal.onabort = () => controller.abort();\n  return fetch("/a", { signal: controller.signal });\n}', ['abortListener'], 0],
    [
      'addAbortListener',
      'import { addAbortListener } from "node:events";\nexport function f(signal: AbortSignal) {\n  const controller = new AbortController();\n  using _ = addAbortListener(signal, () => controller.abort());\n  return fetch("/a", { signal: controller.signal });\n}',
      ['abortListener'],
      0,
    ],
    ['another event', 'const controller = new AbortController();\nprocess.once("SIGTERM", () => controller.abort());\nvoid fetch("/a", { signal: controller.signal });', ['event'], 0],
    ['a callback', 'const controller = new AbortController();\nvoid fetch("/a", { signal: controller.signal }).catch(() => controller.abort());', ['callback'], 0],
    ['inline, in a catch', 'export async function f() {\n  const controller = new AbortController();\n  try { await fetch("/a", { signal: controller.signal }); } catch { controller.abort(); }\n}', ['inline'], 0],
    ['a returned cancel()', 'export function f() {\n  const controller = new AbortController();\n  void fetch("/a", { signal: controller.signal });\n  return { cancel: () => controller.abort() };\n}', ['function'], 0],
    ['passed to a function', 'declare function track(c: AbortController): void;\nconst controller = new AbortController();\ntrack(controller);\nvoid fetch("/a", { signal: controller.signal });', [], 1],
    ['returned', 'export function f() {\n  const controller = new AbortController();\n  void fetch("/a", { signal: controller.signal });\n  return controller;\n}', [], 1],
    ['stored on this', 'export class C {\n  c?: AbortController;\n  run() {\n    const controller = new AbortController();\n    this.c = controller;\n    return fetch("/a", { signal: controller.signal });\n  }\n}', [], 1],
    ['exported', 'export const controller = new AbortController();\nvoid fetch("/a", { signal: controller.signal });', [], 1],
    ['its abort handed over', 'declare function onCancel(f: () => void): void;\nconst controller = new AbortController();\nonCancel(controller.abort);\nvoid fetch("/a", { signal: controller.signal });', [], 1],
  ] as const)('%s', (_name, code, triggers, escapes) => {
    expect(usageOf(code)).toMatchObject({ triggers, escapes, complete: true });
  });

  it('counts the signal reads', () => {
    const code = 'const controller = new AbortController();\nif (!controller.signal.aborted) void fetch("/a", { signal: controller.signal });';
    expect(usageOf(code)?.signalReads).toBe(2);
  });

  it('is incomplete when the variable is reassigned with something else', () => {
    const code = 'declare function other(): AbortController;\nlet controller = new AbortController();\ncontroller = other();\nvoid fetch("/a", { signal: controller.signal });';
    expect(usageOf(code)?.complete).toBe(false);
  });

  it('follows a reassignment with a fresh controller', () => {
    const code = 'let controller = new AbortController();\ncontroller = new AbortController();\nvoid fetch("/a", { signal: controller.signal });';
    expect(usageOf(code)).toMatchObject({ triggers: [], escapes: 0, complete: true });
  });

  it('reads a private field across methods', () => {
    const code = 'export class Poller {\n  #controller = new AbortController();\n  stop() { this.#controller.abort(); }\n  poll() { return fetch("/a", { signal: this.#controller.signal }); }\n}';
    expect(usageOf(code)).toMatchObject({ triggers: ['function'], escapes: 0, complete: true });
  });

  it('treats a public field as reachable from outside', () => {
    const code = 'export class Poller {\n  controller = new AbortController();\n  poll() { return fetch("/a", { signal: this.controller.signal }); }\n}';
    expect(usageOf(code)).toMatchObject({ triggers: [], escapes: 1 });
  });

  it('is undefined for what it did not create', () => {
    expect(usageOf('export function f(controller: AbortController) { return fetch("/a", { signal: controller.signal }); }')).toBeUndefined();
    expect(usageOf('class AbortController { signal = AbortSignal.timeout(1); }\nconst controller = new AbortController();\nvoid fetch("/a", { signal: controller.signal });')).toBeUndefined();
  });
});
