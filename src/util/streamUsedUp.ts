import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import ts from 'typescript';

import type { CallWithArguments } from './signalSlots.js';
import { getSignalTypes } from './signalTypes.js';

const MAX_CHAIN = 8;

/**
 * Is the stream that `node` returns used up on the spot: a chain of method
 * calls on it, in the same expression, whose last call returns a plain value
 * that the code uses (`createHash('sha256').update(data).digest('hex')`,
 * `createCipheriv(…).update(text)`)? Nothing keeps a reference to the stream,
 * and no stream or promise comes out of the chain, so no work is left running
 * that a signal could stop. A chain kept for its effects
 * (`connect(port).write(data);`) is not a use of the value.
 *
 * @example isStreamUsedUp(services, createHashCall) // true in `createHash('sha256').update(x).digest('hex')`
 */
export function isStreamUsedUp(services: ParserServicesWithTypeInformation, node: CallWithArguments): boolean {
  const types = getSignalTypes(services.program.getTypeChecker());
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const member: TSESTree.Node = current.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return false;
    const call: TSESTree.Node = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    const type = services.getTypeAtLocation(call);
    if (types.isStreamLike(type)) {
      current = call;
      continue;
    }
    return (
      call.parent.type !== AST_NODE_TYPES.ExpressionStatement &&
      (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Never)) === 0 &&
      !types.isOpaque(type) &&
      !types.isWorkResult(type)
    );
  }
  return false;
}
