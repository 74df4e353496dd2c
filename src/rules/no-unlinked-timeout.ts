import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import ts from 'typescript';

import { getCalleeName, isInCleanupContext, isSignalFactoryCall } from '../util/callContext.js';
import { getConstInitializer } from '../util/constInitializer.js';
import { getControllerUsage, type ControllerUsage } from '../util/controllerUsage.js';
import { createRule } from '../util/createRule.js';
import { fixDeclareOffered } from '../util/declareSignal.js';
import { getTypedServices } from '../util/getTypedServices.js';
import { getInitializerShapes } from '../util/initializerShapes.js';
import { replaceSlotValue } from '../util/replaceSlotValue.js';
import { resolveSlotValue } from '../util/resolveSlotValue.js';
import { findCallSlot, getStaticPropertyName, skipTypeWrappers, type CallWithArguments } from '../util/signalSlots.js';
import { getSignalSourceType } from '../util/signalSourceType.js';
import { findNearestSignalSources, findSignalSources, type SignalSource } from '../util/signalSources.js';

type Options = [
  {
    checkControllers?: boolean;
    fix?: 'autofix' | 'suggestion';
  },
];

type MessageIds =
  | 'unlinkedTimeout'
  | 'unlinkedTimer'
  | 'unlinkedController'
  | 'unlinkedAny'
  | 'linkTimeout'
  | 'linkController'
  | 'replaceTimer'
  | 'addToAny';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

/** A local signal that governs a call but is not linked with the caller's. */
type Unlinked =
  /** `AbortSignal.timeout(ms)`, a `const` holding one, or a choice between local signals. */
  | { readonly kind: 'timeout' }
  /** `controller.signal` of a controller that only local logic aborts. */
  | { readonly kind: 'controller'; readonly controller: string; readonly usage: ControllerUsage }
  /** `AbortSignal.any([…])` of such signals only. */
  | { readonly kind: 'any'; readonly list: TSESTree.ArrayExpression | undefined };

const ALIAS_DEPTH = 3;
const OBJECT: ReadonlySet<string> = new Set([AST_NODE_TYPES.ObjectExpression]);
/** Initializers a local-signal alias can have: `AbortSignal.timeout(…)`, `a ? b : c`, `x.signal`, another alias. */
const ALIASED: ReadonlySet<string> = new Set(['.signal', 'AbortSignal.timeout', 'AbortSignal.any', AST_NODE_TYPES.ConditionalExpression, AST_NODE_TYPES.Identifier]);
const CREATED: ReadonlySet<string> = new Set(['new AbortController']);
const LEAF_DEPTH = 2;
/** Sources that stand for the caller of the code: what a deadline must not replace. */
const CALLER_KINDS = new Set<SignalSource['kind']>(['parameter', 'property', 'offered', 'local']);

export default createRule<Options, MessageIds>({
  name: 'no-unlinked-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: "Require linking a deadline or a local controller with the caller's AbortSignal",
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      unlinkedTimeout:
        "`{{timeout}}` replaces `{{signal}}` for `{{callee}}`: when the caller aborts, the call keeps running until the deadline. Combine them with `AbortSignal.any`.",
      unlinkedTimer:
        "`{{controller}}` is aborted by a timer only, and `{{signal}}` is neither combined with it nor forwarded to it: when the caller aborts, `{{callee}}` keeps running until the deadline.",
      unlinkedController:
        "`{{controller}}` is aborted by local logic only, and `{{signal}}` is neither combined with it nor forwarded to it: when the caller aborts, `{{callee}}` keeps running.",
      unlinkedAny:
        "`AbortSignal.any` here combines local signals only: `{{signal}}` is missing, so when the caller aborts, `{{callee}}` keeps running.",
      linkTimeout: 'Combine `{{signal}}` with the deadline: `AbortSignal.any([{{signal}}, …])`.',
      linkController: 'Combine `{{signal}}` with `{{controller}}.signal`.',
      replaceTimer: 'Use `AbortSignal.any([{{signal}}, AbortSignal.timeout({{delay}})])` instead of the timer.',
      addToAny: 'Add `{{signal}}` to the signals combined by `AbortSignal.any`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkControllers: {
            type: 'boolean',
            description:
              "Also report a local `AbortController` aborted by a timer or other local logic, whose signal governs a call while the caller's signal is neither combined with it nor forwarded to it.",
          },
          fix: {
            type: 'string',
            enum: ['autofix', 'suggestion'],
            description:
              "Link a deadline with the caller's signal automatically ('autofix'), or offer it as an editor suggestion ('suggestion').",
          },
        },
      },
    ],
    defaultOptions: [{ checkControllers: true, fix: 'autofix' }],
  },
  create(context, [options]) {
    const services = getTypedServices(context, 'no-unlinked-timeout');
    const { sourceCode } = context;
    const checker = services.program.getTypeChecker();
    const checkControllers = options.checkControllers !== false;
    const autofix = options.fix !== 'suggestion';

    return {
      'CallExpression, NewExpression'(node: CallWithArguments): void {
        if (node.arguments.length === 0 || isSignalFactoryCall(node)) return;
        // Syntax first: only calls given a deadline or a local controller's signal ask for types.
        const candidates = new Map<TSESTree.Node, Unlinked>();
        for (const argument of node.arguments) collectLeaves(argument, 0, candidates);
        // Cleanup (finally, catch, abort listeners) may run after the caller's signal aborted: it needs its own deadline.
        if (candidates.size === 0 || isInCleanupContext(node)) return;

        const slot = findCallSlot(services, node);
        if (slot === undefined) return;
        const value = resolveSlotValue(sourceCode, node, slot);
        const unlinked = value !== undefined ? candidates.get(value) : undefined;
        if (value === undefined || unlinked === undefined) return;
        const source = findCallerSignal(value);
        if (source === undefined) return;
        if (unlinked.kind === 'controller' && isCombinedElsewhere(unlinked.usage, source.text)) return;
        report(node, value, unlinked, source);
      },
    };

    function collectLeaves(node: TSESTree.Node, depth: number, into: Map<TSESTree.Node, Unlinked>): void {
      if (node.type === AST_NODE_TYPES.SpreadElement) return;
      const unlinked = classify(node as TSESTree.Expression, 0);
      if (unlinked !== undefined) {
        into.set(node, unlinked);
        return;
      }
      let expression = skipTypeWrappers(node as TSESTree.Expression);
      // `const init = { signal: … }; fetch(url, init)`: resolveSlotValue follows it when it is untouched.
      if (depth === 0 && expression.type === AST_NODE_TYPES.Identifier && isInitializedWith(expression, OBJECT)) {
        const init = getConstInitializer(sourceCode, expression);
        if (init !== undefined) expression = skipTypeWrappers(init);
      }
      if (expression.type !== AST_NODE_TYPES.ObjectExpression || depth >= LEAF_DEPTH) return;
      for (const property of expression.properties) {
        if (property.type === AST_NODE_TYPES.Property && getStaticPropertyName(property) !== undefined) {
          collectLeaves(property.value, depth + 1, into);
        }
      }
    }

    /** Is `node` a signal that only local code aborts? On syntax and scope alone. */
    function classify(node: TSESTree.Expression, aliasDepth: number): Unlinked | undefined {
      const expression = skipTypeWrappers(node);
      if (expression.type === AST_NODE_TYPES.Identifier) {
        if (aliasDepth >= ALIAS_DEPTH || !isInitializedWith(expression, ALIASED)) return undefined;
        const init = getConstInitializer(sourceCode, expression);
        const aliased = init !== undefined ? classify(init, aliasDepth + 1) : undefined;
        // An alias is wrapped where it is used; its own declaration stays as it is.
        return aliased?.kind === 'any' ? { kind: 'any', list: undefined } : aliased;
      }
      if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
        // `slow ? AbortSignal.timeout(60_000) : AbortSignal.timeout(5_000)`: local either way.
        const local = classify(expression.consequent, aliasDepth + 1) !== undefined && classify(expression.alternate, aliasDepth + 1) !== undefined;
        return local ? { kind: 'timeout' } : undefined;
      }
      if (expression.type === AST_NODE_TYPES.CallExpression) {
        const method = getAbortSignalMethod(expression);
        if (method === 'timeout') return { kind: 'timeout' };
        if (method !== 'any') return undefined;
        const [list] = expression.arguments;
        if (list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length === 0) return undefined;
        const allLocal = list.elements.every(
          (element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && classify(element, aliasDepth + 1) !== undefined,
        );
        return allLocal ? { kind: 'any', list } : undefined;
      }
      if (!checkControllers || expression.type !== AST_NODE_TYPES.MemberExpression || expression.computed) return undefined;
      if (expression.property.type !== AST_NODE_TYPES.Identifier || expression.property.name !== 'signal') return undefined;
      const object = skipTypeWrappers(expression.object);
      // Controllers are created with `new`: other names need no scope lookup.
      if (object.type !== AST_NODE_TYPES.Identifier || !isInitializedWith(object, CREATED)) return undefined;
      const usage = getControllerUsage(sourceCode, object);
      if (usage === undefined || !isUnlinkedController(usage)) return undefined;
      return { kind: 'controller', controller: object.name, usage };
    }

    /** Was `identifier`'s name declared anywhere in the file with an initializer of one of these kinds? */
    function isInitializedWith(identifier: TSESTree.Identifier, kinds: ReadonlySet<string>): boolean {
      const declared = getInitializerShapes(sourceCode).get(identifier.name);
      if (declared === undefined) return false;
      for (const kind of declared) if (kinds.has(kind)) return true;
      return false;
    }

    /** `AbortSignal.timeout` / `AbortSignal.any` of the global `AbortSignal`. */
    function getAbortSignalMethod(call: TSESTree.CallExpression): string | undefined {
      const callee = call.callee;
      if (
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        callee.computed ||
        callee.property.type !== AST_NODE_TYPES.Identifier ||
        callee.object.type !== AST_NODE_TYPES.Identifier ||
        !isGlobal(callee.object, 'AbortSignal')
      ) {
        return undefined;
      }
      return callee.property.name;
    }

    function isGlobal(identifier: TSESTree.Identifier, name: string): boolean {
      if (identifier.name !== name) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return variable === null || variable.defs.length === 0;
    }

    /**
     * Aborted here, by a timer or local logic, and nothing else can reach it:
     * not forwarded from another signal, not handed to other code.
     */
    function isUnlinkedController(usage: ControllerUsage): boolean {
      return (
        usage.kind === 'variable' &&
        usage.complete &&
        usage.escapes.length === 0 &&
        usage.aborts.length > 0 &&
        usage.aborts.every((site) => site.trigger.kind !== 'abortListener')
      );
    }

    /**
     * The controller's signal is handed, somewhere, to the same call as the
     * caller's signal: `AbortSignal.any([signal, controller.signal])` or a
     * project helper such as `mergeSignals(signal, controller.signal)`. The
     * author linked them there; work driven by that call stops with it.
     */
    function isCombinedElsewhere(usage: ControllerUsage, signal: string): boolean {
      return usage.signalReads.some((read) => {
        let position: TSESTree.Node = read;
        let parent = read.parent;
        if (parent.type === AST_NODE_TYPES.ArrayExpression) {
          position = parent;
          parent = parent.parent;
        }
        if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(position)) {
          return false;
        }
        const siblings = position.type === AST_NODE_TYPES.ArrayExpression ? [...position.elements, ...parent.arguments] : parent.arguments;
        return siblings.some((sibling) => sibling !== null && sibling !== read && sourceCode.getText(sibling) === signal);
      });
    }

    /** The caller's signal in scope: a parameter, a property of one, a signal offered to a callback, a local copy. */
    function findCallerSignal(node: TSESTree.Node): SignalSource | undefined {
      const isCaller = (source: SignalSource): boolean =>
        CALLER_KINDS.has(source.kind) && !(source.kind === 'local' && isLocalDeadline(node, source));
      // The innermost function that holds a signal first: typing the outer scopes is the expensive part.
      return findNearestSignalSources(sourceCode, services, node).find(isCaller) ?? findSignalSources(sourceCode, services, node).find(isCaller);
    }

    /** A local that is itself a deadline or a local controller's signal, not the caller's. */
    function isLocalDeadline(node: TSESTree.Node, source: SignalSource): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), source.text);
      const name = variable?.defs[0]?.name;
      if (name?.type !== AST_NODE_TYPES.Identifier) return true;
      const init = getConstInitializer(sourceCode, name);
      if (init === undefined) return false;
      const expression = skipTypeWrappers(init);
      if (classify(expression, 1) !== undefined) return true;
      // `new AbortController().signal`, `controller.signal`: never the caller's.
      return (
        expression.type === AST_NODE_TYPES.MemberExpression &&
        expression.object.type === AST_NODE_TYPES.NewExpression
      ) || (
        expression.type === AST_NODE_TYPES.MemberExpression &&
        expression.object.type === AST_NODE_TYPES.Identifier &&
        getControllerUsage(sourceCode, expression.object) !== undefined
      );
    }

    function report(node: CallWithArguments, value: TSESTree.Expression, unlinked: Unlinked, source: SignalSource): void {
      const callee = getCalleeName(sourceCode, node);
      const signal = source.text;
      const link = planLink(value, source);
      const valueText = sourceCode.getText(value);
      switch (unlinked.kind) {
        case 'timeout': {
          const fix = link !== undefined ? (fixer: Fixer): Fix[] | null => link(fixer, valueText) : undefined;
          context.report({
            node: value,
            messageId: 'unlinkedTimeout',
            data: { timeout: shorten(valueText), signal, callee },
            fix: autofix && fix !== undefined ? fix : null,
            suggest: !autofix && fix !== undefined ? [{ messageId: 'linkTimeout', data: { signal }, fix }] : [],
          });
          return;
        }
        case 'any': {
          const list = unlinked.list;
          let fix: ((fixer: Fixer) => Fix[] | null) | undefined;
          if (list === undefined) {
            if (link !== undefined) fix = (fixer) => link(fixer, valueText);
          } else if (link?.nullable === false) {
            fix = (fixer) => link.declare(fixer, [fixer.insertTextBefore(list.elements[0]!, `${signal}, `)]);
          }
          context.report({
            node: value,
            messageId: 'unlinkedAny',
            data: { signal, callee },
            fix: autofix && fix !== undefined ? fix : null,
            suggest: !autofix && fix !== undefined ? [{ messageId: 'addToAny', data: { signal }, fix }] : [],
          });
          return;
        }
        case 'controller': {
          const { controller, usage } = unlinked;
          const timers = usage.aborts.map((site) => site.trigger);
          const isTimerOnly = timers.every((trigger) => trigger.kind === 'timer');
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          if (link !== undefined) {
            const [first] = timers;
            const delay = timers.length === 1 && first?.kind === 'timer' ? first.delay : undefined;
            if (delay !== undefined && isMovable(delay, value)) {
              const delayText = sourceCode.getText(delay);
              const leftovers = findTimerLeftovers(usage, value);
              suggest.push({
                messageId: 'replaceTimer',
                data: { signal, delay: shorten(delayText) },
                fix: (fixer) => {
                  const linked = link(fixer, `AbortSignal.timeout(${delayText})`);
                  if (linked === null) return null;
                  return [...linked, ...leftovers.map((statement) => removeStatement(fixer, statement))];
                },
              });
            }
            suggest.push({ messageId: 'linkController', data: { signal, controller }, fix: (fixer) => link(fixer, valueText) });
          }
          context.report({
            node: value,
            messageId: isTimerOnly ? 'unlinkedTimer' : 'unlinkedController',
            data: { controller, signal, callee },
            suggest,
          });
          return;
        }
      }
    }

    interface LinkPlan {
      (fixer: Fixer, inner: string): Fix[] | null;
      readonly nullable: boolean;
      /** Declares an offered source, then applies `fixes`. */
      declare(fixer: Fixer, fixes: Fix[]): Fix[] | null;
    }

    /**
     * How to put `AbortSignal.any([source, inner])` in place of `value`, or
     * `undefined` when that would not type-check (no `AbortSignal.any` in the
     * program's lib, a source that is not an `AbortSignal`, `AbortSignal` shadowed).
     */
    function planLink(value: TSESTree.Expression, source: SignalSource): LinkPlan | undefined {
      const globalSignal = getGlobalAbortSignal(value);
      if (globalSignal === undefined) return undefined;
      const found = getSignalSourceType(services, sourceCode, value, source);
      if (found === undefined) return undefined;
      const nonNullable = checker.getNonNullableType(found.type);
      if (!checker.isTypeAssignableTo(nonNullable, globalSignal)) return undefined;
      const nullable = nonNullable !== found.type || found.throughOptionalChain;
      const signal = source.text;
      const declare = (fixer: Fixer, fixes: Fix[]): Fix[] | null => {
        if (source.declare === undefined) return fixes;
        const declared = fixDeclareOffered(fixer, sourceCode, source.declare, signal);
        return declared === undefined ? null : [...declared, ...fixes];
      };
      const plan = (fixer: Fixer, inner: string): Fix[] | null => {
        const linked = `AbortSignal.any([${signal}, ${inner}])`;
        const otherwise = skipTypeWrappers(value).type === AST_NODE_TYPES.ConditionalExpression ? `(${inner})` : inner;
        const text = nullable ? parenthesize(value, `${signal} ? ${linked} : ${otherwise}`) : linked;
        return declare(fixer, [replaceSlotValue(fixer, sourceCode, value, text)]);
      };
      return Object.assign(plan, { nullable, declare });
    }

    /** The global `AbortSignal` instance type, when `AbortSignal.any` exists and the name is not shadowed at `node`. */
    function getGlobalAbortSignal(node: TSESTree.Node): ts.Type | undefined {
      const local = ASTUtils.findVariable(sourceCode.getScope(node), 'AbortSignal');
      if (local !== null && local.defs.length > 0) return undefined;
      return getAbortSignalWithAny(checker, services.esTreeNodeToTSNodeMap.get(node));
    }

    /**
     * The controller's declaration and its `setTimeout(…)` statement, when
     * nothing else uses them once the slot gets `AbortSignal.timeout`;
     * `[]` when something does (a `clearTimeout`, another read of the signal).
     */
    function findTimerLeftovers(usage: ControllerUsage, value: TSESTree.Expression): TSESTree.Statement[] {
      const [creation] = usage.creations;
      const [site] = usage.aborts;
      const [read] = usage.signalReads;
      if (usage.creations.length !== 1 || usage.aborts.length !== 1 || usage.signalReads.length !== 1) return [];
      if (site?.trigger.kind !== 'timer' || read !== skipTypeWrappers(value)) return [];
      const timer = site.trigger.registration.parent;
      const declarator = creation?.parent;
      const declaration = declarator?.parent;
      if (
        timer.type !== AST_NODE_TYPES.ExpressionStatement ||
        declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
        declaration?.type !== AST_NODE_TYPES.VariableDeclaration ||
        declaration.declarations.length !== 1 ||
        (declaration.parent.type !== AST_NODE_TYPES.BlockStatement && declaration.parent.type !== AST_NODE_TYPES.Program)
      ) {
        return [];
      }
      return [declaration, timer];
    }

    /** Removes a statement with its line when it is alone on it. */
    function removeStatement(fixer: Fixer, statement: TSESTree.Statement): Fix {
      const text = sourceCode.text;
      let [start, end] = statement.range;
      let lineStart = start;
      while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
      let lineEnd = end;
      while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
      if ((lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r')) {
        start = lineStart;
        end = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : Math.min(lineEnd + 1, text.length);
      }
      return fixer.removeRange([start, end]);
    }

    /** A deadline expression that means the same where the slot is: literals and names visible there. */
    function isMovable(delay: TSESTree.Expression, target: TSESTree.Node): boolean {
      const scope = sourceCode.getScope(target);
      const visit = (node: TSESTree.Node): boolean => {
        switch (node.type) {
          case AST_NODE_TYPES.Literal:
            return true;
          case AST_NODE_TYPES.Identifier: {
            const there = ASTUtils.findVariable(sourceCode.getScope(node), node);
            const here = ASTUtils.findVariable(scope, node.name);
            if (there !== here) return false;
            const definition = there?.defs[0];
            return definition === undefined || definition.name.range[1] <= target.range[0];
          }
          case AST_NODE_TYPES.MemberExpression:
            return !node.computed && node.object.type !== AST_NODE_TYPES.ThisExpression && visit(node.object);
          case AST_NODE_TYPES.BinaryExpression:
            return node.left.type !== AST_NODE_TYPES.PrivateIdentifier && visit(node.left) && visit(node.right);
          case AST_NODE_TYPES.LogicalExpression:
            return visit(node.left) && visit(node.right);
          case AST_NODE_TYPES.UnaryExpression:
            return node.operator !== 'delete' && visit(node.argument);
          default:
            return false;
        }
      };
      return visit(delay);
    }
  },
});

const withAny = new WeakMap<ts.Program | ts.TypeChecker, ts.Type | null>();

/** The `AbortSignal` instance type, if the program's lib declares `AbortSignal.any` (lib.dom, @types/node ≥ 20.3). */
function getAbortSignalWithAny(checker: ts.TypeChecker, location: ts.Node): ts.Type | undefined {
  let cached = withAny.get(checker);
  if (cached === undefined) {
    const value = checker.resolveName('AbortSignal', location, ts.SymbolFlags.Value, false);
    const type = checker.resolveName('AbortSignal', location, ts.SymbolFlags.Type, false);
    const hasAny = value !== undefined && checker.getPropertyOfType(checker.getTypeOfSymbol(value), 'any') !== undefined;
    cached = hasAny && type !== undefined ? checker.getDeclaredTypeOfSymbol(type) : null;
    withAny.set(checker, cached);
  }
  return cached ?? undefined;
}

/** The conditional form needs parentheses anywhere but a plain value position. */
function parenthesize(value: TSESTree.Node, text: string): string {
  const parent = value.parent;
  const isPlain =
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.ArrayExpression ||
    parent?.type === AST_NODE_TYPES.VariableDeclarator ||
    ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(value as TSESTree.CallExpressionArgument));
  return isPlain ? text : `(${text})`;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= 60 ? flat : `${flat.slice(0, 57)}…`;
}
