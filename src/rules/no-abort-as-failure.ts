import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import ts from 'typescript';

import { getSdkAbortError, type SdkAbortError } from '../util/abortErrorNames.js';
import { getPackageName } from '../util/aiModules.js';
import { alwaysExits } from '../util/alwaysExits.js';
import { getCalleeName, getMemberName } from '../util/callContext.js';
import { createCallMatcher } from '../util/callPatterns.js';
import { ABORT_NAME, TIMEOUT_NAME, getCancellationCheck, type CancellationCheck } from '../util/cancellationChecks.js';
import { getConstInitializer } from '../util/constInitializer.js';
import { createRule } from '../util/createRule.js';
import { getIndent } from '../util/fixes.js';
import { forEachDescendant } from '../util/forEachDescendant.js';
import { fixInsertHandlerCheck } from '../util/insertHandlerCheck.js';
import { forEachFollowingStatement } from '../util/followingStatements.js';
import { isFunctionNode, type FunctionNode } from '../util/functions.js';
import { getTypedServices } from '../util/getTypedServices.js';
import { getThrowIfAbortedText } from '../util/throwIfAbortedText.js';
import { isOnlyForOtherErrors } from '../util/otherErrorBranch.js';
import { findPartialStreamUse } from '../util/partialStreamUse.js';
import { getReferenceKey, getSignalOrigin, type SignalOrigin } from '../util/signalOrigin.js';
import { findCallSlot, getSlotStatus, getSlotValue, skipTypeWrappers, type SignalSlot } from '../util/signalSlots.js';
import { getSignalTypes, isNullable } from '../util/signalTypes.js';
import { DEFAULT_SILENT_STREAMS, isSilentStream, type SilentStreamSite } from '../util/silentStreams.js';

type Options = [
  {
    reporters?: string[];
    cancellationHelpers?: string;
    silentStreams?: SilentStreamSite[];
  },
];

type MessageIds =
  | 'loggedAsFailure'
  | 'swallowed'
  | 'uncheckedSignal'
  | 'nameNeverMatches'
  | 'timeoutNameMissing'
  | 'partialStream'
  | 'rethrowIfAborted'
  | 'acceptTimeoutName'
  | 'checkSignalAborted'
  | 'throwAfterStream';

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

/** Calls that record an error as a failure. Users add their own with `reporters`. */
const DEFAULT_REPORTERS = [
  'console.error',
  '*log.error',
  '*logger.error',
  '*.fatal',
  'captureException',
  'captureError',
  'noticeError',
  'recordException',
  'Bugsnag.notify',
  'Honeybadger.notify',
  'airbrake.notify',
  'Rollbar.error',
  'Rollbar.critical',
];

/** Registrations whose callbacks run later, outside the `try`. */
const LISTENERS = new Set([
  'on',
  'once',
  'addListener',
  'addEventListener',
  'addAbortListener',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
]);

/** A value the handler hands back that says "cancelled": `{ cancelled: true }`, `status: 499`, `Outcome.Aborted`. */
const CANCELLATION_WORD = /abort|cancel/i;

export default createRule<Options, MessageIds>({
  name: 'no-abort-as-failure',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow treating the cancellation of signal-carrying work as a failure or a success',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      loggedAsFailure:
        'When the signal of `{{callee}}` aborts, `{{reporter}}` records the cancellation as a failure. Tell cancellation apart first (for example `if (signal.aborted) throw error;`).',
      swallowed:
        'When the signal of `{{callee}}` aborts, this handler turns the cancellation into a normal result. Rethrow it, or return a distinct cancellation outcome.',
      uncheckedSignal:
        '`{{callee}}` is cancelled through `{{signal}}`, but the handler only checks {{checked}}: when `{{signal}}` aborts, the cancellation is treated as a failure.',
      nameNeverMatches:
        "`{{callee}}` rejects with `{{errorClass}}` when its signal aborts, whose name is '{{name}}': this name check does not recognise it.",
      timeoutNameMissing:
        "This `try` uses `AbortSignal.timeout()`, which rejects with a 'TimeoutError': this check for '{{name}}' does not recognise it.",
      partialStream:
        'This stream ends without an error when {{signal}} aborts, so `{{variable}}` may hold a partial answer when it is used after the loop. Check the signal after the loop.',
      rethrowIfAborted: 'Rethrow first when `{{signal}}` has aborted.',
      acceptTimeoutName: "Also treat a 'TimeoutError' as cancellation.",
      checkSignalAborted: 'Also treat the error as cancellation when `{{signal}}` has aborted.',
      throwAfterStream: 'Throw after the loop when `{{signal}}` has aborted.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reporters: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Calls that record an error as a failure, added to the built-in list: `method` or `object.method`, case-insensitive, `*` matching any characters (`'metrics.increment'`, `'*Reporter.report'`).",
          },
          cancellationHelpers: {
            type: 'string',
            format: 'regex',
            minLength: 1,
            description:
              'Regular expression (case-insensitive) for the names of helpers that recognise cancellation, such as `isAbortError(error)` or `axios.isCancel(error)`.',
          },
          silentStreams: {
            type: 'array',
            description:
              'Streams that end without an error when their signal aborts, added to the built-in list: a `type` or a `member` declared in `package` (`*` allowed in the package name).',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['package'],
              anyOf: [
                { type: 'object', required: ['type'] },
                { type: 'object', required: ['member'] },
              ],
              properties: {
                package: { type: 'string', minLength: 1, description: 'The package that declares the type or member.' },
                type: { type: 'string', minLength: 1, description: 'A class, interface or type alias that is iterated directly.' },
                member: {
                  type: 'string',
                  minLength: 1,
                  description: 'A property (`textStream`) or method (`toTextStream`) whose value is iterated.',
                },
              },
            },
          },
        },
      },
    ],
    defaultOptions: [{ reporters: [], cancellationHelpers: 'abort|cancel', silentStreams: [] }],
  },
  create(context, [options]) {
    const services = getTypedServices(context, 'no-abort-as-failure');
    const { sourceCode } = context;
    const checker = services.program.getTypeChecker();
    const isReporter = createCallMatcher([...DEFAULT_REPORTERS, ...(options.reporters ?? [])]);
    const helperPattern = new RegExp(options.cancellationHelpers ?? 'abort|cancel', 'i');
    const streamSites = [...DEFAULT_SILENT_STREAMS, ...(options.silentStreams ?? [])];

    return {
      TryStatement(node): void {
        if (node.handler == null) return;
        const { handler } = node;
        checkHandler({
          root: handler.body,
          body: handler.body,
          clause: handler,
          fn: undefined,
          param: handler.param,
          work: [node.block],
          statement: node,
          valueUsed: false,
        });
      },
      CallExpression(node): void {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return;
        const name = getMemberName(callee);
        const fn = name === 'catch' ? node.arguments[0] : name === 'then' ? node.arguments[1] : undefined;
        if (!isFunctionNode(fn)) return;
        const statement = getEnclosingStatement(node);
        checkHandler({
          root: fn,
          body: fn.body,
          clause: undefined,
          fn,
          param: fn.params[0],
          work: getPromiseWork(callee.object),
          statement,
          valueUsed: isValueUsed(node),
        });
      },
      'ForOfStatement[await=true]'(node: TSESTree.ForOfStatement): void {
        checkStream(node);
      },
    };

    // ---- Handlers: catch clauses, .catch() and .then(_, onRejected) ----

    function checkHandler(handler: Handler): void {
      const scan = scanHandler(handler);
      if (scan.points.length === 0) return;
      let work: Work | undefined;
      const getWork = (): Work => (work ??= findWork(handler));
      for (const point of scan.points) {
        const guards = scan.checks.filter((check) => check.node.range[0] < point.node.range[1]);
        if (point.kind === 'fallthrough' || point.kind === 'value') guards.push(...point.later.checks);
        if (point.kind !== 'log' && handsOn(point, scan.handoffs)) continue;
        if (judge(handler, point, guards, getWork)) return;
      }
    }

    /**
     * Does the handler hand the error on before `point`, so that its outcome is decided
     * elsewhere: it returns what a function given the error returns (`return await
     * recover(error, signal)`), or stores the error where later code can rethrow it
     * (`lastError = error`)? A log call (`log(error)`) decides nothing: its result is dropped.
     */
    function handsOn(point: Point, handoffs: readonly Handoff[]): boolean {
      if (point.kind === 'return' || point.kind === 'value') {
        const call = point.handedTo;
        if (call !== undefined && decidesOutcome(call)) return true;
      }
      return handoffs.some(
        (handoff) => handoff.node.range[0] < point.node.range[1] && (handoff.call === undefined || decidesOutcome(handoff.call)),
      );
    }

    /**
     * A call given the error that may rethrow it: not a reporter, and not a function of the
     * JavaScript library (`String(error)`, `JSON.stringify(error)`), which never does.
     */
    function decidesOutcome(call: TSESTree.CallExpression): boolean {
      if (isReporter(call)) return false;
      const declaration = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(call))?.getDeclaration() as
        | ts.Declaration
        | undefined;
      return declaration === undefined || !services.program.isSourceFileDefaultLibrary(declaration.getSourceFile());
    }

    /** Reports `point` if its guards do not tell this work's cancellation apart; true when reported. */
    function judge(handler: Handler, point: Point, guards: readonly CancellationCheck[], getWork: () => Work): boolean {
      if (guards.some((guard) => isStrongGuard(guard))) return false;
      const signalChecks = guards.filter((guard): guard is Extract<CancellationCheck, { kind: 'signal' }> => guard.kind === 'signal');
      const nameChecks = guards.filter((guard): guard is Extract<CancellationCheck, { kind: 'name' }> => guard.kind === 'name');
      if (nameChecks.length > 0) return judgeNameChecks(handler, nameChecks, signalChecks, getWork);
      if (signalChecks.length > 0) return judgeSignalChecks(handler, point, signalChecks, getWork);
      const work = getWork();
      const first = work.calls.find((call) => call.origin.kind === 'cancellable');
      if (first === undefined) return false;
      if ((point.kind === 'fallthrough' || point.kind === 'value') && resurfaces(point.later, work)) return false;
      if ((point.kind === 'return' || point.kind === 'value') && isErrorValue(point.node)) return false;
      reportPoint(handler, point, first, first.origin);
      return true;
    }

    function judgeSignalChecks(
      handler: Handler,
      point: Point,
      checks: readonly Extract<CancellationCheck, { kind: 'signal' }>[],
      getWork: () => Work,
    ): boolean {
      const checkedKeys = new Set(checks.flatMap((check) => getSignalOrigin(sourceCode, check.signal).keys));
      if (checkedKeys.size === 0 || !mentionsOtherSignal(handler, checkedKeys)) return false;
      const groups = groupSignals(getWork().calls);
      if (groups.length < 2) return false;
      const unchecked = groups.find((group) => !group.keys.some((key) => checkedKeys.has(key)));
      if (unchecked === undefined) return false;
      const checked = [...new Set(checks.map((check) => getReferenceKey(check.signal)).filter((key) => key !== undefined))];
      context.report({
        node: point.node,
        messageId: 'uncheckedSignal',
        data: {
          callee: getCalleeName(sourceCode, unchecked.call.node),
          signal: unchecked.keys[0]!,
          checked: checked.length > 0 ? checked.map((key) => `\`${key}\``).join(' and ') : 'another signal',
        },
        suggest: buildRethrowSuggestions(handler, unchecked.call.origin),
      });
      return true;
    }

    function judgeNameChecks(
      handler: Handler,
      checks: readonly Extract<CancellationCheck, { kind: 'name' }>[],
      signalChecks: readonly Extract<CancellationCheck, { kind: 'signal' }>[],
      getWork: () => Work,
    ): boolean {
      const work = getWork();
      const names = new Set(checks.flatMap((check) => check.names));
      const target = checks.find((check) => check.names.some((name) => ABORT_NAME.test(name))) ?? checks[0]!;
      const cancellable = work.calls.filter((call) => call.origin.kind === 'cancellable');
      const unchecked =
        signalChecks.length === 0
          ? cancellable
          : cancellable.filter((call) => {
              const keys = new Set(signalChecks.flatMap((check) => getSignalOrigin(sourceCode, check.signal).keys));
              return !call.origin.keys.some((key) => keys.has(key));
            });
      const mismatch = unchecked.find((call) => call.sdkError !== undefined && !names.has(call.sdkError.name));
      if (mismatch?.sdkError !== undefined) {
        context.report({
          node: target.node,
          messageId: 'nameNeverMatches',
          data: {
            callee: getCalleeName(sourceCode, mismatch.node),
            errorClass: mismatch.sdkError.className,
            name: mismatch.sdkError.name,
          },
          suggest: buildSignalNameSuggestions(handler, target, mismatch.origin),
        });
        return true;
      }
      const hasAbortName = [...names].some((name) => ABORT_NAME.test(name));
      const hasTimeoutName = [...names].some((name) => TIMEOUT_NAME.test(name));
      if (hasAbortName && !hasTimeoutName && work.calls.some((call) => call.origin.hasTimeout)) {
        const name = target.names.find((n) => ABORT_NAME.test(n)) ?? target.names[0]!;
        const comparison = target.comparison;
        context.report({
          node: target.node,
          messageId: 'timeoutNameMissing',
          data: { name },
          suggest:
            comparison === undefined || target.node.type !== AST_NODE_TYPES.BinaryExpression
              ? []
              : [
                  {
                    messageId: 'acceptTimeoutName',
                    fix: (fixer) => {
                      const subject = sourceCode.getText(comparison.subject);
                      const original = sourceCode.getText(target.node);
                      const text = comparison.negated
                        ? `${original} && ${subject}.name !== 'TimeoutError'`
                        : `${original} || ${subject}.name === 'TimeoutError'`;
                      return fixer.replaceText(target.node, wrapCondition(target.node, text));
                    },
                  },
                ],
        });
        return true;
      }
      return false;
    }

    /** A returned error object (`error instanceof Error ? error : new Error(…)`) is a failure handed on, not a success. */
    function isErrorValue(node: TSESTree.Node): boolean {
      const value = node.type === AST_NODE_TYPES.ReturnStatement ? node.argument : node;
      if (value == null) return false;
      const type = services.getTypeAtLocation(value);
      const members = (type.isUnion() ? type.types : [type]).filter((member) => !isNullable(member));
      return (
        members.length > 0 &&
        members.every(
          (member) =>
            (member.flags & ts.TypeFlags.Object) !== 0 &&
            checker.getPropertyOfType(member, 'name') !== undefined &&
            checker.getPropertyOfType(member, 'message') !== undefined &&
            checker.getPropertyOfType(member, 'stack') !== undefined,
        )
      );
    }

    /** Checks that recognise every cancellation of the work, whatever signal it came through. */
    function isStrongGuard(guard: CancellationCheck): boolean {
      switch (guard.kind) {
        case 'helper':
        case 'message':
        case 'flag':
          return true;
        case 'instanceof':
          return isAbortErrorClass(guard.constructor);
        default:
          return false;
      }
    }

    /** `APIUserAbortError`, `OpenAI.APIUserAbortError`, an aliased import of it, a subclass of an abort error. */
    function isAbortErrorClass(node: TSESTree.Expression): boolean {
      const name = getMemberName(node);
      if (name === 'DOMException') return false;
      if (name !== undefined && CANCELLATION_WORD.test(name)) return true;
      const type = services.getTypeAtLocation(node);
      const instance = type.getConstructSignatures()[0]?.getReturnType();
      for (let current = instance, depth = 0; current !== undefined && depth < 5; depth++) {
        const symbol = current.getSymbol();
        if (symbol !== undefined && CANCELLATION_WORD.test(symbol.name)) return true;
        current = current.isClassOrInterface() ? checker.getBaseTypes(current)[0] : undefined;
      }
      return false;
    }

    function reportPoint(handler: Handler, point: Point, call: WorkCall, origin: SignalOrigin): void {
      const callee = getCalleeName(sourceCode, call.node);
      const suggest = buildRethrowSuggestions(handler, origin);
      if (point.kind === 'log') {
        context.report({
          node: point.node,
          messageId: 'loggedAsFailure',
          data: { callee, reporter: getCalleeName(sourceCode, point.node) },
          suggest,
        });
        return;
      }
      context.report({
        ...(point.kind === 'fallthrough' ? { loc: getCatchHeadLoc(point.node) } : { node: point.node }),
        messageId: 'swallowed',
        data: { callee },
        suggest,
      });
    }

    /** The receiver of `.catch()`, and the initializer of a promise variable: `const p = fetch(…); p.catch(…)`. */
    function getPromiseWork(receiver: TSESTree.Expression): TSESTree.Node[] {
      let root = skipChain(skipTypeWrappers(receiver));
      while (root.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipChain(root.callee);
        const name = getMemberName(callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || (name !== 'then' && name !== 'catch' && name !== 'finally')) break;
        root = skipChain(skipTypeWrappers(callee.object));
      }
      if (root.type !== AST_NODE_TYPES.Identifier) return [receiver];
      const init = getConstInitializer(sourceCode, root);
      return init === undefined ? [receiver] : [receiver, init];
    }

    // ---- Scanning a handler (syntax only) ----

    function scanHandler(handler: Handler): Scan {
      const checks: CancellationCheck[] = [];
      const points: Point[] = [];
      const handoffs: Handoff[] = [];
      const errorName = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
      const getHandedTo = (value: TSESTree.Expression): TSESTree.CallExpression | undefined =>
        errorName === undefined ? undefined : findHandingCall(handler, value, errorName);
      let later: Later | undefined;
      const getLater = (): Later => (later ??= scanLater(handler));
      const isForThisError = (node: TSESTree.Node): boolean =>
        errorName === undefined || !isOnlyForOtherErrors(sourceCode, node, handler.root, errorName, helperPattern);
      forEachDescendant(sourceCode, handler.body, (node) => {
        const check = getCancellationCheck(node, helperPattern);
        if (check !== undefined) checks.push(check);
        if (node.type === AST_NODE_TYPES.CallExpression && isReporter(node) && isForThisError(node)) {
          points.push({ kind: 'log', node });
        }
        if (errorName !== undefined && node.type === AST_NODE_TYPES.AssignmentExpression) {
          const handoff = getStoredError(handler, node, errorName);
          if (handoff !== undefined && isForThisError(node)) handoffs.push(handoff);
        }
        if (
          node.type === AST_NODE_TYPES.ReturnStatement &&
          node.argument != null &&
          isSuccessValue(node.argument, errorName) &&
          (handler.fn === undefined || handler.valueUsed) &&
          isForThisError(node)
        ) {
          const handedTo = getHandedTo(node.argument);
          points.push(handler.fn === undefined ? { kind: 'return', node, handedTo } : { kind: 'value', node, handedTo, later: getLater() });
        }
      });
      if (handler.fn !== undefined && handler.body.type !== AST_NODE_TYPES.BlockStatement) {
        if (handler.valueUsed && isSuccessValue(handler.body, errorName)) {
          points.push({ kind: 'value', node: handler.body, handedTo: getHandedTo(handler.body), later: getLater() });
        }
      } else if (handler.clause !== undefined && !alwaysExits(handler.clause.body)) {
        if (getLater().returned) points.push({ kind: 'fallthrough', node: handler.clause, later: getLater() });
      }
      points.sort((a, b) => a.node.range[0] - b.node.range[0]);
      return { checks, points, handoffs };
    }

    /**
     * The call whose result `value` is, when that call is given the error: `await recover(error,
     * signal)`, or a `const` of the handler holding it (`const token = await recover(error); … token`).
     */
    function findHandingCall(handler: Handler, value: TSESTree.Expression, errorName: string): TSESTree.CallExpression | undefined {
      let node = unwrapAwait(value);
      if (node.type === AST_NODE_TYPES.Identifier) {
        const init = getConstInitializer(sourceCode, node);
        if (init === undefined || !isWithin(init, handler.root)) return undefined;
        node = unwrapAwait(init);
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      return node.arguments.some((argument) => isErrorName(argument, errorName)) ? node : undefined;
    }

    /**
     * `lastError = error`, `this.failure = error`, `result = await recover(error)`: the error, or
     * what a call given it returns, stored outside the handler, where later code decides.
     */
    function getStoredError(handler: Handler, node: TSESTree.AssignmentExpression, errorName: string): Handoff | undefined {
      if (node.operator !== '=') return undefined;
      const target = node.left;
      if (target.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
        // A variable of the handler, its parameter included, keeps nothing for later.
        const owner = handler.clause ?? handler.root;
        if (variable?.defs.some((definition) => isWithin(definition.name, owner)) === true) return undefined;
      } else if (target.type !== AST_NODE_TYPES.MemberExpression) {
        return undefined;
      }
      if (isErrorName(node.right, errorName)) return { node, call: undefined };
      const call = findHandingCall(handler, node.right, errorName);
      return call === undefined ? undefined : { node, call };
    }

    /**
     * What runs after the handler's statement until the function returns a value:
     * checks, the references it makes (work that would fail again with the same signal),
     * and whether it returns a value at all.
     */
    function scanLater(handler: Handler): Later {
      const checks: CancellationCheck[] = [];
      const references = new Set<string>();
      const state = { returned: false, stopped: false };
      forEachFollowingStatement(handler.statement, (statement) => {
        forEachDescendant(sourceCode, statement, (node) => {
          if (state.stopped) return false;
          const check = getCancellationCheck(node, helperPattern);
          if (check !== undefined) checks.push(check);
          const key = getReferenceKey(node);
          if (key !== undefined) references.add(key);
          if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) {
            state.returned = node.type === AST_NODE_TYPES.ReturnStatement && node.argument != null && isSuccessValue(node.argument);
            state.stopped = true;
          }
          return undefined;
        });
        return !state.stopped;
      });
      return { checks, references, returned: state.returned };
    }

    /** A value returned as if the work had succeeded: not `undefined`, not a cancellation outcome. */
    function isSuccessValue(node: TSESTree.Expression, errorName?: string): boolean {
      const value = skipChain(skipTypeWrappers(node));
      if (value.type === AST_NODE_TYPES.Identifier && (value.name === 'undefined' || value.name === errorName)) return false;
      if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void') return false;
      // `return Promise.reject(error)` rethrows.
      if (value.type === AST_NODE_TYPES.CallExpression && sourceCode.getText(value.callee).replace(/\s/g, '') === 'Promise.reject') return false;
      let distinct = false;
      forEachDescendant(sourceCode, value, (child) => {
        if (distinct) return false;
        if (
          (child.type === AST_NODE_TYPES.Literal &&
            (child.value === 499 || (typeof child.value === 'string' && CANCELLATION_WORD.test(child.value)))) ||
          (child.type === AST_NODE_TYPES.Identifier && CANCELLATION_WORD.test(child.name))
        ) {
          distinct = true;
        }
        return undefined;
      });
      return !distinct;
    }

    /** Cheap syntax filter: does the work mention a signal reference the checks do not name? */
    function mentionsOtherSignal(handler: Handler, checkedKeys: ReadonlySet<string>): boolean {
      let found = false;
      for (const region of handler.work) {
        forEachDescendant(
          sourceCode,
          region,
          (node) => {
            if (found) return false;
            if (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Identifier) {
              const name = node.type === AST_NODE_TYPES.Identifier ? node.name : getMemberName(node);
              if (name !== undefined && /signal/i.test(name) && !isPropertyName(node)) {
                const key = getReferenceKey(node);
                if (key === undefined || !checkedKeys.has(key)) found = true;
                return false;
              }
            }
            return undefined;
          },
          isAwaitedCallback,
        );
      }
      return found;
    }

    // ---- The signal-carrying work of a try block or a promise chain (types) ----

    function findWork(handler: Handler): Work {
      const calls: WorkCall[] = [];
      const seen = new Set<TSESTree.CallExpression>();
      // A `try` that awaits nothing only catches what is thrown synchronously: of the calls
      // that carry a signal, only `signal.throwIfAborted()` throws its cancellation that way.
      const synchronous = handler.clause !== undefined && !handler.work.some((region) => containsAwait(sourceCode, region));
      const add = (node: TSESTree.CallExpression): void => {
        if (seen.has(node)) return;
        seen.add(node);
        const call = getWorkCall(node, synchronous);
        if (call !== undefined) calls.push(call);
      };
      for (const region of handler.work) {
        forEachDescendant(
          sourceCode,
          region,
          (node) => {
            if (node.type === AST_NODE_TYPES.CallExpression) add(node);
            else if (node.type === AST_NODE_TYPES.AwaitExpression) {
              // `await stream.finalMessage()`, `await result.text`: work started before the `try`.
              const started = getStartedWork(node);
              if (started !== undefined && !handler.work.some((r) => r.range[0] <= started.range[0] && started.range[1] <= r.range[1])) {
                add(started);
              }
            }
            return undefined;
          },
          isAwaitedCallback,
        );
      }
      return { calls };
    }

    /** For `await x.method()` or `await x.prop`, where `const x = call(…)`: that call. */
    function getStartedWork(node: TSESTree.AwaitExpression): TSESTree.CallExpression | undefined {
      let target = skipChain(skipTypeWrappers(node.argument));
      if (target.type === AST_NODE_TYPES.CallExpression) target = skipChain(target.callee);
      if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const init = getConstInitializer(sourceCode, target.object);
      if (init === undefined) return undefined;
      const call = unwrapAwait(init);
      return call.type === AST_NODE_TYPES.CallExpression ? call : undefined;
    }

    /**
     * A call given a signal whose cancellation can reach the handler: `signal.throwIfAborted()`,
     * or (unless the `try` is `synchronous`) a call that returns work (a promise, a stream, an
     * async iterable, something opaque) or is awaited. A call that only stores the signal or
     * adds a listener to it (`map.set(key, signal)`, `removeAbortListener(signal, fn)`) does not.
     */
    function getWorkCall(node: TSESTree.CallExpression, synchronous: boolean): WorkCall | undefined {
      const callee = skipChain(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === 'throwIfAborted') {
        return { node, origin: getSignalOrigin(sourceCode, callee.object), sdkError: undefined };
      }
      // A call without arguments passes no signal; skip it before asking for its signature.
      if (synchronous || node.arguments.length === 0) return undefined;
      const slot = findCallSlot(services, node);
      if (slot === undefined || getSlotStatus(services, node, slot).kind !== 'given') return undefined;
      if (!isAwaited(node) && !returnsWork(node)) return undefined;
      const value = getSlotValue(node, slot);
      let origin: SignalOrigin;
      if (value !== undefined) {
        origin = getSignalOrigin(sourceCode, value);
      } else if (hasCertainSignal(node, slot)) {
        origin = { kind: 'cancellable', hasTimeout: false, key: undefined, reference: undefined, keys: [], references: [] };
      } else {
        return undefined;
      }
      if (origin.kind === 'inert') return undefined;
      const declaration = slot.signature.getDeclaration() as ts.Declaration | undefined;
      const packageName = declaration === undefined ? undefined : getPackageName(declaration.getSourceFile().fileName);
      return { node, origin, sdkError: getSdkAbortError(packageName) };
    }

    function returnsWork(node: TSESTree.CallExpression): boolean {
      const type = services.getTypeAtLocation(node);
      const types = getSignalTypes(checker);
      return types.isOpaque(type) || types.isWorkResult(type) || types.isStreamLike(type);
    }

    /**
     * For a slot filled by a non-literal (`fetch(url, init)`): is a signal certainly
     * there, because the value's type declares it as required? `RequestInit`'s
     * optional `signal` proves nothing.
     */
    function hasCertainSignal(node: TSESTree.CallExpression, slot: SignalSlot): boolean {
      let value = node.arguments[slot.index] as TSESTree.Expression | undefined;
      let path = slot.path;
      while (value !== undefined && path.length > 0) {
        const object = skipTypeWrappers(value);
        if (object.type !== AST_NODE_TYPES.ObjectExpression) break;
        const property = object.properties.find(
          (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && getMemberName(p.key) === path[0],
        );
        value = property?.value as TSESTree.Expression | undefined;
        path = path.slice(1);
      }
      if (value === undefined) return false;
      let type = services.getTypeAtLocation(value);
      for (const name of path) {
        const property = checker.getPropertyOfType(checker.getNonNullableType(type), name);
        if (property === undefined || (property.flags & ts.SymbolFlags.Optional) !== 0) return false;
        type = checker.getTypeOfSymbol(property);
      }
      return getSignalTypes(checker).isSignalLike(type) && !isNullable(type);
    }

    // ---- Streams that end silently on abort ----

    function checkStream(node: TSESTree.ForOfStatement): void {
      const use = findPartialStreamUse(sourceCode, node, helperPattern);
      if (use === undefined) return;
      const creation = findStreamCreation(node.right);
      if (creation === undefined) return;
      if (!isSilentStream(services, node.right, streamSites)) return;
      const slot = findCallSlot(services, creation);
      if (slot === undefined || getSlotStatus(services, creation, slot).kind !== 'given') return;
      const value = getSlotValue(creation, slot);
      if (value === undefined) return;
      const origin = getSignalOrigin(sourceCode, value);
      if (origin.kind === 'inert') return;
      const reference = origin.references[0] ?? origin.reference;
      const signalText = reference === undefined ? 'its signal' : `\`${sourceCode.getText(reference)}\``;
      const closing = sourceCode.getTokenBefore(node.body);
      context.report({
        loc: { start: node.loc.start, end: closing?.loc.end ?? node.right.loc.end },
        messageId: 'partialStream',
        data: { signal: signalText, variable: use.variable },
        suggest:
          reference === undefined || !isVisibleAt(reference, node)
            ? []
            : [
                {
                  messageId: 'throwAfterStream',
                  data: { signal: sourceCode.getText(reference) },
                  fix: (fixer) => fixer.insertTextAfter(node, `\n${getIndent(sourceCode, node)}${buildThrowIfAborted(reference, node)}`),
                },
              ],
      });
    }

    /** The call that created the stream: inline, or the initializer of the variable iterated (or of its owner). */
    function findStreamCreation(right: TSESTree.Expression): TSESTree.CallExpression | undefined {
      let node = unwrapAwait(right);
      if (node.type === AST_NODE_TYPES.MemberExpression) node = unwrapAwait(node.object);
      else if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipChain(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
          node = callee.object;
        }
      }
      if (node.type === AST_NODE_TYPES.Identifier) {
        const init = getConstInitializer(sourceCode, node);
        if (init === undefined) return undefined;
        node = unwrapAwait(init);
      }
      return node.type === AST_NODE_TYPES.CallExpression ? node : undefined;
    }

    // ---- Suggestions ----

    function buildRethrowSuggestions(handler: Handler, origin: SignalOrigin): Suggestion[] {
      const reference = origin.references.find((candidate) => isVisibleAt(candidate, handler.body));
      if (reference === undefined) return [];
      const param = handler.param;
      if (param != null && param.type !== AST_NODE_TYPES.Identifier) return [];
      const signal = sourceCode.getText(reference);
      const owner = handler.clause ?? handler.fn;
      if (owner === undefined) return [];
      return [
        {
          messageId: 'rethrowIfAborted',
          data: { signal },
          fix: (fixer) => {
            const access = isNullable(services.getTypeAtLocation(reference)) ? '?.' : '.';
            return fixInsertHandlerCheck(fixer, sourceCode, owner, (error) => `if (${signal}${access}aborted) throw ${error};`) ?? null;
          },
        },
      ];
    }

    function buildSignalNameSuggestions(
      handler: Handler,
      check: Extract<CancellationCheck, { kind: 'name' }>,
      origin: SignalOrigin,
    ): Suggestion[] {
      const reference = origin.references.find((candidate) => isVisibleAt(candidate, handler.body));
      if (reference === undefined || check.comparison === undefined || check.node.type !== AST_NODE_TYPES.BinaryExpression) return [];
      const signal = sourceCode.getText(reference);
      const { negated } = check.comparison;
      return [
        {
          messageId: 'checkSignalAborted',
          data: { signal },
          fix: (fixer) => {
            const access = isNullable(services.getTypeAtLocation(reference)) ? '?.' : '.';
            const original = sourceCode.getText(check.node);
            const text = negated ? `${original} && !${signal}${access}aborted` : `${original} || ${signal}${access}aborted`;
            return fixer.replaceText(check.node, wrapCondition(check.node, text));
          },
        },
      ];
    }

    /** Does `reference` (a plain `a.b.c` or `this.a`) mean the same thing at `at`? */
    function isVisibleAt(reference: TSESTree.Expression, at: TSESTree.Node): boolean {
      let root: TSESTree.Node = skipChain(reference);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = skipChain(root.object);
      if (root.type === AST_NODE_TYPES.ThisExpression) return getThisOwner(root) === getThisOwner(at);
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const declared = ASTUtils.findVariable(sourceCode.getScope(root), root);
      const seen = ASTUtils.findVariable(sourceCode.getScope(at), root.name);
      return declared !== null && declared === seen;
    }

    /** `signal.throwIfAborted();`, or `if (signal.aborted) throw signal.reason;` for signal types without the method. */
    function buildThrowIfAborted(reference: TSESTree.Expression, at: TSESTree.Node): string {
      const key = getReferenceKey(reference) ?? sourceCode.getText(reference);
      const call = getThrowIfAbortedText(sourceCode, services, { text: key, kind: 'local', owner: undefined }, reference, at);
      if (call !== undefined) return `${call};`;
      const text = sourceCode.getText(reference);
      const access = isNullable(services.getTypeAtLocation(reference)) ? '?.' : '.';
      return `if (${text}${access}aborted) throw ${text}.reason;`;
    }

    function getCatchHeadLoc(clause: TSESTree.CatchClause): TSESTree.SourceLocation {
      const keyword = sourceCode.getFirstToken(clause)!;
      const end = clause.param != null ? (sourceCode.getTokenAfter(clause.param)?.loc.end ?? clause.param.loc.end) : keyword.loc.end;
      return { start: keyword.loc.start, end };
    }
  },
});

interface Handler {
  /** The node that owns the handler's code: the catch body, or the handler function. */
  readonly root: TSESTree.Node;
  readonly body: TSESTree.BlockStatement | TSESTree.Expression;
  readonly clause: TSESTree.CatchClause | undefined;
  readonly fn: FunctionNode | undefined;
  readonly param: TSESTree.Node | null | undefined;
  /** Where the work whose errors reach the handler is written. */
  readonly work: readonly TSESTree.Node[];
  /** The statement that holds the `try` or the promise chain. */
  readonly statement: TSESTree.Node;
  /** For promise handlers: is the value of the chain used? */
  readonly valueUsed: boolean;
}

interface Later {
  readonly checks: CancellationCheck[];
  readonly references: ReadonlySet<string>;
  /** The function goes on to return a value. */
  readonly returned: boolean;
}

type Point =
  | { readonly kind: 'log'; readonly node: TSESTree.CallExpression }
  | { readonly kind: 'return'; readonly node: TSESTree.ReturnStatement; readonly handedTo: TSESTree.CallExpression | undefined }
  | {
      readonly kind: 'value';
      readonly node: TSESTree.ReturnStatement | TSESTree.Expression;
      /** The call given the error whose result is returned: `return recover(error)`. */
      readonly handedTo: TSESTree.CallExpression | undefined;
      readonly later: Later;
    }
  | { readonly kind: 'fallthrough'; readonly node: TSESTree.CatchClause; readonly later: Later };

/** The error stored outside the handler: itself, or what `call` (given the error) returns. */
interface Handoff {
  readonly node: TSESTree.AssignmentExpression;
  readonly call: TSESTree.CallExpression | undefined;
}

interface Scan {
  readonly checks: CancellationCheck[];
  readonly points: Point[];
  readonly handoffs: Handoff[];
}

interface WorkCall {
  readonly node: TSESTree.CallExpression;
  readonly origin: SignalOrigin;
  readonly sdkError: SdkAbortError | undefined;
}

interface Work {
  readonly calls: readonly WorkCall[];
}

/** Cancellable signals with a known name, grouped when one follows the other (`AbortSignal.any([signal, …])`). */
function groupSignals(calls: readonly WorkCall[]): { keys: string[]; call: WorkCall }[] {
  const groups: { keys: string[]; call: WorkCall }[] = [];
  for (const call of calls) {
    if (call.origin.kind !== 'cancellable' || call.origin.keys.length === 0) continue;
    const group = groups.find((g) => g.keys.some((key) => call.origin.keys.includes(key)));
    if (group === undefined) groups.push({ keys: [...call.origin.keys], call });
    else group.keys.push(...call.origin.keys.filter((key) => !group.keys.includes(key)));
  }
  return groups;
}

function resurfaces(later: Later, work: Work): boolean {
  return work.calls.some((call) => call.origin.kind === 'cancellable' && call.origin.keys.some((key) => later.references.has(key)));
}

/** Callbacks in the `try` whose rejections reach the handler: not listeners or timers, which run later. */
function isAwaitedCallback(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const name = getMemberName(skipChain(parent.callee));
  return name === undefined || !LISTENERS.has(name);
}

/** `await call(…)`, `await call(…)!`, `await (call(…) as T)`. */
function isAwaited(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  while (
    node.parent.type === AST_NODE_TYPES.ChainExpression ||
    node.parent.type === AST_NODE_TYPES.TSAsExpression ||
    node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    node = node.parent;
  }
  return node.parent.type === AST_NODE_TYPES.AwaitExpression;
}

/**
 * Does `region` (outside nested functions) wait for something: `await`, `for await`,
 * `await using`, or a `yield` (an async generator awaits what it yields)?
 */
function containsAwait(sourceCode: Readonly<TSESLint.SourceCode>, region: TSESTree.Node): boolean {
  let found = false;
  forEachDescendant(sourceCode, region, (node) => {
    if (found) return false;
    if (
      node.type === AST_NODE_TYPES.AwaitExpression ||
      node.type === AST_NODE_TYPES.YieldExpression ||
      (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
      (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'await using')
    ) {
      found = true;
    }
    return undefined;
  });
  return found;
}

function isValueUsed(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  let parent = node.parent;
  while (
    parent.type === AST_NODE_TYPES.AwaitExpression ||
    parent.type === AST_NODE_TYPES.ChainExpression ||
    parent.type === AST_NODE_TYPES.TSAsExpression ||
    parent.type === AST_NODE_TYPES.TSNonNullExpression
  ) {
    node = parent;
    parent = node.parent;
  }
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') return false;
  return true;
}

function getEnclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent !== undefined && current.parent.type !== AST_NODE_TYPES.BlockStatement && current.parent.type !== AST_NODE_TYPES.Program) {
    if (isFunctionNode(current.parent)) return current;
    current = current.parent;
  }
  return current;
}

/** `error`, `error as Error`, `error!`: the handler's error itself. */
function isErrorName(node: TSESTree.Node, errorName: string): boolean {
  if (node.type === AST_NODE_TYPES.SpreadElement) return false;
  const inner = skipTypeWrappers(node as TSESTree.Expression);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === errorName;
}

function isWithin(node: TSESTree.Node, root: TSESTree.Node): boolean {
  return root.range[0] <= node.range[0] && node.range[1] <= root.range[1];
}

/** The key of an object property or a member name: not a reference of its own. */
function isPropertyName(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent === undefined) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.property === node && !parent.computed;
  if (parent.type === AST_NODE_TYPES.Property) return parent.key === node && !parent.computed && !parent.shorthand;
  return false;
}

/** Parenthesises a widened condition unless it is the whole test of an `if`. */
function wrapCondition(node: TSESTree.Node, text: string): string {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.IfStatement && parent.test === node ? text : `(${text})`;
}

function skipChain(node: TSESTree.Expression): TSESTree.Expression {
  return node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
}

function unwrapAwait(node: TSESTree.Expression): TSESTree.Expression {
  let current = skipChain(skipTypeWrappers(node));
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipChain(skipTypeWrappers(current.argument));
  return current;
}

/** The function whose `this` a `this` at `node` means: the nearest non-arrow function. */
function getThisOwner(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) return current;
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current;
  }
  return undefined;
}
