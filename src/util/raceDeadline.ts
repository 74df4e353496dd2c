import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import ts from 'typescript';

import { getMemberName } from './callContext.js';
import type { CallWithArguments } from './signalSlots.js';

/**
 * Is `node` the timer that bounds a `Promise.race`: `sleep(ms)`,
 * `sleep(ms, 'timeout')` or `sleep(ms).then(() => { throw … })` as one of the
 * raced promises? It is a deadline, not work: the signal would end the race
 * the moment it aborts, and a teardown that waits (bounded) for in-flight
 * work after aborting would no longer wait at all. Syntax first; then a timer
 * is told by its type: its first argument is a number (the delay), and it
 * resolves to nothing or to a value the caller passed in (not to a result).
 *
 * @example isRaceDeadline(services, call, signature) // true for `sleep(5000)` in `Promise.race([idle, sleep(5000)])`
 */
export function isRaceDeadline(
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
  signature: ts.Signature,
): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || !isRaceArm(node)) return false;
  const [delay, ...rest] = node.arguments;
  if (delay === undefined || delay.type === AST_NODE_TYPES.SpreadElement) return false;
  if ((services.getTypeAtLocation(delay).flags & ts.TypeFlags.NumberLike) === 0) return false;
  const checker = services.program.getTypeChecker();
  const resolved = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
  if (resolved === undefined || (resolved.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return false;
  if ((resolved.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0) return true;
  return rest.some(
    (argument) =>
      argument.type !== AST_NODE_TYPES.SpreadElement &&
      checker.isTypeAssignableTo(services.getTypeAtLocation(argument), resolved),
  );
}

/** `Promise.race([…, node, …])`, also through `node.then(…)`, `.catch(…)`, `.finally(…)`. */
function isRaceArm(node: TSESTree.CallExpression): boolean {
  let arm: TSESTree.Node = node;
  while (
    arm.parent.type === AST_NODE_TYPES.MemberExpression &&
    arm.parent.object === arm &&
    ['then', 'catch', 'finally'].includes(getMemberName(arm.parent) ?? '') &&
    arm.parent.parent.type === AST_NODE_TYPES.CallExpression &&
    arm.parent.parent.callee === arm.parent
  ) {
    arm = arm.parent.parent;
  }
  const array = arm.parent;
  if (array.type !== AST_NODE_TYPES.ArrayExpression || array.elements.length < 2) return false;
  const race = array.parent;
  return (
    race.type === AST_NODE_TYPES.CallExpression &&
    race.arguments[0] === array &&
    race.callee.type === AST_NODE_TYPES.MemberExpression &&
    race.callee.object.type === AST_NODE_TYPES.Identifier &&
    race.callee.object.name === 'Promise' &&
    getMemberName(race.callee) === 'race'
  );
}
