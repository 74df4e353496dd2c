import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils, TSESLint } from '@typescript-eslint/utils';

import { planAwaitReturnedPromises } from '../util/awaitReturnedPromises.js';
import { getMemberName } from '../util/callContext.js';
import { getCleanupCoverage, type CleanupCoverage } from '../util/cleanupCoverage.js';
import { getControllerUsage, type AbortSite } from '../util/controllerUsage.js';
import { createRule } from '../util/createRule.js';
import { isNameVisible } from '../util/declareSignal.js';
import { getIndent } from '../util/fixes.js';
import { forEachDescendant } from '../util/forEachDescendant.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from '../util/functions.js';
import { getTypedServices } from '../util/getTypedServices.js';
import { getSignalLifetime } from '../util/signalLifetime.js';
import { skipTypeWrappers } from '../util/signalSlots.js';
import { findSignalSources } from '../util/signalSources.js';
import { getSignalTypes } from '../util/signalTypes.js';
import { getStatementLineRange } from '../util/statementLineRange.js';
import { planWrapInFinally } from '../util/wrapInFinally.js';

type Options = [
  {
    checkTimers?: boolean;
    checkListeners?: boolean;
  },
];

type MessageIds =
  | 'timerNotCleared'
  | 'timerNotClearedOnEveryPath'
  | 'timerNotStored'
  | 'listenerNotRemoved'
  | 'listenerNotRemovedOnEveryPath'
  | 'clearInFinally'
  | 'useTimeoutSignal'
  | 'removeInFinally'
  | 'disposeWithUsing';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;
type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;
type Variable = TSESLint.Scope.Variable;

/** A `setTimeout(…)` whose callback aborts a controller. */
interface AbortingTimer {
  readonly call: TSESTree.CallExpression;
  /** The expression `.abort()` is called on. */
  readonly controller: TSESTree.Expression;
  /** `setTimeout(() => controller.abort(), ms)` exactly: replaceable by `AbortSignal.timeout(ms)`. */
  readonly delay: TSESTree.Expression | undefined;
}

/** Where a timer handle or a listener's disposable is kept. */
interface Holder {
  readonly variable: Variable;
  /** The statement that stores it: `const timer = setTimeout(…)` or `timer = setTimeout(…);`. */
  readonly statement: TSESTree.Statement;
}

const LISTENER_METHODS = new Set(['addEventListener', 'removeEventListener', 'on', 'once', 'off', 'addListener', 'removeListener']);
const TIMER_HANDLE_METHODS = new Set(['ref', 'unref', 'refresh', 'hasRef']);
const TIMER_MODULES = new Set(['timers', 'node:timers']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'global', 'self']);

export default createRule<Options, MessageIds>({
  name: 'require-abort-cleanup',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require clearing abort timers and removing abort listeners when the work they guard ends',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      timerNotCleared:
        'This timer aborts `{{controller}}` but is never cleared: it stays pending after the work ends, holds everything its callback reaches, and keeps Node running. Clear it in a `finally` block.',
      timerNotClearedOnEveryPath:
        'This timer aborts `{{controller}}` but is cleared on some paths only: an error or an early return before `clearTimeout` leaves it pending. Clear it in a `finally` block.',
      timerNotStored:
        'This timer aborts `{{controller}}` but its handle is not kept, so it can never be cleared once the work ends. Use `AbortSignal.timeout()` instead.',
      listenerNotRemoved:
        "This 'abort' listener stays on `{{signal}}`, which outlives this function: every call leaves one behind (with all it references) until `{{signal}}` aborts. Remove it when the work ends.",
      listenerNotRemovedOnEveryPath:
        "This 'abort' listener on `{{signal}}`, which outlives this function, is removed on some paths only: an error or an early return skips the removal. Remove it in a `finally` block.",
      clearInFinally: 'Wrap the work that follows in `try { … } finally { clearTimeout({{timer}}) }`.',
      useTimeoutSignal: 'Replace `{{controller}}` and its timer with `{{replacement}}`.',
      removeInFinally: "Wrap the work that follows in `try { … } finally { {{signal}}.removeEventListener('abort', {{handler}}) }`.",
      disposeWithUsing: 'Declare the listener with `using` so that it is removed when the function returns.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkTimers: {
            type: 'boolean',
            description: '`setTimeout` calls that abort a local controller must be cleared when the work ends.',
          },
          checkListeners: {
            type: 'boolean',
            description:
              "'abort' listeners added to a signal that outlives the function (`addEventListener`, `addAbortListener`) must be removed when the work ends.",
          },
        },
      },
    ],
    defaultOptions: [{ checkTimers: true, checkListeners: true }],
  },
  create(context, [options]) {
    const services = getTypedServices(context, 'require-abort-cleanup');
    const { sourceCode } = context;
    const checker = services.program.getTypeChecker();
    const types = getSignalTypes(checker);
    const isTypeScript = /\.[cm]?tsx?$/.test(context.filename);
    const checkTimers = options.checkTimers !== false;
    const checkListeners = options.checkListeners !== false;

    return {
      CallExpression(node): void {
        // Syntax first: only these three shapes ever reach the checker.
        if (checkTimers) {
          const timer = parseAbortingTimer(node);
          if (timer !== undefined) {
            checkTimer(timer);
            return;
          }
        }
        if (!checkListeners) return;
        if (isAbortListenerCall(node)) checkListener(node);
        else if (isAddAbortListenerCall(node)) checkAddAbortListener(node);
      },
    };

    // ---- timers ------------------------------------------------------------------------------

    function checkTimer(timer: AbortingTimer): void {
      const { call } = timer;
      const fn = getEnclosingFunction(call);
      if (fn === undefined) return;
      const controller = skipWrappers(timer.controller);
      // A controller of this call: a field or a module-level controller lives on its own schedule.
      if (controller.type !== AST_NODE_TYPES.Identifier) return;
      const controllerVariable = findLocalVariable(controller, fn);
      if (controllerVariable === undefined) return;
      if (!isGlobalTimer(call)) return;
      if (!types.isControllerLike(services.getTypeAtLocation(controller))) return;
      const data = { controller: controller.name };

      if (isDiscarded(call)) {
        const statement = call.parent.type === AST_NODE_TYPES.UnaryExpression ? call.parent.parent : call.parent;
        const timeout = planTimeoutSignal(timer, controllerVariable, statement as TSESTree.Statement);
        context.report({ node: call, messageId: 'timerNotStored', data, suggest: timeout === undefined ? [] : [timeout] });
        return;
      }
      const holder = findHolder(call, fn);
      if (holder === undefined) return;
      const cleanups: TSESTree.Node[] = [];
      let reads = 0;
      for (const reference of holder.variable.references) {
        if (reference.identifier === getHolderIdentifier(holder)) continue;
        if (reference.isWrite()) return;
        reads++;
        if (reference.identifier.type !== AST_NODE_TYPES.Identifier) return;
        const use = classifyTimerUse(reference.identifier);
        if (use === 'escape') return;
        if (use !== 'neutral') cleanups.push(use);
      }
      const coverage = getCleanupCoverage(sourceCode, call, cleanups, fn);
      if (coverage === 'always' || coverage === 'unknown') return;
      const timerName = holder.variable.name;
      const suggest: Suggestion[] = [];
      const wrap = planWrap(fn, holder.statement, `clearTimeout(${timerName});`, (statement) =>
        isCallStatement(statement, (expression) => isClearCall(expression) && isIdentifierNamed(expression.arguments[0], timerName)),
      );
      if (wrap !== undefined) suggest.push({ messageId: 'clearInFinally', data: { timer: timerName }, fix: wrap });
      if (reads === 0) {
        const timeout = planTimeoutSignal(timer, controllerVariable, holder.statement);
        if (timeout !== undefined) suggest.push(timeout);
      }
      context.report({ node: call, messageId: coverageMessage(coverage, 'timer'), data, suggest });
    }

    /** `setTimeout(() => controller.abort(), ms)` and its variants; `undefined` for any other call. */
    function parseAbortingTimer(node: TSESTree.CallExpression): AbortingTimer | undefined {
      const callee = node.callee;
      const isSetTimeout =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name === 'setTimeout'
          : callee.type === AST_NODE_TYPES.MemberExpression &&
            !callee.computed &&
            callee.object.type === AST_NODE_TYPES.Identifier &&
            GLOBAL_OBJECTS.has(callee.object.name) &&
            callee.property.type === AST_NODE_TYPES.Identifier &&
            callee.property.name === 'setTimeout';
      if (!isSetTimeout) return undefined;
      const [callback, delay] = node.arguments;
      if (callback === undefined || callback.type === AST_NODE_TYPES.SpreadElement) return undefined;
      if (isFunctionNode(callback)) {
        const abort = findAbortCall(callback);
        if (abort === undefined) return undefined;
        const isExact =
          callback.type === AST_NODE_TYPES.ArrowFunctionExpression &&
          callback.params.length === 0 &&
          getSingleExpression(callback) === abort.call &&
          abort.call.arguments.length === 0 &&
          node.arguments.length === 2 &&
          delay !== undefined &&
          delay.type !== AST_NODE_TYPES.SpreadElement;
        return { call: node, controller: abort.object, delay: isExact ? delay : undefined };
      }
      // `setTimeout(controller.abort.bind(controller), ms)`
      if (
        callback.type === AST_NODE_TYPES.CallExpression &&
        getMemberName(callback.callee) === 'bind' &&
        callback.callee.type === AST_NODE_TYPES.MemberExpression &&
        getMemberName(callback.callee.object) === 'abort' &&
        callback.callee.object.type === AST_NODE_TYPES.MemberExpression
      ) {
        return { call: node, controller: callback.callee.object.object, delay: undefined };
      }
      return undefined;
    }

    function findAbortCall(callback: FunctionNode): { call: TSESTree.CallExpression; object: TSESTree.Expression } | undefined {
      let found: { call: TSESTree.CallExpression; object: TSESTree.Expression } | undefined;
      forEachDescendant(sourceCode, callback.body, (node) => {
        if (found !== undefined) return false;
        if (
          node.type === AST_NODE_TYPES.CallExpression &&
          node.callee.type === AST_NODE_TYPES.MemberExpression &&
          !node.callee.computed &&
          node.callee.property.type === AST_NODE_TYPES.Identifier &&
          node.callee.property.name === 'abort'
        ) {
          found = { call: node, object: node.callee.object };
        }
        return found === undefined;
      });
      return found;
    }

    /** `setTimeout` is the global timer (or `node:timers`'), not a local function of that name. */
    function isGlobalTimer(call: TSESTree.CallExpression): boolean {
      if (call.callee.type !== AST_NODE_TYPES.Identifier) return true;
      const variable = ASTUtils.findVariable(sourceCode.getScope(call), call.callee);
      if (variable === null || variable.defs.length === 0) return true;
      const [definition] = variable.defs;
      return (
        definition?.type === TSESLint.Scope.DefinitionType.ImportBinding &&
        definition.parent.type === AST_NODE_TYPES.ImportDeclaration &&
        TIMER_MODULES.has(definition.parent.source.value)
      );
    }

    /** A use of a timer handle: a cleanup call, harmless (`timer.unref()`, `if (timer)`), or an escape. */
    function classifyTimerUse(identifier: TSESTree.Identifier): TSESTree.Node | 'neutral' | 'escape' {
      const node = climbWrappers(identifier);
      const parent = node.parent;
      if (parent === undefined) return 'escape';
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node && isClearCall(parent)) return parent;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        const call = parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent ? parent.parent : undefined;
        if (call === undefined) return 'escape';
        const name = parent.computed ? undefined : getMemberName(parent);
        if (name !== undefined && TIMER_HANDLE_METHODS.has(name)) return 'neutral';
        if (name === 'close' || isSymbolDispose(parent)) return call;
        return 'escape';
      }
      return isTest(node) ? 'neutral' : 'escape';
    }

    function isClearCall(call: TSESTree.CallExpression): boolean {
      const name = getMemberName(call.callee);
      return name === 'clearTimeout' || name === 'clearInterval';
    }

    // ---- listeners ---------------------------------------------------------------------------

    function checkListener(node: TSESTree.CallExpression): void {
      const fn = getEnclosingFunction(node);
      if (fn === undefined || !isWorkFunction(fn)) return;
      const callee = node.callee as TSESTree.MemberExpression;
      const receiver = callee.object;
      if (getSignalLifetime(sourceCode, receiver, fn) !== 'outer') return;
      const optionController = parseSignalOption(node.arguments[2]);
      if (optionController === null) return;
      if (!types.isSignalLike(services.getTypeAtLocation(receiver))) return;

      const coverage =
        optionController !== undefined
          ? getControllerAbortCoverage(optionController, node, fn)
          : getRemovalCoverage(node, fn);
      if (coverage === 'always' || coverage === 'unknown' || endsElsewhere(fn, node)) return;
      const signal = describe(receiver);
      const suggestion = planRemoveInFinally(node, fn, optionController === undefined);
      context.report({
        node,
        messageId: coverageMessage(coverage, 'listener'),
        data: { signal },
        suggest: suggestion === undefined ? [] : [suggestion],
      });
    }

    /**
     * The controller behind a `{ signal: controller.signal }` option; `undefined` without such an
     * option; `null` when the options cannot be read (a variable, a spread, another signal).
     */
    function parseSignalOption(argument: TSESTree.CallExpressionArgument | undefined): TSESTree.Identifier | undefined | null {
      if (argument === undefined) return undefined;
      if (argument.type === AST_NODE_TYPES.SpreadElement) return null;
      const options = skipWrappers(argument);
      if (options.type === AST_NODE_TYPES.Literal) return typeof options.value === 'boolean' ? undefined : null;
      if (options.type !== AST_NODE_TYPES.ObjectExpression) return null;
      if (options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return null;
      const signal = options.properties.find(
        (property): property is TSESTree.Property =>
          property.type === AST_NODE_TYPES.Property && getPropertyKey(property) === 'signal',
      );
      if (signal === undefined) return undefined;
      const value = skipWrappers(signal.value as TSESTree.Expression);
      if (
        value.type === AST_NODE_TYPES.MemberExpression &&
        !value.computed &&
        getMemberName(value) === 'signal' &&
        value.object.type === AST_NODE_TYPES.Identifier
      ) {
        return value.object;
      }
      return null;
    }

    /** A `{ signal: controller.signal }` option removes the listener when `controller.abort()` runs. */
    function getControllerAbortCoverage(controller: TSESTree.Identifier, setup: TSESTree.CallExpression, fn: FunctionNode): CleanupCoverage {
      if (getSignalLifetime(sourceCode, controller, fn) !== 'local') return 'unknown';
      const usage = getControllerUsage(sourceCode, controller);
      if (usage?.kind !== 'variable' || !usage.complete || usage.escapes.length > 0) return 'unknown';
      // An abort inside the listener itself runs only once the outer signal has fired.
      const aborts = usage.aborts.filter((abort) => abort.call.range[0] < setup.range[0] || abort.call.range[1] > setup.range[1]);
      return getCleanupCoverage(
        sourceCode,
        setup,
        aborts.map((abort) => abort.call),
        fn,
      );
    }

    /** Where `removeEventListener('abort', handler)` runs for the handler passed to `setup`. */
    function getRemovalCoverage(setup: TSESTree.CallExpression, fn: FunctionNode): CleanupCoverage {
      const argument = setup.arguments[1];
      if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
      const handler = skipWrappers(argument);
      // An inline function, or a fresh one (`onAbort.bind(this)`): nothing can ever remove it.
      if (isFunctionNode(handler) || handler.type === AST_NODE_TYPES.CallExpression) return 'none';
      if (handler.type !== AST_NODE_TYPES.Identifier) return 'unknown';
      const variable = ASTUtils.findVariable(sourceCode.getScope(handler), handler);
      if (variable === null) return 'unknown';
      const cleanups: TSESTree.Node[] = [];
      for (const reference of variable.references) {
        if (reference.identifier === handler || reference.init === true) continue;
        if (reference.isWrite()) return 'unknown';
        const node = climbWrappers(reference.identifier);
        const parent = node.parent;
        if (parent?.type !== AST_NODE_TYPES.CallExpression) return 'unknown';
        if (parent.callee === node) continue;
        const method = getMemberName(parent.callee);
        if (method === undefined || !LISTENER_METHODS.has(method)) return 'unknown';
        if (method === 'removeEventListener' && parent.arguments[1] === node && isAbortType(parent.arguments[0])) {
          cleanups.push(parent);
        }
      }
      return getCleanupCoverage(sourceCode, setup, cleanups, fn);
    }

    function checkAddAbortListener(node: TSESTree.CallExpression): void {
      const fn = getEnclosingFunction(node);
      if (fn === undefined || !isWorkFunction(fn)) return;
      const [signalArgument] = node.arguments;
      if (signalArgument === undefined || signalArgument.type === AST_NODE_TYPES.SpreadElement) return;
      if (getSignalLifetime(sourceCode, signalArgument, fn) !== 'outer') return;
      const parent = node.parent;
      let holder: Holder | undefined;
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
        const declaration = parent.parent;
        if (declaration.kind === 'using' || declaration.kind === 'await using') return;
        holder = findHolder(node, fn);
        if (holder === undefined) return;
      } else if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
        holder = findHolder(node, fn);
        if (holder === undefined) return;
      } else if (parent.type !== AST_NODE_TYPES.ExpressionStatement) {
        // Returned, passed on, stored in an object: someone else disposes of it.
        return;
      }
      const cleanups: TSESTree.Node[] = [];
      let reads = 0;
      if (holder !== undefined) {
        for (const reference of holder.variable.references) {
          if (reference.identifier === getHolderIdentifier(holder)) continue;
          if (reference.isWrite()) return;
          reads++;
          const use = climbWrappers(reference.identifier).parent;
          const call = use?.type === AST_NODE_TYPES.MemberExpression && isSymbolDispose(use) ? findCallOf(use) : undefined;
          if (call === undefined) return;
          cleanups.push(call);
        }
      }
      if (!types.isSignalLike(services.getTypeAtLocation(signalArgument))) return;
      const coverage = getCleanupCoverage(sourceCode, node, cleanups, fn);
      if (coverage === 'always' || coverage === 'unknown' || endsElsewhere(fn, node)) return;
      const statement = parent.type === AST_NODE_TYPES.ExpressionStatement ? parent : holder?.statement;
      const suggestion = reads === 0 && statement !== undefined ? planUsing(node, fn, statement) : undefined;
      context.report({
        node,
        messageId: coverageMessage(coverage, 'listener'),
        data: { signal: describe(signalArgument) },
        suggest: suggestion === undefined ? [] : [suggestion],
      });
    }

    /**
     * The work the listener guards does not end in this function: a promise that only the abort
     * settles (`new Promise((resolve) => signal.addEventListener('abort', resolve))`), or a
     * function that returns running work (a stream, a `Response`) the listener still serves.
     */
    function endsElsewhere(fn: FunctionNode, setup: TSESTree.CallExpression): boolean {
      if (!fn.async) return settlesOnlyThrough(fn, setup);
      return containsOwn(fn.body, (node) => {
        if (node.type !== AST_NODE_TYPES.ReturnStatement || node.argument == null) return false;
        const type = services.getTypeAtLocation(node.argument);
        const awaited = checker.getAwaitedType(type) ?? type;
        return types.isWorkResult(awaited) || types.isStreamLike(awaited);
      });
    }

    /** A promise executor whose `resolve`/`reject` are used only inside `setup`. */
    function settlesOnlyThrough(executor: FunctionNode, setup: TSESTree.CallExpression): boolean {
      const settlers = executor.params.slice(0, 2);
      if (settlers.length === 0 || settlers.some((parameter) => parameter.type !== AST_NODE_TYPES.Identifier)) return false;
      const names = new Set(settlers.map((parameter) => (parameter as TSESTree.Identifier).name));
      return sourceCode
        .getDeclaredVariables(executor)
        .filter((variable) => names.has(variable.name))
        .every((variable) =>
          variable.references.every(
            (reference) => setup.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= setup.range[1],
          ),
        );
    }

    // ---- suggestions -------------------------------------------------------------------------

    /** Wraps the rest of the block in `try { … } finally { cleanup }` (see `planWrapInFinally`). */
    function planWrap(
      fn: FunctionNode,
      statement: TSESTree.Statement,
      cleanup: string,
      isRedundant: (statement: TSESTree.Statement) => boolean,
      extraFixes: (fixer: Fixer) => Fix[] = () => [],
    ): ((fixer: Fixer) => Fix[]) | undefined {
      const wrap = planWrapInFinally(sourceCode, services, fn, statement, cleanup, isRedundant);
      if (wrap === undefined) return undefined;
      return (fixer) => [...extraFixes(fixer), fixer.replaceTextRange(wrap.range, wrap.text)];
    }

    /** `removeEventListener` in `finally` for a listener added by `node` (naming an inline handler first). */
    function planRemoveInFinally(node: TSESTree.CallExpression, fn: FunctionNode, canRemove: boolean): Suggestion | undefined {
      if (!canRemove) return undefined;
      const statement = node.parent.type === AST_NODE_TYPES.ChainExpression ? node.parent.parent : node.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      const callee = node.callee as TSESTree.MemberExpression;
      if (!isStableReference(callee.object)) return undefined;
      const [type, handlerArgument] = node.arguments;
      if (type === undefined || handlerArgument === undefined || handlerArgument.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const handler = skipWrappers(handlerArgument);
      let handlerName: string;
      let extraFixes: (fixer: Fixer) => Fix[] = () => [];
      if (handler.type === AST_NODE_TYPES.Identifier) {
        handlerName = handler.name;
      } else if (handler.type === AST_NODE_TYPES.ArrowFunctionExpression && handler.params.every(hasTypeAnnotation)) {
        const name = pickName(statement, ['onAbort', 'onAbortListener', 'handleAbort']);
        if (name === undefined) return undefined;
        handlerName = name;
        const indent = getIndent(sourceCode, statement);
        extraFixes = (fixer) => [
          fixer.insertTextBefore(statement, `const ${name} = ${sourceCode.getText(handlerArgument)};\n${indent}`),
          fixer.replaceText(handlerArgument, name),
        ];
      } else {
        return undefined;
      }
      const receiver = sourceCode.getText(callee.object);
      const dot = callee.optional ? '?.' : '.';
      const cleanup = `${receiver}${dot}removeEventListener(${sourceCode.getText(type)}, ${handlerName});`;
      const fix = planWrap(
        fn,
        statement,
        cleanup,
        (candidate) =>
          isCallStatement(
            candidate,
            (call) =>
              getMemberName(call.callee) === 'removeEventListener' &&
              isAbortType(call.arguments[0]) &&
              isIdentifierNamed(call.arguments[1], handlerName),
          ),
        extraFixes,
      );
      if (fix === undefined) return undefined;
      return { messageId: 'removeInFinally', data: { signal: describe(callee.object), handler: handlerName }, fix };
    }

    /** `addAbortListener(signal, fn);` → `using _ = addAbortListener(signal, fn);` in an async function's body. */
    function planUsing(node: TSESTree.CallExpression, fn: FunctionNode, statement: TSESTree.Statement): Suggestion | undefined {
      if (!isTypeScript || !fn.async || statement.parent !== fn.body) return undefined;
      const body = fn.body as TSESTree.BlockStatement;
      const rest = body.body.slice(body.body.indexOf(statement) + 1);
      if (!hasAwait(rest)) return undefined;
      // `using` disposes when the function returns: a returned promise must be awaited first.
      const returns = planAwaitReturnedPromises(sourceCode, services, rest);
      if (returns === undefined) return undefined;
      const awaitReturns = (fixer: Fixer): Fix[] => returns.map((edit) => fixer.insertTextAfterRange(edit.range, edit.text));
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const name = pickName(statement, ['_', 'abortListener', 'abortListener2']);
        if (name === undefined) return undefined;
        return { messageId: 'disposeWithUsing', fix: (fixer) => [fixer.insertTextBefore(node, `using ${name} = `), ...awaitReturns(fixer)] };
      }
      if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) {
        const keyword = sourceCode.getFirstToken(statement);
        if (keyword === null) return undefined;
        return { messageId: 'disposeWithUsing', fix: (fixer) => [fixer.replaceText(keyword, 'using'), ...awaitReturns(fixer)] };
      }
      return undefined;
    }

    /**
     * `const controller = new AbortController(); setTimeout(() => controller.abort(), ms); … controller.signal`
     * → `const signal = AbortSignal.timeout(ms); … signal`, combined with the caller's signal (or the
     * signals linked to the controller by hand) through `AbortSignal.any`.
     */
    function planTimeoutSignal(timer: AbortingTimer, controller: Variable, statement: TSESTree.Statement): Suggestion | undefined {
      const { delay } = timer;
      if (delay === undefined) return undefined;
      const definition = controller.defs[0];
      if (definition?.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
      if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length !== 1) return undefined;
      const declaration = definition.parent;
      const init = definition.node.init;
      if (
        declaration.kind !== 'const' ||
        declaration.declarations.length !== 1 ||
        init?.type !== AST_NODE_TYPES.NewExpression ||
        init.callee.type !== AST_NODE_TYPES.Identifier ||
        init.callee.name !== 'AbortController' ||
        init.arguments.length > 0
      ) {
        return undefined;
      }
      const block = statement.parent;
      if (block.type !== AST_NODE_TYPES.BlockStatement || declaration.parent.type !== AST_NODE_TYPES.BlockStatement) return undefined;
      const controllerNode = skipWrappers(timer.controller);
      if (controllerNode.type !== AST_NODE_TYPES.Identifier) return undefined;
      const usage = getControllerUsage(sourceCode, controllerNode);
      if (usage?.kind !== 'variable' || !usage.complete || usage.escapes.length > 0 || usage.creations.length !== 1) return undefined;
      const links = new Map<TSESTree.Statement, string>();
      for (const abort of usage.aborts) {
        if (abort.trigger.kind === 'timer' && abort.trigger.registration === timer.call) continue;
        const link = findHandLink(abort, controller.name, block, statement);
        if (link === undefined) return undefined;
        links.set(link.statement, link.signal);
      }
      const signalUses = usage.signalReads;
      // Every `controller.signal` must come after the timer, where the new signal is declared.
      if (signalUses.some((use) => use.range[0] < statement.range[1] || use.range[1] > block.range[1] || isWriteTarget(use))) {
        return undefined;
      }
      if (signalUses.length === 0) return undefined;
      let sources = [...new Set(links.values())];
      if (sources.length === 0) {
        const callerSignal = findSignalSources(sourceCode, services, timer.call).find(
          (source) =>
            source.declare === undefined &&
            source.kind !== 'controller' &&
            source.text !== controller.name &&
            !source.text.startsWith(`${controller.name}.`),
        );
        if (callerSignal !== undefined) sources = [callerSignal.text];
      }
      const name = pickName(statement, ['signal', 'timeoutSignal', 'deadlineSignal']);
      if (name === undefined) return undefined;
      const timeout = `AbortSignal.timeout(${sourceCode.getText(delay)})`;
      const replacement = sources.length === 0 ? timeout : `AbortSignal.any([${[...sources, timeout].join(', ')}])`;
      return {
        messageId: 'useTimeoutSignal',
        data: { controller: controller.name, replacement },
        fix: (fixer) => [
          fixer.removeRange(getStatementLineRange(sourceCode, declaration)),
          ...[...links.keys()].map((link) => fixer.removeRange(getStatementLineRange(sourceCode, link))),
          fixer.replaceText(statement, `const ${name} = ${replacement};`),
          ...signalUses.map((use) => replaceSignalUse(fixer, use, name)),
        ],
      };
    }

    /**
     * `signal.addEventListener('abort', () => controller.abort())`: a hand-made link from `signal`
     * to the controller, before the timer in the same block; `AbortSignal.any` replaces it.
     */
    function findHandLink(
      abort: AbortSite,
      controllerName: string,
      block: TSESTree.BlockStatement,
      timerStatement: TSESTree.Statement,
    ): { statement: TSESTree.Statement; signal: string } | undefined {
      const { trigger } = abort;
      if (trigger.kind !== 'abortListener' || trigger.registration.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const add = trigger.registration;
      const listener = add.arguments[1];
      if (!isAbortListenerCall(add) || listener?.type !== AST_NODE_TYPES.ArrowFunctionExpression || listener.body !== abort.call) {
        return undefined;
      }
      const statement = add.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== block) return undefined;
      if (statement.range[1] > timerStatement.range[0]) return undefined;
      const receiver = trigger.signal;
      const signal = sourceCode.getText(receiver);
      if (!isStableReference(receiver) || signal.split(/\W+/).includes(controllerName)) return undefined;
      return { statement, signal };
    }

    function replaceSignalUse(fixer: Fixer, use: TSESTree.MemberExpression, name: string): Fix {
      const parent = use.parent;
      if (
        parent.type === AST_NODE_TYPES.Property &&
        parent.value === use &&
        !parent.computed &&
        getPropertyKey(parent) === name &&
        parent.parent.type === AST_NODE_TYPES.ObjectExpression
      ) {
        return fixer.replaceText(parent, name);
      }
      return fixer.replaceText(use, name);
    }

    // ---- shared helpers ----------------------------------------------------------------------

    /** The variable a `const x = call` / `x = call;` stores the call's result in, declared in `fn`. */
    function findHolder(call: TSESTree.CallExpression, fn: FunctionNode): Holder | undefined {
      const parent = call.parent;
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === call && parent.id.type === AST_NODE_TYPES.Identifier) {
        const declaration = parent.parent;
        if (declaration.kind === 'using' || declaration.kind === 'await using') return undefined;
        const [variable] = sourceCode.getDeclaredVariables(parent);
        return variable === undefined ? undefined : { variable, statement: declaration };
      }
      if (
        parent.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.operator === '=' &&
        parent.right === call &&
        parent.left.type === AST_NODE_TYPES.Identifier &&
        parent.parent.type === AST_NODE_TYPES.ExpressionStatement
      ) {
        const variable = findLocalVariable(parent.left, fn);
        return variable === undefined ? undefined : { variable, statement: parent.parent };
      }
      return undefined;
    }

    function getHolderIdentifier(holder: Holder): TSESTree.Node | undefined {
      const { statement } = holder;
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        return statement.declarations.find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === holder.variable.name)?.id;
      }
      if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
        return statement.expression.left;
      }
      return undefined;
    }

    /** A `const`/`let` declared in `fn` itself (not in a function around it, not at module level). */
    function findLocalVariable(identifier: TSESTree.Identifier, fn: FunctionNode): Variable | undefined {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      if (variable === null || variable.defs.length !== 1) return undefined;
      const definition = variable.defs[0]!;
      if (definition.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
      return getEnclosingFunction(definition.name) === fn ? variable : undefined;
    }

    function hasAwait(statements: readonly TSESTree.Statement[]): boolean {
      return statements.some((statement) =>
        containsOwn(
          statement,
          (node) =>
            node.type === AST_NODE_TYPES.AwaitExpression ||
            (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
            (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'await using'),
        ),
      );
    }

    /** Does `root`'s own code (not nested functions) hold a node that passes `test`? */
    function containsOwn(root: TSESTree.Node, test: (node: TSESTree.Node) => boolean): boolean {
      const state = { found: false };
      forEachDescendant(sourceCode, root, (node) => {
        if (!state.found && test(node)) state.found = true;
        return !state.found;
      });
      return state.found;
    }

    function pickName(node: TSESTree.Node, candidates: readonly string[]): string | undefined {
      return candidates.find((candidate) => !isNameVisible(sourceCode, node, candidate));
    }

    function describe(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s+/g, '');
      return text.length <= 50 && /^[\w$.?#]+$/.test(text) ? text : 'the signal';
    }
  },
});

function coverageMessage(coverage: 'none' | 'partial', kind: 'timer' | 'listener'): MessageIds {
  if (kind === 'timer') return coverage === 'none' ? 'timerNotCleared' : 'timerNotClearedOnEveryPath';
  return coverage === 'none' ? 'listenerNotRemoved' : 'listenerNotRemovedOnEveryPath';
}

/** `x.addEventListener('abort', handler, …)`. */
function isAbortListenerCall(node: TSESTree.CallExpression): boolean {
  const callee = node.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'addEventListener' &&
    node.arguments.length >= 2 &&
    isAbortType(node.arguments[0])
  );
}

/** `addAbortListener(signal, fn)`, `events.addAbortListener(signal, fn)`. */
function isAddAbortListenerCall(node: TSESTree.CallExpression): boolean {
  return getMemberName(node.callee) === 'addAbortListener' && node.arguments.length >= 2;
}

function isAbortType(node: TSESTree.Node | undefined): boolean {
  if (node?.type === AST_NODE_TYPES.Literal) return node.value === 'abort';
  return (
    node?.type === AST_NODE_TYPES.TemplateLiteral &&
    node.expressions.length === 0 &&
    node.quasis[0]?.value.cooked === 'abort'
  );
}

/** An async function, or a promise executor: code whose work has an end this function sees. */
function isWorkFunction(fn: FunctionNode): boolean {
  if (fn.async) return true;
  const parent = fn.parent;
  return (
    parent.type === AST_NODE_TYPES.NewExpression &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    parent.callee.name === 'Promise' &&
    parent.arguments[0] === fn
  );
}

/** `setTimeout(…);` or `void setTimeout(…);`: the handle is dropped. */
function isDiscarded(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) return true;
  return (
    parent.type === AST_NODE_TYPES.UnaryExpression &&
    parent.operator === 'void' &&
    parent.parent.type === AST_NODE_TYPES.ExpressionStatement
  );
}

function getSingleExpression(fn: FunctionNode): TSESTree.Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : undefined;
}

function skipWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.ChainExpression) current = skipTypeWrappers(current.expression);
  return current;
}

/** From an identifier up through `x!`, `x as T`, `(x)`, `x?.…` to the node its user sees. */
function climbWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.parent?.type === AST_NODE_TYPES.TSAsExpression ||
    current.parent?.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.parent;
  }
  return current;
}

/** `if (timer)`, `timer && …`, `!timer`, `timer !== undefined`, `timer ? … : …`. */
function isTest(node: TSESTree.Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === node;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!';
    case AST_NODE_TYPES.BinaryExpression:
      return ['===', '!==', '==', '!='].includes(parent.operator);
    default:
      return false;
  }
}

/** `handle[Symbol.dispose]`. */
function isSymbolDispose(member: TSESTree.MemberExpression): boolean {
  const property = member.property;
  return (
    member.computed &&
    property.type === AST_NODE_TYPES.MemberExpression &&
    !property.computed &&
    property.object.type === AST_NODE_TYPES.Identifier &&
    property.object.name === 'Symbol' &&
    getMemberName(property) === 'dispose'
  );
}

/** The call whose callee is `member` (also through `?.`). */
function findCallOf(member: TSESTree.MemberExpression): TSESTree.CallExpression | undefined {
  const parent = member.parent;
  return parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member ? parent : undefined;
}

function isWriteTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) ||
    (parent?.type === AST_NODE_TYPES.UpdateExpression && parent.argument === node)
  );
}

function isCallStatement(statement: TSESTree.Statement, test: (call: TSESTree.CallExpression) => boolean): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = skipWrappers(statement.expression);
  return expression.type === AST_NODE_TYPES.CallExpression && test(expression);
}

function isIdentifierNamed(node: TSESTree.Node | undefined, name: string): boolean {
  if (node === undefined || node.type === AST_NODE_TYPES.SpreadElement) return false;
  const expression = skipTypeWrappers(node as TSESTree.Expression);
  return expression.type === AST_NODE_TYPES.Identifier && expression.name === name;
}

function getPropertyKey(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return typeof property.key.value === 'string' ? property.key.value : undefined;
}

/** `signal`, `this.signal`, `options.signal`, `c.req.raw.signal`: safe to evaluate again in `finally`. */
function isStableReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    return !node.computed && isStableReference(node.object);
  }
  return false;
}

function hasTypeAnnotation(parameter: TSESTree.Parameter): boolean {
  return parameter.type === AST_NODE_TYPES.Identifier && parameter.typeAnnotation !== undefined;
}
