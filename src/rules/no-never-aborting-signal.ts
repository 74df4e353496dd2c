import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import ts from 'typescript';

import { getCalleeName, isInCleanupContext, isSignalFactoryCall } from '../util/callContext.js';
import { getConstInitializer } from '../util/constInitializer.js';
import { getControllerUsage } from '../util/controllerUsage.js';
import { createRule } from '../util/createRule.js';
import { fixDeclareOffered } from '../util/declareSignal.js';
import { buildSlotValue } from '../util/fixes.js';
import { replaceSlotValue } from '../util/replaceSlotValue.js';
import { getTypedServices } from '../util/getTypedServices.js';
import { getInitializerShapes } from '../util/initializerShapes.js';
import { resolveSlotValue } from '../util/resolveSlotValue.js';
import { findCallSlot, getStaticPropertyName, skipTypeWrappers, type CallWithArguments } from '../util/signalSlots.js';
import { getSignalSourceType } from '../util/signalSourceType.js';
import { findNearestSignalSources, findSignalSources, type SignalSource } from '../util/signalSources.js';
import { getSignalTypes } from '../util/signalTypes.js';

type Options = [
  {
    checkNullish?: boolean;
    checkFallbacks?: boolean;
  },
];

type MessageIds =
  | 'inlineController'
  | 'unusedController'
  | 'freshRequest'
  | 'nullSignal'
  | 'nullOptions'
  | 'fallbackSignal'
  | 'emptyAny'
  | 'useSignal'
  | 'dropFallback';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

/** Why a value can never abort. */
type NeverAborting =
  | { readonly kind: 'inlineController' | 'freshRequest' | 'emptyAny' | 'nullish' }
  | { readonly kind: 'unusedController'; readonly controller: string }
  | {
      readonly kind: 'fallback';
      readonly primary: TSESTree.Expression;
      readonly fallback: TSESTree.Expression;
    };

const OBJECT: ReadonlySet<string> = new Set([AST_NODE_TYPES.ObjectExpression]);
/** Initializers a never-aborting alias can have: `x.signal`, `AbortSignal.any(…)`, `a ?? b`, another alias. */
const ALIASED: ReadonlySet<string> = new Set(['.signal', 'AbortSignal.any', AST_NODE_TYPES.LogicalExpression, AST_NODE_TYPES.Identifier]);
const CREATED: ReadonlySet<string> = new Set(['new AbortController', 'new Request']);

/** How many `const` aliases to follow: `const signal = new AbortController().signal`. */
const ALIAS_DEPTH = 3;
/** Slots are at most two properties deep (`config.abortSignal`). */
const LEAF_DEPTH = 2;

export default createRule<Options, MessageIds>({
  name: 'no-never-aborting-signal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow passing a signal that can never abort where a call takes its AbortSignal',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      inlineController:
        '`{{signal}}` never aborts: no code can reach its `AbortController`, so `{{callee}}` can never be cancelled.',
      unusedController:
        '`{{signal}}` never aborts: `{{controller}}.abort()` is never called and `{{controller}}` is not handed to other code, so `{{callee}}` can never be cancelled.',
      freshRequest:
        '`{{signal}}` never aborts: it belongs to a `Request` built here without a signal, so `{{callee}}` can never be cancelled.',
      nullSignal: '`{{signal}}` is passed where `{{callee}}` takes its AbortSignal: the call can never be cancelled.',
      nullOptions:
        '`{{signal}}` is passed as the options that carry the AbortSignal of `{{callee}}`: the call can never be cancelled.',
      fallbackSignal:
        'The fallback `{{signal}}` never aborts: when `{{primary}}` is missing, `{{callee}}` can never be cancelled.',
      emptyAny: '`{{signal}}` never aborts: it combines no signal that can abort, so `{{callee}}` can never be cancelled.',
      useSignal: 'Pass `{{signal}}` instead.',
      dropFallback: 'Pass `{{primary}}` alone, without the fallback.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkNullish: {
            type: 'boolean',
            description: 'Report an explicit `undefined`, `null` or `void 0` passed as the signal, or as the options object that carries it.',
          },
          checkFallbacks: {
            type: 'boolean',
            description: 'Report a never-aborting fallback such as `signal ?? new AbortController().signal`.',
          },
        },
      },
    ],
    defaultOptions: [{ checkNullish: true, checkFallbacks: true }],
  },
  create(context, [options]) {
    const services = getTypedServices(context, 'no-never-aborting-signal');
    const { sourceCode } = context;
    const checker = services.program.getTypeChecker();
    const checkNullish = options.checkNullish !== false;
    const checkFallbacks = options.checkFallbacks !== false;

    return {
      'CallExpression, NewExpression'(node: CallWithArguments): void {
        if (node.arguments.length === 0 || isSignalFactoryCall(node)) return;
        // Syntax first: only calls with a never-aborting value among their arguments ask for types.
        const candidates = new Map<TSESTree.Node, NeverAborting>();
        for (const argument of node.arguments) {
          // A nullish argument before the last one skips a parameter (`JSON.stringify(x, null, 2)`): signal slots come last.
          if (argument !== node.arguments.at(-1) && isNullish(argument as TSESTree.Expression)) continue;
          collectLeaves(argument, 0, candidates);
        }
        // Cleanup (finally, catch, abort listeners) may run after the caller's signal aborted: detaching is the point there.
        if (candidates.size === 0 || isInCleanupContext(node)) return;

        const slot = findCallSlot(services, node);
        if (slot === undefined) return;
        const value = resolveSlotValue(sourceCode, node, slot);
        const reason = value !== undefined ? candidates.get(value) : undefined;
        if (value !== undefined && reason !== undefined) {
          // `setSignal(null)` resets state; only a call that does work is left uncancellable by it.
          if (reason.kind === 'nullish' && !doesWork(slot.signature)) return;
          report(node, value, reason);
          return;
        }
        // `create(body, undefined)`: the whole options object that would carry the signal.
        const options = node.arguments[slot.index];
        if (slot.path.length > 0 && options !== undefined && candidates.get(options)?.kind === 'nullish') {
          if (!doesWork(slot.signature)) return;
          reportNullOptions(node, options as TSESTree.Expression, slot.path);
        }
      },
    };

    function collectLeaves(node: TSESTree.Node, depth: number, into: Map<TSESTree.Node, NeverAborting>): void {
      if (node.type === AST_NODE_TYPES.SpreadElement) return;
      const reason = classify(node as TSESTree.Expression, 0);
      if (reason !== undefined) {
        into.set(node, reason);
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

    /** Why `node` can never abort, on syntax and scope alone; `undefined` when it might. */
    function classify(node: TSESTree.Expression, aliasDepth: number): NeverAborting | undefined {
      const expression = skipTypeWrappers(node);
      if (isNullish(expression)) return checkNullish && aliasDepth === 0 ? { kind: 'nullish' } : undefined;
      if (expression.type === AST_NODE_TYPES.LogicalExpression && (expression.operator === '??' || expression.operator === '||')) {
        if (!checkFallbacks) return undefined;
        const fallback = classify(expression.right, aliasDepth + 1);
        if (fallback === undefined || fallback.kind === 'nullish' || fallback.kind === 'fallback') return undefined;
        return { kind: 'fallback', primary: expression.left, fallback: expression.right };
      }
      if (expression.type === AST_NODE_TYPES.Identifier) {
        if (aliasDepth >= ALIAS_DEPTH || !isInitializedWith(expression, ALIASED)) return undefined;
        const init = getConstInitializer(sourceCode, expression);
        return init !== undefined ? classify(init, aliasDepth + 1) : undefined;
      }
      if (expression.type === AST_NODE_TYPES.CallExpression) return isNeverAbortingAny(expression, aliasDepth) ? { kind: 'emptyAny' } : undefined;
      if (expression.type !== AST_NODE_TYPES.MemberExpression || expression.computed) return undefined;
      if (expression.property.type !== AST_NODE_TYPES.Identifier || expression.property.name !== 'signal') return undefined;
      const object = skipTypeWrappers(expression.object);
      if (object.type === AST_NODE_TYPES.NewExpression) {
        if (isGlobalNew(object, 'AbortController')) return { kind: 'inlineController' };
        if (isGlobalNew(object, 'Request') && isRequestWithoutSignal(object)) return { kind: 'freshRequest' };
        return undefined;
      }
      // Controllers and requests are created with `new`: other names need no scope lookup.
      if ((object.type === AST_NODE_TYPES.Identifier && isInitializedWith(object, CREATED)) || object.type === AST_NODE_TYPES.MemberExpression) {
        const usage = getControllerUsage(sourceCode, object);
        if (usage !== undefined) {
          return usage.complete && usage.aborts.length === 0 && usage.escapes.length === 0
            ? { kind: 'unusedController', controller: sourceCode.getText(object) }
            : undefined;
        }
        if (object.type === AST_NODE_TYPES.Identifier && aliasDepth < ALIAS_DEPTH) {
          const init = getConstInitializer(sourceCode, object);
          const request = init !== undefined ? skipTypeWrappers(init) : undefined;
          if (request?.type === AST_NODE_TYPES.NewExpression && isGlobalNew(request, 'Request') && isRequestWithoutSignal(request)) {
            return { kind: 'freshRequest' };
          }
        }
      }
      return undefined;
    }

    /** Was `identifier`'s name declared anywhere in the file with an initializer of one of these kinds? */
    function isInitializedWith(identifier: TSESTree.Identifier, kinds: ReadonlySet<string>): boolean {
      const declared = getInitializerShapes(sourceCode).get(identifier.name);
      if (declared === undefined) return false;
      for (const kind of declared) if (kinds.has(kind)) return true;
      return false;
    }

    /** `AbortSignal.any([])`, or `AbortSignal.any([…])` of signals that never abort. */
    function isNeverAbortingAny(call: TSESTree.CallExpression, aliasDepth: number): boolean {
      const callee = call.callee;
      if (
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        callee.computed ||
        callee.property.type !== AST_NODE_TYPES.Identifier ||
        callee.property.name !== 'any' ||
        callee.object.type !== AST_NODE_TYPES.Identifier ||
        !isGlobal(callee.object, 'AbortSignal')
      ) {
        return false;
      }
      const [list] = call.arguments;
      if (list?.type !== AST_NODE_TYPES.ArrayExpression) return false;
      return list.elements.every((element) => {
        if (element === null || element.type === AST_NODE_TYPES.SpreadElement) return false;
        const reason = classify(element, aliasDepth + 1);
        return reason !== undefined && reason.kind !== 'nullish' && reason.kind !== 'fallback';
      });
    }

    function isGlobal(identifier: TSESTree.Identifier, name: string): boolean {
      if (identifier.name !== name) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return variable === null || variable.defs.length === 0;
    }

    function isGlobalNew(node: TSESTree.NewExpression, name: string): boolean {
      return node.callee.type === AST_NODE_TYPES.Identifier && isGlobal(node.callee, name);
    }

    /**
     * `new Request(url)` or `new Request(url, { method })`: its signal is its own and nothing aborts it.
     * `new Request(request)` copies the other request's signal; `new Request(url, init)` may carry one.
     */
    function isRequestWithoutSignal(node: TSESTree.NewExpression): boolean {
      const [input, init] = node.arguments;
      if (input === undefined || input.type === AST_NODE_TYPES.SpreadElement) return false;
      if (init !== undefined) {
        const object = init.type === AST_NODE_TYPES.SpreadElement ? undefined : skipTypeWrappers(init);
        if (object?.type !== AST_NODE_TYPES.ObjectExpression) return false;
        const mayCarrySignal = object.properties.some((property) => {
          if (property.type !== AST_NODE_TYPES.Property) return true;
          const name = getStaticPropertyName(property);
          return name === undefined || name === 'signal';
        });
        if (mayCarrySignal) return false;
      }
      const url = skipTypeWrappers(input);
      if (url.type === AST_NODE_TYPES.Literal || url.type === AST_NODE_TYPES.TemplateLiteral) return true;
      // A string or URL, not another Request whose signal would be copied.
      const type = services.getTypeAtLocation(url);
      const types = getSignalTypes(checker);
      return !types.isOpaque(type) && types.findSignalPath(type, 1) === undefined;
    }

    function report(node: CallWithArguments, value: TSESTree.Expression, reason: NeverAborting): void {
      const callee = getCalleeName(sourceCode, node);
      const signal = shorten(sourceCode.getText(value));
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const expected = getExpectedType(value);
      const isDirectFallback = reason.kind === 'fallback' && skipTypeWrappers(value).type === AST_NODE_TYPES.LogicalExpression;
      const excluded = new Set([sourceCode.getText(value)]);
      if (reason.kind === 'fallback') excluded.add(sourceCode.getText(reason.primary));

      if (reason.kind === 'fallback' && isDirectFallback && expected !== undefined) {
        const primaryType = services.getTypeAtLocation(reason.primary);
        if (checker.isTypeAssignableTo(primaryType, expected)) {
          const primary = sourceCode.getText(reason.primary);
          suggest.push({
            messageId: 'dropFallback',
            data: { primary: shorten(primary) },
            fix: (fixer) => replaceValue(fixer, value, primary),
          });
        }
      }
      const source = expected !== undefined ? findReplacement(value, expected, excluded) : undefined;
      if (source !== undefined) {
        // A direct fallback keeps its primary: only the never-aborting part is replaced.
        const target = isDirectFallback ? reason.fallback : value;
        suggest.push({
          messageId: 'useSignal',
          data: { signal: source.text },
          fix: (fixer) => {
            const fixes: Fix[] = [];
            if (source.declare !== undefined) {
              const declared = fixDeclareOffered(fixer, sourceCode, source.declare, source.text);
              if (declared === undefined) return null;
              fixes.push(...declared);
            }
            const replaced = target === value ? replaceValue(fixer, value, source.text) : [fixer.replaceText(target, source.text)];
            return [...fixes, ...replaced];
          },
        });
      }

      const base = { node: reason.kind === 'fallback' && isDirectFallback ? reason.fallback : value, suggest };
      switch (reason.kind) {
        case 'unusedController':
          context.report({ ...base, messageId: 'unusedController', data: { signal, controller: reason.controller, callee } });
          return;
        case 'fallback':
          context.report({
            ...base,
            messageId: 'fallbackSignal',
            data: {
              signal: shorten(sourceCode.getText(reason.fallback)),
              primary: shorten(sourceCode.getText(reason.primary)),
              callee,
            },
          });
          return;
        case 'nullish':
          context.report({ ...base, messageId: 'nullSignal', data: { signal, callee } });
          return;
        case 'inlineController':
        case 'freshRequest':
        case 'emptyAny':
          context.report({ ...base, messageId: reason.kind, data: { signal, callee } });
          return;
      }
    }

    function doesWork(signature: ts.Signature): boolean {
      return getSignalTypes(checker).isWorkResult(checker.getReturnTypeOfSignature(signature));
    }

    function reportNullOptions(node: CallWithArguments, options: TSESTree.Expression, path: readonly string[]): void {
      const callee = getCalleeName(sourceCode, node);
      let expected = getExpectedType(options);
      for (const [index, name] of path.entries()) {
        if (expected === undefined) break;
        const property = checker.getPropertyOfType(checker.getApparentType(checker.getNonNullableType(expected)), name);
        // An options bag leaves its signal optional; an `AbortController` or a `Request` in that position is not one.
        if (index === 0 && (property === undefined || (property.flags & ts.SymbolFlags.Optional) === 0)) return;
        expected = property !== undefined ? checker.getTypeOfSymbol(property) : undefined;
      }
      const source = expected !== undefined ? findReplacement(node, expected, new Set()) : undefined;
      context.report({
        node: options,
        messageId: 'nullOptions',
        data: { signal: sourceCode.getText(options), callee },
        suggest:
          source === undefined
            ? []
            : [
                {
                  messageId: 'useSignal',
                  data: { signal: source.text },
                  fix: (fixer) => {
                    const declared = source.declare !== undefined ? fixDeclareOffered(fixer, sourceCode, source.declare, source.text) : [];
                    if (declared === undefined) return null;
                    return [...declared, fixer.replaceText(options, buildSlotValue(path, source.text))];
                  },
                },
              ],
      });
    }

    /** The type the slot expects at `value`: the parameter or property type. */
    function getExpectedType(value: TSESTree.Expression): ts.Type | undefined {
      const tsNode = services.esTreeNodeToTSNodeMap.get(value) as ts.Expression;
      return checker.getContextualType(tsNode);
    }

    /**
     * The best signal in scope that can abort and fits the slot: from the
     * innermost function that holds a signal, else from any enclosing scope.
     */
    function findReplacement(node: TSESTree.Node, expected: ts.Type, excluded: ReadonlySet<string>): SignalSource | undefined {
      const fits = (source: SignalSource): boolean => {
        if (excluded.has(source.text) || isNeverAbortingSource(node, source)) return false;
        const found = getSignalSourceType(services, sourceCode, node, source);
        if (found === undefined || !checker.isTypeAssignableTo(found.type, expected)) return false;
        return !found.throughOptionalChain || checker.isTypeAssignableTo(checker.getUndefinedType(), expected);
      };
      return findNearestSignalSources(sourceCode, services, node).find(fits) ?? findSignalSources(sourceCode, services, node).find(fits);
    }

    /** A source that is itself one of the never-aborting values: `controller.signal` of an unused controller. */
    function isNeverAbortingSource(node: TSESTree.Node, source: SignalSource): boolean {
      if (source.kind !== 'local' && source.kind !== 'controller' && source.kind !== 'module') return false;
      const [root, ...path] = source.text.split('.') as [string, ...string[]];
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), root);
      const name = variable?.defs[0]?.name;
      if (name?.type !== AST_NODE_TYPES.Identifier) return false;
      if (path.length === 0) return classify(name, 0) !== undefined;
      const usage = getControllerUsage(sourceCode, name);
      return usage !== undefined && usage.complete && usage.aborts.length === 0 && usage.escapes.length === 0;
    }

    function replaceValue(fixer: Fixer, value: TSESTree.Expression, text: string): Fix[] {
      return [replaceSlotValue(fixer, sourceCode, value, text)];
    }
  },
});

function isNullish(node: TSESTree.Expression): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node) && !('bigint' in node)) ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= 60 ? flat : `${flat.slice(0, 57)}…`;
}

