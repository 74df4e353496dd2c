import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils, TSESLint } from '@typescript-eslint/utils';
import ts from 'typescript';

import { getMemberName, isInCleanupContext } from '../util/callContext.js';
import { getConstInitializer } from '../util/constInitializer.js';
import { createRule } from '../util/createRule.js';
import { fixDeclareOffered } from '../util/declareSignal.js';
import { getIndent } from '../util/fixes.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from '../util/functions.js';
import { getTypedServices } from '../util/getTypedServices.js';
import { findCallSlot, getSlotStatus, skipTypeWrappers, type CallWithArguments } from '../util/signalSlots.js';
import { findNearestSignalSources, findSignalSources, type SignalSource } from '../util/signalSources.js';
import { getSignalTypes } from '../util/signalTypes.js';
import { getThrowIfAbortedText } from '../util/throwIfAbortedText.js';

type Options = [{ maxLiteralIterations?: number }];
type MessageIds = 'uncheckedLoop' | 'insertThrowIfAborted';

type Loop = TSESTree.IterationStatement;
type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

/** What one loop does per iteration, collected by one walk over the outermost loop. */
interface Frame {
  readonly node: Loop;
  readonly children: Frame[];
  /** An `await` (or `yield*` in an async generator) runs on every iteration. */
  awaits: boolean;
  /** `await reader.read()`, `await iterator.next()`: candidates for pulling the next item of a stream. */
  readonly pulls: TSESTree.AwaitExpression[];
  /** An `await` (or `yield*`) that is not a candidate pull. */
  otherAwaits: boolean;
  /** `yield value` in an async generator: work when `value` is a promise. */
  readonly yielded: TSESTree.Expression[];
  /** `.aborted` or `.throwIfAborted()` is read on every iteration. */
  checksBySyntax: boolean;
  /** Variables tested by an `if` or the loop's test: a flag an abort listener sets counts as a check. */
  readonly flags: TSESTree.Identifier[];
  /** Expressions passed to calls: a signal among them counts as a check. */
  readonly passed: TSESTree.Expression[];
  /** Calls: one that can take a signal counts as a check (require-signal reports it if it is missing). */
  readonly calls: CallWithArguments[];
}

const CHECK_MEMBERS = new Set(['aborted', 'throwIfAborted']);
/** How many calls down an awaited function of this file is followed to find the loop's signal passed on. */
const MAX_CALLEE_DEPTH = 3;
const TYPE_KEYS = new Set(['typeAnnotation', 'typeArguments', 'typeParameters', 'returnType']);

export default createRule<Options, MessageIds>({
  name: 'check-signal-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require loops that await work to check the AbortSignal in scope on every iteration',
      recommended: 'strict',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      uncheckedLoop:
        'This loop awaits work on every iteration, but nothing in it checks `{{signal}}` or receives it: after an abort, the remaining iterations still run.',
      insertThrowIfAborted: 'Call `{{check}}` at the start of each iteration.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxLiteralIterations: {
            type: 'integer',
            minimum: 0,
            description:
              'Loops over an array literal of at most this many elements, or a numeric `for` whose literal bounds give at most this many iterations, are not reported.',
          },
        },
      },
    ],
    defaultOptions: [{ maxLiteralIterations: 3 }],
  },
  create(context, [options]) {
    const services = getTypedServices(context, 'check-signal-in-loop');
    const { sourceCode } = context;
    const checker = services.program.getTypeChecker();
    const types = getSignalTypes(checker);
    const maxLiteralIterations = options.maxLiteralIterations ?? 3;
    /** Outermost loops (per function) with an `await` or `yield` that runs on every iteration. */
    const roots = new Set<Loop>();
    const reported = new Set<Loop>();
    const slotCalls = new Map<CallWithArguments, boolean>();
    const producers = new Map<TSESTree.ForOfStatement, Producer>();
    const unchecked = new Map<Frame, boolean>();
    const carriers = new Map<TSESTree.Expression, boolean>();
    /** Per function: the values its calls receive that come from outside it (captured variables, `this`). */
    const outerPassed = new Map<FunctionNode, readonly TSESTree.Expression[]>();
    /** Per function: the same, over it and the functions of this file it calls. */
    const reachedPassed = new Map<FunctionNode, readonly TSESTree.Expression[]>();
    /** Functions that register an abort listener: they react to an abort themselves (cancel a reader, set a flag). */
    const listening = new Set<TSESTree.Node>();

    return {
      AwaitExpression: markWork,
      YieldExpression(node): void {
        if (isWorkYield(node)) markWork(node);
      },
      'ForOfStatement[await=true]'(node: TSESTree.ForOfStatement): void {
        markWork(node.body);
      },
      CallExpression(node): void {
        if (isAbortListenerCall(node)) listening.add(getEnclosingFunction(node) ?? sourceCode.ast);
      },
      'AssignmentExpression[left.type="MemberExpression"]'(node: TSESTree.AssignmentExpression): void {
        if (getMemberName(node.left) === 'onabort') listening.add(getEnclosingFunction(node) ?? sourceCode.ast);
      },
      'Program:exit'(): void {
        // Outer loops first, so a loop inside a callback of a reported loop is not reported again.
        const sorted = [...roots].sort((a, b) => a.range[0] - b.range[0]);
        for (const root of sorted) {
          if (hasReportedAncestor(root) || isInCleanupContext(root)) continue;
          if (listening.has(getEnclosingFunction(root) ?? sourceCode.ast)) continue;
          visit(buildFrames(root));
        }
      },
    };

    // --- Syntax: find the loops worth a look, without the checker. ---

    /** Remembers the outermost loop of the function for which `node` runs on every iteration. */
    function markWork(node: TSESTree.Node): void {
      let outermost: Loop | undefined;
      let child = node;
      for (let parent = node.parent; parent != null && !isFunctionNode(parent); parent = parent.parent) {
        if (isLoop(parent) && isPerIteration(parent, child)) outermost = parent;
        child = parent;
      }
      if (outermost !== undefined) roots.add(outermost);
    }

    function hasReportedAncestor(loop: Loop): boolean {
      for (let current: TSESTree.Node | undefined = loop.parent; current != null; current = current.parent) {
        if (isLoop(current) && reported.has(current)) return true;
      }
      return false;
    }

    /**
     * Walks the outermost loop once. Each node is attributed to the loops for
     * which it runs on every iteration: a loop's body and update belong to that
     * loop only (they may run zero times), its test to it and to the enclosing
     * loop (a test runs at least once), its initializer or iterable to the
     * enclosing loop. Checks inside callbacks count; awaits there do not.
     */
    function buildFrames(root: Loop): Frame {
      let top: Frame | undefined;
      const walkLoop = (loop: Loop, targets: readonly Frame[], parent: Frame | undefined): void => {
        const frame: Frame = {
          node: loop,
          children: [],
          awaits: false,
          pulls: [],
          otherAwaits: false,
          yielded: [],
          checksBySyntax: false,
          flags: [],
          passed: [],
          calls: [],
        };
        parent?.children.push(frame);
        top ??= frame;
        const self = [frame];
        const atLeastOnce = [frame, ...targets];
        if (loop.type !== AST_NODE_TYPES.ForInStatement && loop.type !== AST_NODE_TYPES.ForOfStatement && loop.test !== null) {
          const flags = getTestedIdentifiers(loop.test);
          for (const target of atLeastOnce) target.flags.push(...flags);
        }
        switch (loop.type) {
          case AST_NODE_TYPES.ForStatement:
            walk(loop.init, targets, frame, false);
            walk(loop.test, atLeastOnce, frame, false);
            walk(loop.update, self, frame, false);
            walk(loop.body, self, frame, false);
            break;
          case AST_NODE_TYPES.ForInStatement:
          case AST_NODE_TYPES.ForOfStatement:
            walk(loop.left, targets, frame, false);
            walk(loop.right, targets, frame, false);
            walk(loop.body, self, frame, false);
            break;
          case AST_NODE_TYPES.WhileStatement:
            walk(loop.test, atLeastOnce, frame, false);
            walk(loop.body, self, frame, false);
            break;
          case AST_NODE_TYPES.DoWhileStatement:
            walk(loop.body, atLeastOnce, frame, false);
            walk(loop.test, atLeastOnce, frame, false);
            break;
        }
      };
      const walk = (node: TSESTree.Node | null, targets: readonly Frame[], parent: Frame, nested: boolean): void => {
        if (node === null) return;
        if (isLoop(node) && !nested) {
          walkLoop(node, targets, parent);
          return;
        }
        switch (node.type) {
          case AST_NODE_TYPES.AwaitExpression:
            if (!nested) {
              const pull = isPullSyntax(node);
              for (const frame of targets) {
                frame.awaits = true;
                if (pull) frame.pulls.push(node);
                else frame.otherAwaits = true;
              }
            }
            break;
          case AST_NODE_TYPES.YieldExpression:
            if (!nested && isWorkYield(node)) {
              for (const frame of targets) {
                if (node.delegate) frame.awaits = frame.otherAwaits = true;
                else frame.yielded.push(node.argument!);
              }
            }
            break;
          case AST_NODE_TYPES.MemberExpression:
            if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier && CHECK_MEMBERS.has(node.property.name)) {
              for (const frame of targets) frame.checksBySyntax = true;
            }
            break;
          case AST_NODE_TYPES.IfStatement: {
            const flags = getTestedIdentifiers(node.test);
            for (const frame of targets) frame.flags.push(...flags);
            break;
          }
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression: {
            const leaves: TSESTree.Expression[] = [];
            for (const argument of node.arguments) collectPassed(argument, leaves, 0);
            for (const frame of targets) {
              frame.calls.push(node);
              frame.passed.push(...leaves);
            }
            break;
          }
          default:
            break;
        }
        const childNested = nested || isFunctionNode(node);
        for (const key of sourceCode.visitorKeys[node.type] ?? []) {
          if (TYPE_KEYS.has(key)) continue;
          const value = (node as unknown as Record<string, unknown>)[key];
          if (Array.isArray(value)) {
            for (const item of value as (TSESTree.Node | null)[]) walk(item, targets, parent, childNested);
          } else if (value != null && typeof value === 'object') {
            walk(value as TSESTree.Node, targets, parent, childNested);
          }
        }
      };
      walkLoop(root, [], undefined);
      return top!;
    }

    // --- Types: only for loops that do work and are not checked by syntax. ---

    function visit(frame: Frame): void {
      if (!hasWorkDeep(frame)) return;
      // Sources last: finding them types the variables in scope, the costliest question here.
      if (!isCheckedBySyntax(frame) && !isSmallLiteralLoop(frame.node) && isUnchecked(frame)) {
        const sources = findNearestSignalSources(sourceCode, services, frame.node);
        if (sources.length > 0 && !isIterableReported(frame.node)) {
          report(frame.node, sources);
          return;
        }
      }
      for (const child of frame.children) visit(child);
    }

    function hasWorkDeep(frame: Frame): boolean {
      return (
        frame.awaits ||
        frame.yielded.length > 0 ||
        isForAwait(frame.node) ||
        frame.children.some(hasWorkDeep)
      );
    }

    /** Work runs on an iteration that passes no check: here, or in an inner loop that is itself unchecked. */
    function isUnchecked(frame: Frame): boolean {
      let result = unchecked.get(frame);
      if (result === undefined) {
        result =
          !isCheckedBySyntax(frame) &&
          (hasOwnWork(frame) || frame.children.some(isUnchecked)) &&
          !isCheckedByTypes(frame);
        unchecked.set(frame, result);
      }
      return result;
    }

    function isCheckedBySyntax(frame: Frame): boolean {
      return frame.checksBySyntax || frame.flags.some(isAsyncFlag);
    }

    /**
     * `if (closed) break`, where `closed` is written by a callback
     * (`stream.onAbort(() => { closed = true })`): a flag that can change while
     * the loop awaits is a cancellation check this rule cannot see through.
     */
    function isAsyncFlag(identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      if (variable === null) return false;
      const home = variable.scope.variableScope;
      return variable.references.some(
        (reference) => reference.isWrite() && reference.init !== true && reference.from.variableScope !== home,
      );
    }

    function hasOwnWork(frame: Frame): boolean {
      if (frame.awaits && (frame.otherAwaits || !frame.pulls.every(isGovernedPull))) return true;
      if (isForAwait(frame.node) && getProducer(frame.node) === 'noSlot') return true;
      return frame.yielded.some((value) => types.isWorkResult(services.getTypeAtLocation(value)));
    }

    /**
     * `await reader.read()` or `await iterator.next()` in a loop that awaits
     * nothing else drains a stream, as `for await` does: it stops when the
     * stream's producer does, and needs no check unless that producer is known
     * to take no signal.
     */
    function isGovernedPull(pull: TSESTree.AwaitExpression): boolean {
      const call = skipValueWrappers(pull.argument) as TSESTree.CallExpression;
      const callee = skipValueWrappers(call.callee) as TSESTree.MemberExpression;
      return isIteratorResult(services.getTypeAtLocation(pull)) && findProducer(callee.object, 0) !== 'noSlot';
    }

    /** `{ done: false; value: T } | { done: true; value?: undefined }`: what a reader or an iterator yields. */
    function isIteratorResult(type: ts.Type): boolean {
      const members = (type.isUnion() ? type.types : [type]).filter((member) => (member.flags & ts.TypeFlags.Object) !== 0);
      return (
        members.length > 0 &&
        members.every((member) => checker.getPropertyOfType(member, 'done') !== undefined && checker.getPropertyOfType(member, 'value') !== undefined)
      );
    }

    function isCheckedByTypes(frame: Frame): boolean {
      // Cheapest first: most checked loops pass the signal itself to some call.
      if (passesSignal(frame.passed)) return true;
      // A producer given the signal ends the loop on abort; one this rule cannot see (a parameter) cannot be judged.
      if (isForAwait(frame.node) && getProducer(frame.node) !== 'noSlot') return true;
      // Awaited calls first: they are the work, and the likeliest to take a signal.
      if (frame.calls.some((call) => isAwaited(call) && canTakeSignal(call)) || frame.calls.some(canTakeSignal)) return true;
      return frame.calls.some((call) => isAwaited(call) && callsWithSignal(call, frame.node));
    }

    /**
     * `await dispatch(item)` where `const dispatch = async (item) => run(item, signal)`,
     * or `await this.#route(id)` where `#route` passes `this.#controller.signal` on:
     * a function of this file whose calls receive a signal the loop sees too (a
     * captured variable, the same `this`). The functions of this file that it
     * calls in turn are followed too (`#route` → `#execute`), up to
     * {@link MAX_CALLEE_DEPTH} calls down.
     */
    function callsWithSignal(call: CallWithArguments, loop: Loop): boolean {
      const callee = findLocalCallee(call);
      if (callee === undefined) return false;
      return getReachedPassed(callee).some((value) => {
        const root = getRoot(value);
        if (root.type === AST_NODE_TYPES.ThisExpression) {
          const home = getThisClass(loop);
          if (home === undefined || getThisClass(root) !== home) return false;
        } else if (root.type === AST_NODE_TYPES.Identifier) {
          // The same variable from the loop: not a parameter or local of the callee, nor one the loop shadows.
          const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
          if (variable === null || variable !== ASTUtils.findVariable(sourceCode.getScope(loop), root.name)) return false;
        } else {
          return false;
        }
        return passesSignal([value]);
      });
    }

    /** `dispatch` of `const dispatch = async (…) => …` or `function dispatch(…)`; `this.#route` of a method of this class. */
    function findLocalCallee(call: CallWithArguments): FunctionNode | undefined {
      if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = skipValueWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (definition?.type === TSESLint.Scope.DefinitionType.FunctionName) {
          return definition.node.type === AST_NODE_TYPES.FunctionDeclaration ? definition.node : undefined;
        }
        const init = getConstInitializer(sourceCode, callee);
        return isFunctionNode(init) ? init : undefined;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.object.type !== AST_NODE_TYPES.ThisExpression) {
        return undefined;
      }
      const home = getThisClass(callee.object);
      const property = callee.property;
      for (const member of home?.body.body ?? []) {
        if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static || member.computed) {
          continue;
        }
        if (member.key.type !== property.type || member.key.name !== property.name) continue;
        if (member.type === AST_NODE_TYPES.MethodDefinition) {
          return member.kind === 'method' && isFunctionNode(member.value) ? member.value : undefined;
        }
        return isFunctionNode(member.value) ? member.value : undefined;
      }
      return undefined;
    }

    /**
     * What the calls in `fn` and in the functions of this file it calls (down to
     * {@link MAX_CALLEE_DEPTH}) receive from outside each of them. A value that is
     * a local of a caller on the way is not the loop's: `callsWithSignal` drops it.
     */
    function getReachedPassed(fn: FunctionNode): readonly TSESTree.Expression[] {
      let result = reachedPassed.get(fn);
      if (result === undefined) {
        const values: TSESTree.Expression[] = [];
        const seen = new Set<FunctionNode>([fn]);
        let level: FunctionNode[] = [fn];
        for (let depth = 1; level.length > 0; depth++) {
          const next: FunctionNode[] = [];
          for (const current of level) {
            values.push(...getOuterPassed(current));
            if (depth === MAX_CALLEE_DEPTH) continue;
            forEachCall(current.body, (inner) => {
              const callee = findLocalCallee(inner);
              if (callee !== undefined && !seen.has(callee)) {
                seen.add(callee);
                next.push(callee);
              }
            });
          }
          level = next;
        }
        result = values;
        reachedPassed.set(fn, result);
      }
      return result;
    }

    /** What the calls in `fn` (and its callbacks) receive that `fn` does not declare: captured variables and its `this`. */
    function getOuterPassed(fn: FunctionNode): readonly TSESTree.Expression[] {
      let result = outerPassed.get(fn);
      if (result === undefined) {
        const values: TSESTree.Expression[] = [];
        forEachCall(fn.body, (call) => {
          const leaves: TSESTree.Expression[] = [];
          for (const argument of call.arguments) collectPassed(argument, leaves, 0);
          for (const leaf of leaves) {
            const root = getRoot(leaf);
            const outer =
              root.type === AST_NODE_TYPES.ThisExpression
                ? getThisOwner(root) === getThisOwner(fn.body)
                : root.type === AST_NODE_TYPES.Identifier && !isDeclaredIn(root, fn);
            if (outer) {
              values.push(leaf);
            }
          }
        });
        result = values;
        outerPassed.set(fn, result);
      }
      return result;
    }

    function isDeclaredIn(identifier: TSESTree.Identifier, fn: FunctionNode): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      const definition = variable?.defs[0];
      if (definition === undefined) return true;
      return fn.range[0] <= definition.name.range[0] && definition.name.range[1] <= fn.range[1];
    }

    function forEachCall(node: TSESTree.Node, callback: (call: CallWithArguments) => void): void {
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) callback(node);
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        if (TYPE_KEYS.has(key)) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
          for (const item of value as (TSESTree.Node | null)[]) if (item !== null) forEachCall(item, callback);
        } else if (value != null && typeof value === 'object') {
          forEachCall(value as TSESTree.Node, callback);
        }
      }
    }

    function passesSignal(passed: readonly TSESTree.Expression[]): boolean {
      return passed.some(isDeclaredSignal) || passed.some(isSignal) || passed.some(isSignalCarrier);
    }

    /** A parameter declared `signal: AbortSignal` (or `AbortSignal | undefined`): known without the checker. */
    function isDeclaredSignal(expression: TSESTree.Expression): boolean {
      if (expression.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter || definition.name.type !== AST_NODE_TYPES.Identifier) return false;
      const annotation = definition.name.typeAnnotation?.typeAnnotation;
      const members = annotation?.type === AST_NODE_TYPES.TSUnionType ? annotation.types : annotation === undefined ? [] : [annotation];
      return members.some(
        (member) =>
          member.type === AST_NODE_TYPES.TSTypeReference &&
          member.typeName.type === AST_NODE_TYPES.Identifier &&
          member.typeName.name === 'AbortSignal',
      );
    }

    function isSignal(expression: TSESTree.Expression): boolean {
      const type = services.getTypeAtLocation(expression);
      return !types.isOpaque(type) && types.isSignalLike(type);
    }

    /** A signal, a controller, or an object with a `signal`-like property (`request`, `{ signal }` options). */
    function isSignalCarrier(expression: TSESTree.Expression): boolean {
      let result = carriers.get(expression);
      if (result === undefined) {
        const type = services.getTypeAtLocation(expression);
        result =
          !types.isOpaque(type) &&
          (types.isSignalLike(type) ||
            // Listing the members of arrays, functions and primitives is costly and never finds a signal.
            (isPlainObject(type) && (types.isControllerLike(type) || types.findSignalPath(type, 1) !== undefined)));
        carriers.set(expression, result);
      }
      return result;
    }

    function isPlainObject(type: ts.Type): boolean {
      return (type.isUnion() ? type.types : [type]).some(
        (member) =>
          (member.flags & ts.TypeFlags.Object) !== 0 &&
          member.getCallSignatures().length === 0 &&
          !checker.isArrayType(member) &&
          !checker.isTupleType(member),
      );
    }

    /** The call receives a signal, or could take one for the work it returns. */
    function canTakeSignal(call: CallWithArguments): boolean {
      let result = slotCalls.get(call);
      if (result === undefined) {
        const slot = findCallSlot(services, call);
        result =
          slot === undefined
            ? // An `any` callee may take anything: it cannot be judged.
              types.isOpaque(services.getTypeAtLocation(call.callee))
            : getSlotStatus(services, call, slot).kind === 'given' ||
              types.isWorkResult(checker.getReturnTypeOfSignature(slot.signature));
        slotCalls.set(call, result);
      }
      return result;
    }

    /**
     * Who produces the items of a `for await`: a call that can take a signal
     * (`openai.chat.completions.create({ stream: true }, { signal })`, directly
     * or through a `const`, or an input built from one), a call that cannot,
     * or something this rule cannot see (a parameter).
     */
    function getProducer(loop: TSESTree.ForOfStatement): Producer {
      let result = producers.get(loop);
      if (result === undefined) {
        result = findProducer(loop.right, 0);
        producers.set(loop, result);
      }
      return result;
    }

    function findProducer(expression: TSESTree.Node, depth: number): Producer {
      if (depth > 6) return 'unknown';
      const current = skipValueWrappers(expression);
      switch (current.type) {
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          const passed: TSESTree.Expression[] = [];
          for (const argument of current.arguments) collectPassed(argument, passed, 0);
          if (passesSignal(passed) || findCallSlot(services, current) !== undefined) {
            return 'slot';
          }
          // `pages((after) => list({ after }, { ...options }))`: the page requests receive the caller's signal.
          if (current.arguments.some((argument) => isFunctionNode(argument) && passesSignal(getOuterPassed(argument)))) {
            return 'slot';
          }
          // `parseEvents(response.body)`: the input may carry the signal. A stream
          // passed in from elsewhere (a parameter) makes the whole chain unknown.
          let unknownInput = false;
          for (const argument of current.arguments) {
            const input = findProducer(argument, depth + 1);
            if (input === 'slot') return 'slot';
            if (input === 'unknown' && !unknownInput && isStreamInput(argument)) unknownInput = true;
          }
          if (unknownInput) return 'unknown';
          const callee = skipValueWrappers(current.callee);
          if (callee.type === AST_NODE_TYPES.MemberExpression) {
            const receiver = findProducer(callee.object, depth + 1);
            if (receiver === 'slot') return 'slot';
            // `stream.getReader()` of a stream passed in: as unknown as the stream.
            if (receiver === 'unknown' && isStreamInput(callee.object)) return 'unknown';
          }
          // An `any` callee, a generator closed over this function's state (a governed response body), or a
          // function handed in (a parameter, a function-valued field) that may close over a signal, cannot be judged.
          if (isClosure(callee) || isHandedInFunction(callee) || types.isOpaque(services.getTypeAtLocation(callee))) return 'unknown';
          return 'noSlot';
        }
        case AST_NODE_TYPES.MemberExpression:
          return findPairProducer(current, depth) ?? findProducer(current.object, depth + 1);
        case AST_NODE_TYPES.Identifier: {
          const init = getConstInitializer(sourceCode, current);
          return init === undefined ? 'unknown' : findProducer(init, depth + 1);
        }
        default:
          return 'unknown';
      }
    }

    /**
     * `transform.readable` of a readable/writable pair (`new TransformStream(…)`,
     * any `{ readable, writable }` stream pair) held in a variable: its items are
     * what is written into `transform.writable`, so the calls that feed it are
     * the producers (`source.pipeTo(transform.writable, { signal })`,
     * `source.pipeThrough(transform)`). A writable side the code writes itself
     * (`transform.writable.getWriter()`), or a pair that leaves the function,
     * cannot be judged. `undefined` when `member` is not such a read, or nothing
     * feeds the pair: the constructor is then the producer.
     */
    function findPairProducer(member: TSESTree.MemberExpression, depth: number): Producer | undefined {
      if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'readable') return undefined;
      const pair = skipValueWrappers(member.object);
      if (pair.type !== AST_NODE_TYPES.Identifier || getConstInitializer(sourceCode, pair) === undefined) return undefined;
      const variable = ASTUtils.findVariable(sourceCode.getScope(pair), pair)!;
      const pairType = services.getTypeAtLocation(pair);
      if (types.isOpaque(pairType) || checker.getPropertyOfType(pairType, 'writable') === undefined) return undefined;
      if (!types.isStreamLike(services.getTypeAtLocation(member))) return undefined;
      let fed: Producer | undefined;
      for (const reference of variable.references) {
        if (reference.init === true) continue;
        const use = reference.identifier as TSESTree.Identifier;
        let side: TSESTree.Node = use;
        const parent = use.parent;
        if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use && !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier) {
          // Reading the other side: `transform.readable` again.
          if (parent.property.name !== 'writable') continue;
          side = parent;
        }
        const call = side.parent;
        const producer =
          (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) &&
          call.arguments.some((argument) => argument === side)
            ? findProducer(call, depth + 1)
            : 'unknown';
        if (producer === 'slot') return 'slot';
        if (fed === undefined || producer === 'unknown') fed = producer;
      }
      return fed;
    }

    function isStreamInput(argument: TSESTree.Node): boolean {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
      const type = services.getTypeAtLocation(argument);
      return !types.isOpaque(type) && (types.isStreamLike(type) || types.isWorkResult(type));
    }

    /** `source()` of a parameter `source: () => AsyncIterator<T>`, `this.#source()` of a function-valued field. */
    function isHandedInFunction(callee: TSESTree.Node): boolean {
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
        return variable?.defs.length === 1 && variable.defs[0]!.type === TSESLint.Scope.DefinitionType.Parameter;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return false;
      const symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(callee.property));
      return symbol !== undefined && (symbol.flags & ts.SymbolFlags.Property) !== 0;
    }

    /** A function declared inside another function: `async function* lines() { … }` reading a local stream. */
    function isClosure(callee: TSESTree.Node): boolean {
      if (callee.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition === undefined) return false;
      const declared =
        definition.type === TSESLint.Scope.DefinitionType.FunctionName
          ? definition.node
          : definition.type === TSESLint.Scope.DefinitionType.Variable && isFunctionNode(definition.node.init)
            ? definition.node.init
            : undefined;
      return declared !== undefined && getEnclosingFunction(declared) !== undefined;
    }

    /** `for (const x of await list())`: require-signal already reports `list()`, which cannot govern the loop. */
    function isIterableReported(loop: Loop): boolean {
      if (loop.type !== AST_NODE_TYPES.ForOfStatement || loop.await) return false;
      const iterable = skipValueWrappers(loop.right);
      if (iterable.type !== AST_NODE_TYPES.CallExpression && iterable.type !== AST_NODE_TYPES.NewExpression) return false;
      const slot = findCallSlot(services, iterable);
      if (slot === undefined) return false;
      const status = getSlotStatus(services, iterable, slot).kind;
      return status !== 'given' && status !== 'unknown';
    }

    function isSmallLiteralLoop(loop: Loop): boolean {
      const count = getLiteralIterationCount(loop);
      return count !== undefined && count <= maxLiteralIterations;
    }

    // --- Report ---

    function report(loop: Loop, sources: readonly SignalSource[]): void {
      reported.add(loop);
      const at = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body : loop;
      // The nearest sources first; the outer ones only when none of those can be written here.
      const suggestion =
        findCheck(loop, at, sources) ??
        findCheck(loop, at, findSignalSources(sourceCode, services, loop).filter((s) => !sources.some((n) => n.text === s.text)));
      const signal = (suggestion?.source ?? sources[0]!).text;
      context.report({
        loc: getHeaderLoc(loop),
        messageId: 'uncheckedLoop',
        data: { signal },
        suggest:
          suggestion === undefined
            ? []
            : [
                {
                  messageId: 'insertThrowIfAborted',
                  data: { check: suggestion.check },
                  fix: (fixer) => fixInsertCheck(fixer, loop, suggestion.source, `${suggestion.check};`) ?? null,
                },
              ],
      });
    }

    function findCheck(
      loop: Loop,
      at: TSESTree.Node,
      sources: readonly SignalSource[],
    ): { source: SignalSource; check: string } | undefined {
      for (const source of sources) {
        // Resolved outside the loop: a loop variable may shadow the source's name (`for (const request of …)`).
        const check = getThrowIfAbortedText(sourceCode, services, source, loop.parent, at);
        if (check !== undefined) return { source, check };
      }
      return undefined;
    }

    function getHeaderLoc(loop: Loop): TSESTree.SourceLocation {
      const first = sourceCode.getFirstToken(loop)!;
      if (loop.type === AST_NODE_TYPES.DoWhileStatement) return first.loc;
      const closing = sourceCode.getTokenBefore(loop.body)!;
      return { start: first.loc.start, end: closing.loc.end };
    }

    function fixInsertCheck(fixer: Fixer, loop: Loop, source: SignalSource, statement: string): Fix[] | undefined {
      const fixes: Fix[] = [];
      if (source.declare !== undefined) {
        const declared = fixDeclareOffered(fixer, sourceCode, source.declare, source.text);
        if (declared === undefined) return undefined;
        fixes.push(...declared);
      }
      const body = loop.body;
      if (body.type === AST_NODE_TYPES.EmptyStatement) {
        fixes.push(fixer.replaceText(body, `{ ${statement} }`));
        return fixes;
      }
      if (body.type !== AST_NODE_TYPES.BlockStatement) {
        fixes.push(fixer.insertTextBefore(body, `{ ${statement} `), fixer.insertTextAfter(body, ' }'));
        return fixes;
      }
      const opening = sourceCode.getFirstToken(body)!;
      const first = sourceCode.getTokenAfter(opening, { includeComments: true })!;
      if (first.range[0] >= body.range[1] - 1) {
        // `{}`: an empty body.
        fixes.push(fixer.replaceText(body, `{ ${statement} }`));
      } else if (first.loc.start.line > opening.loc.end.line) {
        fixes.push(fixer.insertTextBefore(first, `${statement}\n${getIndent(sourceCode, first)}`));
      } else {
        fixes.push(fixer.insertTextAfter(opening, ` ${statement}`));
      }
      return fixes;
    }
  },
});

type Producer = 'slot' | 'noSlot' | 'unknown';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** `signal` of `signal`, `options` of `options.signal`, `this` of `this.#controller.signal`. */
function getRoot(value: TSESTree.Expression): TSESTree.Expression {
  let current = value;
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    else if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.TSNonNullExpression) current = current.expression;
    else return current;
  }
}

/** What `this` means at `node`: the nearest non-arrow function, a class field's initializer or a static block; `undefined` at module level. */
function getThisOwner(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) return current;
    if (current.type === AST_NODE_TYPES.StaticBlock) return current;
    if (current.type === AST_NODE_TYPES.PropertyDefinition && current.value !== null && node.range[0] >= current.value.range[0]) {
      return current;
    }
  }
  return undefined;
}

/** The class whose instance `this` is at `node`, in a method or field of it (not a static one). */
function getThisClass(node: TSESTree.Node): ClassNode | undefined {
  const owner = getThisOwner(node);
  const member = owner?.type === AST_NODE_TYPES.PropertyDefinition ? owner : owner?.parent;
  if ((member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.PropertyDefinition) || member.static) {
    return undefined;
  }
  return member.parent.parent;
}

function isLoop(node: TSESTree.Node): node is Loop {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

function isAwaited(call: CallWithArguments): boolean {
  let child: TSESTree.Node = call;
  let parent = call.parent;
  while (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSAsExpression) {
    child = parent;
    parent = parent.parent;
  }
  return parent.type === AST_NODE_TYPES.AwaitExpression && parent.argument === child;
}

function isForAwait(loop: Loop): loop is TSESTree.ForOfStatement {
  return loop.type === AST_NODE_TYPES.ForOfStatement && loop.await;
}

/**
 * `signal.addEventListener('abort', …)`, `emitter.once('abort', …)`,
 * `addAbortListener(signal, …)`, Hono's `stream.onAbort(…)`.
 */
function isAbortListenerCall(node: TSESTree.CallExpression): boolean {
  const name = getMemberName(node.callee);
  if (name === 'addAbortListener' || name === 'onAbort') return true;
  if (name !== 'addEventListener' && name !== 'on' && name !== 'once') return false;
  const [type] = node.arguments;
  return type?.type === AST_NODE_TYPES.Literal && type.value === 'abort';
}

/** `await x.read()`, `await x.next()`: an awaited method call, the shape of a pull (the types decide). */
function isPullSyntax(node: TSESTree.AwaitExpression): boolean {
  const call = skipValueWrappers(node.argument);
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    skipValueWrappers(call.callee).type === AST_NODE_TYPES.MemberExpression
  );
}

/** Does `child` of `loop` run on every iteration (body, test, update), not once (initializer, iterable)? */
function isPerIteration(loop: Loop, child: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return child === loop.body || child === loop.test || child === loop.update;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === loop.body;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return child === loop.body || child === loop.test;
  }
}

/**
 * `yield* other()` or `yield fetchPage(n)` in an async generator: the
 * generator waits for that work. A plain `yield value` hands control to the
 * consumer, who decides whether to go on.
 */
function isWorkYield(node: TSESTree.YieldExpression): boolean {
  const fn = getEnclosingFunction(node);
  if (fn?.async !== true || node.argument == null) return false;
  if (node.delegate) return true;
  const value = skipTypeWrappers(node.argument);
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression;
}

/** `x as T`, `x!`, `await x`, `x?.y`: the value (or its producer) is still `x`. */
function skipValueWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.ChainExpression) {
      current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
    } else if (
      current.type === AST_NODE_TYPES.TSAsExpression ||
      current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.type === AST_NODE_TYPES.TSTypeAssertion
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The variables a condition tests: `closed`, `!done`, `stopped || failed`. */
function getTestedIdentifiers(test: TSESTree.Expression): TSESTree.Identifier[] {
  switch (test.type) {
    case AST_NODE_TYPES.Identifier:
      return [test];
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' ? getTestedIdentifiers(test.argument) : [];
    case AST_NODE_TYPES.LogicalExpression:
      return [...getTestedIdentifiers(test.left), ...getTestedIdentifiers(test.right)];
    default:
      return [];
  }
}

/** Values passed to a call, down into object and array literals: `{ signal }`, `[signal, timeout]`. */
function collectPassed(node: TSESTree.Node, leaves: TSESTree.Expression[], depth: number): void {
  const value = node.type === AST_NODE_TYPES.SpreadElement ? node.argument : skipTypeWrappers(node as TSESTree.Expression);
  switch (value.type) {
    case AST_NODE_TYPES.Identifier:
      if (value.name !== 'undefined') leaves.push(value);
      break;
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.ThisExpression:
      leaves.push(value);
      break;
    case AST_NODE_TYPES.ConditionalExpression:
      collectPassed(value.consequent, leaves, depth);
      collectPassed(value.alternate, leaves, depth);
      break;
    case AST_NODE_TYPES.LogicalExpression:
      collectPassed(value.left, leaves, depth);
      collectPassed(value.right, leaves, depth);
      break;
    case AST_NODE_TYPES.ObjectExpression:
      if (depth >= 2) break;
      for (const property of value.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) collectPassed(property, leaves, depth + 1);
        else if (property.value.type !== AST_NODE_TYPES.AssignmentPattern) collectPassed(property.value, leaves, depth + 1);
      }
      break;
    case AST_NODE_TYPES.ArrayExpression:
      if (depth >= 2) break;
      for (const element of value.elements) if (element !== null) collectPassed(element, leaves, depth + 1);
      break;
    default:
      break;
  }
}

/**
 * How many times a loop over literals runs: `for (const x of [a, b])` → 2,
 * `for (let i = 0; i < 3; i++)` → 3, `for (let i = 5; i > 0; i -= 2)` → 3;
 * `undefined` when the count is not written in the loop's header.
 */
function getLiteralIterationCount(loop: Loop): number | undefined {
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) {
    const iterable = skipTypeWrappers(loop.right);
    if (iterable.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
    if (iterable.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    return iterable.elements.length;
  }
  if (loop.type !== AST_NODE_TYPES.ForStatement) return undefined;
  const { init, test, update } = loop;
  if (init?.type !== AST_NODE_TYPES.VariableDeclaration || init.declarations.length !== 1) return undefined;
  const declarator = init.declarations[0]!;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = declarator.id.name;
  const start = getNumber(declarator.init);
  if (start === undefined || test?.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  if (test.left.type !== AST_NODE_TYPES.Identifier || test.left.name !== name) return undefined;
  const bound = getNumber(test.right);
  const step = getStep(update, name);
  if (bound === undefined || step === undefined) return undefined;
  let span: number;
  switch (test.operator) {
    case '<':
      span = bound - start;
      break;
    case '<=':
      span = bound - start + 1;
      break;
    case '>':
      span = start - bound;
      break;
    case '>=':
      span = start - bound + 1;
      break;
    default:
      return undefined;
  }
  const increasing = test.operator === '<' || test.operator === '<=';
  if (increasing !== step > 0) return undefined;
  return Math.max(0, Math.ceil(span / Math.abs(step)));
}

function getNumber(node: TSESTree.Node | null | undefined): number | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return node.value;
  if (node?.type === AST_NODE_TYPES.UnaryExpression && node.operator === '-') {
    const value = getNumber(node.argument);
    return value === undefined ? undefined : -value;
  }
  return undefined;
}

/** `i++` → 1, `i -= 2` → -2; `undefined` for anything else. */
function getStep(update: TSESTree.Expression | null, name: string): number | undefined {
  if (update?.type === AST_NODE_TYPES.UpdateExpression) {
    if (update.argument.type !== AST_NODE_TYPES.Identifier || update.argument.name !== name) return undefined;
    return update.operator === '++' ? 1 : -1;
  }
  if (update?.type === AST_NODE_TYPES.AssignmentExpression) {
    if (update.left.type !== AST_NODE_TYPES.Identifier || update.left.name !== name) return undefined;
    const amount = getNumber(update.right);
    if (amount === undefined || amount === 0) return undefined;
    if (update.operator === '+=') return amount;
    if (update.operator === '-=') return -amount;
  }
  return undefined;
}
