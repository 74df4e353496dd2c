import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { getAiModuleMatcher, type AiModuleSettings } from '../util/aiModules.js';
import { getCalleeName, isInCleanupContext, isInCleanupOnlyFunction } from '../util/callContext.js';
import { createRule } from '../util/createRule.js';
import { fixDeclareOffered, isNameVisible, planThreadSignal } from '../util/declareSignal.js';
import { fixPassSignal, fixSpreadSignal, getIndent } from '../util/fixes.js';
import { getFunctionName, isFunctionNode, type FunctionNode } from '../util/functions.js';
import { getTypedServices } from '../util/getTypedServices.js';
import { hasInheritedSignal } from '../util/inheritedSignal.js';
import { isRaceDeadline } from '../util/raceDeadline.js';
import {
  canBuildSlotObjects,
  findSignatureSlotForCall,
  getSlotStatus,
  getWorkSignature,
  hasNoSignalParameter,
  mayTakeSignal,
  slotAcceptsUndefined,
  takesSignalOnEveryMember,
  type CallWithArguments,
  type SignalSlot,
  type SlotStatus,
} from '../util/signalSlots.js';
import { findNearestSignalSources, type SignalSource } from '../util/signalSources.js';
import { getSignalTypes, hasGlobalAbortSignal } from '../util/signalTypes.js';
import { isStreamUsedUp } from '../util/streamUsedUp.js';
import { isTestedAbsent } from '../util/testedAbsent.js';

type Options = [
  {
    checkWithoutSignal?: 'ai' | 'all' | 'off';
    fix?: 'autofix' | 'suggestion';
  },
];

type MessageIds =
  | 'missingSignal'
  | 'missingSignalNoSource'
  | 'missingSignalAnyCall'
  | 'missingSignalType'
  | 'passSignal'
  | 'copyWithSignal'
  | 'threadSignal'
  | 'linkResponseClose';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;
type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

export default createRule<Options, MessageIds>({
  name: 'require-signal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require passing an AbortSignal to calls that can take one',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      missingSignal: '`{{callee}}` can take an AbortSignal in its {{slot}}, but `{{signal}}` is not passed.',
      missingSignalNoSource:
        "This AI call can't be cancelled: no signal reaches `{{callee}}`. It can take an AbortSignal in its {{slot}}.",
      missingSignalAnyCall: '`{{callee}}` can take an AbortSignal in its {{slot}}, but no signal reaches it.',
      missingSignalType:
        'Type information for `AbortSignal` is missing, so no call can be checked for a signal. Add "DOM" to `compilerOptions.lib` or "node" to `compilerOptions.types` in tsconfig.json.',
      passSignal: 'Pass `{{signal}}` to this call.',
      copyWithSignal: 'Pass a copy of the options with `{{signal}}` added.',
      threadSignal: 'Add an optional `signal` parameter to `{{fn}}` and pass it to this call.',
      linkResponseClose: "Create a signal that aborts when the client disconnects (`{{response}}.on('close')`) and pass it.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkWithoutSignal: {
            type: 'string',
            enum: ['ai', 'all', 'off'],
            description:
              "Where no signal is in scope: report AI calls only ('ai'), every call that can take a signal ('all'), or nothing ('off').",
          },
          fix: {
            type: 'string',
            enum: ['autofix', 'suggestion'],
            description: "Apply safe fixes automatically ('autofix'), or offer every fix as an editor suggestion ('suggestion').",
          },
        },
      },
    ],
    defaultOptions: [{ checkWithoutSignal: 'ai', fix: 'autofix' }],
  },
  create(context, [options]) {
    const services = getTypedServices(context, 'require-signal');
    const { sourceCode } = context;
    const checker = services.program.getTypeChecker();
    const types = getSignalTypes(checker);
    const settings = context.settings['abort-signal'] as AiModuleSettings | undefined;
    const aiModules = getAiModuleMatcher(settings?.aiModules);
    const isTypeScript = /\.[cm]?tsx?$/.test(context.filename);
    const checkWithoutSignal = options.checkWithoutSignal ?? 'ai';
    const autofix = options.fix !== 'suggestion';
    const hasSignalType = hasGlobalAbortSignal(services.program);
    let reportedMissingType = false;

    return {
      'CallExpression, NewExpression'(node: CallWithArguments): void {
        if (!hasSignalType) {
          if (!reportedMissingType) {
            reportedMissingType = true;
            context.report({ node: sourceCode.ast, loc: { line: 1, column: 0 }, messageId: 'missingSignalType' });
          }
          return;
        }
        // Syntax and the checker's cache first: `JSON.stringify(x)`, `items.push(x)` and
        // `new OpenAI(options)` are dropped before any declaration is read.
        const work = getWorkSignature(services, types, node);
        if (work === undefined) return;
        const { signature, returnType } = work;
        // `slugify(text: string, max: number)`, `items.map(fn)`: no parameter of any overload can
        // carry a signal, read from the declarations once per declaration.
        if (hasNoSignalParameter(checker, signature)) return;
        // A walk up the tree for each call: cheaper after the per-declaration answers above.
        if (isInCleanupContext(node)) return;
        // Asked before the declarations' types are searched, this spares that search for
        // every synchronous call.
        const returnsPromise = types.isPromiseOrAsyncIterable(returnType);
        if (!returnsPromise && !types.isStreamResult(returnType)) return;
        // Where the declarations' syntax could not tell: does any of them take one, read from
        // their types once per declaration. (A constructor is never asked: `new` returns no work.)
        if (node.type === AST_NODE_TYPES.CallExpression && !mayTakeSignal(checker, signature)) return;
        const slot = findSignatureSlotForCall(services, node, signature);
        if (slot === undefined) return;
        const status = getSlotStatus(services, node, slot);
        if (status.kind === 'given' || status.kind === 'unknown') return;
        if (!takesSignalOnEveryMember(services, node)) return;
        const returnsStream = types.isStreamLike(returnType);
        if (returnsStream && isStreamUsedUp(services, node)) return;
        if (hasInheritedSignal(sourceCode, services, node, slot.signature, returnsStream)) return;
        if (returnsPromise && isRaceDeadline(services, node, signature)) return;
        // A function that only teardown calls (the abort listener's `#sendAbortFrame()`) is cleanup too.
        if (isInCleanupOnlyFunction(sourceCode, node, isStreamCancel)) return;

        const callee = getCalleeName(sourceCode, node);
        const slotText = describeSlot(slot);
        // Only the best source is used: the nearest function that holds any is enough.
        const [source] = findNearestSignalSources(sourceCode, services, node);
        if (source !== undefined) {
          // `signal ? f(x, { signal }) : f(x)`: the code has already decided what to do without one.
          if (isTestedAbsent(node, source.text, source.owner)) return;
          reportWithSource(node, slot, status, source, callee, slotText);
          return;
        }
        if (checkWithoutSignal === 'off') return;
        const declaration = slot.signature.getDeclaration() as typeof slot.signature.declaration;
        const isAi = declaration !== undefined && aiModules.isAiFile(declaration.getSourceFile());
        if (!isAi && checkWithoutSignal === 'ai') return;
        reportWithoutSource(node, slot, status, isAi, callee, slotText);
      },
    };

    function reportWithSource(
      node: CallWithArguments,
      slot: SignalSlot,
      status: SlotStatus,
      source: SignalSource,
      callee: string,
      slotText: string,
    ): void {
      const signal = source.text;
      const declare = source.declare;
      // A fix must type-check: no new object missing other required properties, and no
      // `options?.signal` where the slot wants a signal for sure.
      if (
        !canBuildSlotObjects(services, slot, status) ||
        (source.mayBeUndefined !== false && !slotAcceptsUndefined(services, slot))
      ) {
        context.report({ node, messageId: 'missingSignal', data: { callee, slot: slotText, signal } });
        return;
      }
      const passFix = (fixer: Fixer): Fix[] | undefined => {
        const pass = fixPassSignal(fixer, sourceCode, node, slot, status, signal);
        if (pass === undefined || declare === undefined) return pass;
        const declared = fixDeclareOffered(fixer, sourceCode, declare, signal);
        return declared === undefined ? undefined : [...declared, ...pass];
      };
      const canAutofix = autofix && !slot.fromOtherOverload && status.kind !== 'missingInValue';
      const suggest: Suggestion[] = [];
      if (!canAutofix && status.kind !== 'missingInValue') {
        suggest.push({ messageId: 'passSignal', data: { signal }, fix: (fixer) => passFix(fixer) ?? null });
      }
      if (status.kind === 'missingInValue' && declare === undefined) {
        suggest.push({
          messageId: 'copyWithSignal',
          data: { signal },
          fix: (fixer) => fixSpreadSignal(fixer, sourceCode, status, signal) ?? null,
        });
      }
      context.report({
        node,
        messageId: 'missingSignal',
        data: { callee, slot: slotText, signal },
        fix: canAutofix ? (fixer) => passFix(fixer) ?? null : null,
        suggest,
      });
    }

    function reportWithoutSource(
      node: CallWithArguments,
      slot: SignalSlot,
      status: SlotStatus,
      isAi: boolean,
      callee: string,
      slotText: string,
    ): void {
      const messageId = isAi ? 'missingSignalNoSource' : 'missingSignalAnyCall';
      const data = { callee, slot: slotText };
      // A fix must type-check: no new object missing other required properties, and no
      // threaded `signal?: AbortSignal` where the slot wants a signal for sure.
      if (!canBuildSlotObjects(services, slot, status) || !slotAcceptsUndefined(services, slot)) {
        context.report({ node, messageId, data });
        return;
      }
      const response = findResponseParameter(node);
      if (response !== undefined) {
        context.report({
          node,
          messageId,
          data,
          suggest: [
            {
              messageId: 'linkResponseClose',
              data: { response: response.text },
              fix: (fixer) => fixLinkResponseClose(fixer, node, slot, status, response) ?? null,
            },
          ],
        });
        return;
      }
      const plan = status.kind === 'missingInValue' ? undefined : planThreadSignal(sourceCode, node, isTypeScript);
      if (plan === undefined) {
        context.report({ node, messageId, data });
        return;
      }
      const threadFix = (fixer: Fixer): Fix[] | undefined => {
        const declared = plan.fix(fixer);
        const pass = fixPassSignal(fixer, sourceCode, node, slot, status, plan.signalText);
        return declared === undefined || pass === undefined ? undefined : [...declared, ...pass];
      };
      const fnName = getFunctionName(plan.fn) ?? 'the enclosing function';
      const canAutofix = autofix && plan.safety === 'autofix' && !slot.fromOtherOverload;
      context.report({
        node,
        messageId,
        data,
        fix: canAutofix ? (fixer) => threadFix(fixer) ?? null : null,
        suggest: canAutofix
          ? []
          : [{ messageId: 'threadSignal', data: { fn: fnName }, fix: (fixer) => threadFix(fixer) ?? null }],
      });
    }

    /**
     * `cancel` of the source given to a stream's constructor (`new ReadableStream({ cancel() { … } })`):
     * it runs when the stream's reader gives up on it, as an abort listener runs when the signal aborts.
     */
    function isStreamCancel(fn: FunctionNode): boolean {
      const property = fn.parent;
      if (
        property.type !== AST_NODE_TYPES.Property ||
        property.value !== fn ||
        property.computed ||
        property.key.type !== AST_NODE_TYPES.Identifier ||
        property.key.name !== 'cancel'
      ) {
        return false;
      }
      const source = property.parent;
      const construct = source.parent;
      return (
        construct.type === AST_NODE_TYPES.NewExpression &&
        construct.arguments[0] === source &&
        types.isStreamLike(services.getTypeAtLocation(construct))
      );
    }

    /** An Express/Fastify-style handler parameter: a Node `ServerResponse` (or a reply wrapping one as `raw`). */
    function findResponseParameter(node: TSESTree.Node): { fn: FunctionNode; text: string } | undefined {
      for (let current = node.parent; current != null; current = current.parent) {
        if (!isFunctionNode(current)) continue;
        for (const parameter of current.params) {
          if (parameter.type !== AST_NODE_TYPES.Identifier) continue;
          const type = services.getTypeAtLocation(parameter);
          if (isServerResponse(type)) return { fn: current, text: parameter.name };
          const raw = checker.getPropertyOfType(type, 'raw');
          if (raw !== undefined && isServerResponse(checker.getTypeOfSymbol(raw))) {
            return { fn: current, text: `${parameter.name}.raw` };
          }
        }
      }
      return undefined;
    }

    function isServerResponse(type: import('typescript').Type): boolean {
      return (
        !types.isOpaque(type) &&
        checker.getPropertyOfType(type, 'writableFinished') !== undefined &&
        checker.getPropertyOfType(type, 'on') !== undefined
      );
    }

    function fixLinkResponseClose(
      fixer: Fixer,
      node: CallWithArguments,
      slot: SignalSlot,
      status: SlotStatus,
      response: { fn: FunctionNode; text: string },
    ): Fix[] | undefined {
      const body = response.fn.body;
      if (body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
      if (isNameVisible(sourceCode, body, 'controller')) return undefined;
      const pass = fixPassSignal(fixer, sourceCode, node, slot, status, 'controller.signal');
      if (pass === undefined) return undefined;
      const first = body.body[0];
      const indent = first !== undefined ? getIndent(sourceCode, first) : `${getIndent(sourceCode, response.fn)}  `;
      const res = response.text;
      const text =
        `\n${indent}const controller = new AbortController();` +
        `\n${indent}${res}.on('close', () => {` +
        `\n${indent}  if (!${res}.writableFinished) controller.abort();` +
        `\n${indent}});`;
      const opening = sourceCode.getFirstToken(body);
      if (opening === null) return undefined;
      return [fixer.insertTextAfter(opening, text), ...pass];
    }
  },
});

const ORDINALS = ['1st', '2nd', '3rd'];

/** `2nd argument (`signal`)`, `1st argument (`config.abortSignal`)`. */
function describeSlot(slot: Pick<SignalSlot, 'index' | 'path'>): string {
  const ordinal = ORDINALS[slot.index] ?? `${String(slot.index + 1)}th`;
  return slot.path.length === 0 ? `${ordinal} argument` : `${ordinal} argument (\`${slot.path.join('.')}\`)`;
}
