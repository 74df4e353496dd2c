import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';

import { getConstInitializer } from './constInitializer.js';
import { getSlotValue, getStaticPropertyName, skipTypeWrappers, type CallWithArguments, type SignalSlot } from './signalSlots.js';

/**
 * The expression a call passes in its signal slot, like `getSlotValue`, and
 * also through a `const` options object built just for it:
 * `const init = { signal: x }; fetch(url, init)` gives `x`. The object is
 * followed only when nothing can change its signal in between: no write to
 * that property, and the object is handed to no other call.
 *
 * @example
 * // const init: RequestInit = { method: 'POST', signal: AbortSignal.timeout(5_000) };
 * // await fetch(url, init);
 * resolveSlotValue(sourceCode, fetchCall, slot) // the `AbortSignal.timeout(5_000)` node
 */
export function resolveSlotValue(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: CallWithArguments,
  slot: Pick<SignalSlot, 'index' | 'path'>,
): TSESTree.Expression | undefined {
  const direct = getSlotValue(node, slot);
  if (direct !== undefined || slot.path.length === 0) return direct;
  const argument = node.arguments[slot.index];
  const options = getOptionsObject(sourceCode, argument, node, slot.path[0]!);
  if (options === undefined) return undefined;
  let value: TSESTree.Expression | undefined = options;
  for (const name of slot.path) {
    const object: TSESTree.Expression | undefined = value !== undefined ? skipTypeWrappers(value) : undefined;
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const property = object.properties.find(
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && getStaticPropertyName(p) === name,
    );
    value = property?.value as TSESTree.Expression | undefined;
  }
  return value;
}

/** The object literal a `const` argument was initialised with, when its `head` property cannot have changed. */
function getOptionsObject(
  sourceCode: Readonly<TSESLint.SourceCode>,
  argument: TSESTree.Node | undefined,
  call: CallWithArguments,
  head: string,
): TSESTree.ObjectExpression | undefined {
  if (argument?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const init = getConstInitializer(sourceCode, argument);
  const object = init !== undefined ? skipTypeWrappers(init) : undefined;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(argument), argument);
  if (variable === null) return undefined;
  const isUntouched = variable.references.every((reference) => {
    if (reference.init === true) return true;
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (parent === call) return true;
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
    const written =
      (parent.parent.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) ||
      parent.parent.type === AST_NODE_TYPES.UpdateExpression ||
      (parent.parent.type === AST_NODE_TYPES.UnaryExpression && parent.parent.operator === 'delete');
    if (!written) return true;
    // `init.body = …` leaves the signal alone; `init.signal = …` or `init[key] = …` may not.
    return !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name !== head;
  });
  return isUntouched ? object : undefined;
}
