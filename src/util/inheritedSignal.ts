import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { getPackageName } from './aiModules.js';
import { isReachedFromAbortListener } from './callContext.js';
import { isFunctionNode } from './functions.js';
import { findCallSlot, getSlotStatus, skipTypeWrappers, type CallWithArguments } from './signalSlots.js';
import { getSignalTypes } from './signalTypes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Does the call receive its signal some other way than its own arguments?
 * Each case is a known false-positive trap of a per-call check:
 * - a receiver bound with a signal: `llm.withConfig({ signal }).invoke(x)`;
 * - a LangChain runnable called inside a LangChain run, which inherits the
 *   run's signal through async context;
 * - a lazy stream whose consumer (`pipeline(…, { signal })`) takes the signal;
 * - a stream built on an existing stream (`body.pipeThrough(new TextDecoderStream())`):
 *   no work starts, and the source stream carries the signal of the call that made it;
 * - a call given a signal positionally where it expects something else
 *   (`events.once(signal, 'abort')`): the signal is the subject;
 * - a result the code stops itself when a signal aborts
 *   (`const child = spawn(…)` and `signal.addEventListener('abort', () => child.kill())`,
 *   or a helper that such a listener calls);
 * - a consumer of a stream whose producer was given a signal
 *   (`consumeStream({ stream })` of a body fetched with `{ signal }`): the abort
 *   reaches it as the producer's error.
 */
export function hasInheritedSignal(
  sourceCode: SourceCode,
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
  signature: ts.Signature,
  returnsStream: boolean,
): boolean {
  return (
    isBoundWithSignal(sourceCode, services, node, 0) ||
    (isLangChainDeclaration(signature.getDeclaration()) && isInsideLangChainRun(services, node)) ||
    (returnsStream && (isStreamOfStream(services, node) || isConsumedWithSignal(sourceCode, services, node))) ||
    hasSignalArgument(services, node) ||
    isStoppedOnAbort(sourceCode, services, node) ||
    consumesGovernedStream(sourceCode, services, node)
  );
}

function givesSignal(services: ParserServicesWithTypeInformation, call: CallWithArguments): boolean {
  const slot = findCallSlot(services, call);
  return slot !== undefined && getSlotStatus(services, call, slot).kind === 'given';
}

function resolveInitializer(sourceCode: SourceCode, expression: TSESTree.Expression): TSESTree.Expression {
  let current = skipTypeWrappers(expression);
  if (current.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(current), current);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (
      definition?.type === TSESLint.Scope.DefinitionType.Variable &&
      definition.node.init != null &&
      definition.parent.kind === 'const'
    ) {
      current = skipTypeWrappers(definition.node.init);
    }
  }
  if (current.type === AST_NODE_TYPES.AwaitExpression) current = skipTypeWrappers(current.argument);
  return current;
}

function isBoundWithSignal(
  sourceCode: SourceCode,
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
  depth: number,
): boolean {
  if (depth > 3) return false;
  const callee = node.callee.type === AST_NODE_TYPES.ChainExpression ? node.callee.expression : node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = resolveInitializer(sourceCode, callee.object);
  if (receiver.type !== AST_NODE_TYPES.CallExpression && receiver.type !== AST_NODE_TYPES.NewExpression) return false;
  return givesSignal(services, receiver) || isBoundWithSignal(sourceCode, services, receiver, depth + 1);
}

function isLangChainDeclaration(declaration: ts.Declaration | undefined): boolean {
  if (declaration === undefined) return false;
  const packageName = getPackageName(declaration.getSourceFile().fileName);
  return packageName !== undefined && (packageName.startsWith('@langchain/') || packageName === 'langchain');
}

/**
 * A function is part of a LangChain run when it declares a `RunnableConfig`
 * parameter, or is handed to a LangChain API (`addNode`, `RunnableLambda.from`, `tool()`).
 */
function isInsideLangChainRun(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  const checker = services.program.getTypeChecker();
  for (let current = node.parent; current != null; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    for (const parameter of current.params) {
      const type = services.getTypeAtLocation(parameter);
      const name = type.aliasSymbol?.name ?? type.getSymbol()?.name ?? '';
      if (name.endsWith('RunnableConfig')) return true;
    }
    let argument: TSESTree.Node = current;
    if (argument.parent.type === AST_NODE_TYPES.Property) argument = argument.parent.parent;
    const parent = argument.parent;
    if (
      (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(argument as TSESTree.CallExpressionArgument)
    ) {
      const signature = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(parent));
      if (isLangChainDeclaration(signature?.getDeclaration())) return true;
    }
  }
  return false;
}

/**
 * `pipeline(Readable.from(items), sink, { signal })`, or
 * `readline.createInterface({ input: stream, signal })`, directly or through a
 * `const`: the stream is an argument, or a property of an object-literal
 * argument, of a call that can take a signal. The consumer takes the signal (or
 * is itself reported for lacking it).
 */
function isConsumedWithSignal(
  sourceCode: SourceCode,
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
): boolean {
  const consumer = (value: TSESTree.Node): boolean => {
    let argument = value;
    const property = value.parent;
    if (property?.type === AST_NODE_TYPES.Property && property.value === value && property.parent.type === AST_NODE_TYPES.ObjectExpression) {
      argument = property.parent;
    }
    const parent = argument.parent;
    return (
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(argument as TSESTree.CallExpressionArgument) &&
      findCallSlot(services, parent) !== undefined
    );
  };
  if (consumer(node)) return true;
  const parent = node.parent;
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== node) return false;
  return sourceCode
    .getDeclaredVariables(parent)
    .some((variable) => variable.references.some((reference) => !reference.init && consumer(reference.identifier)));
}

/**
 * A stream-returning method of a stream (`pipeThrough`, Node's `compose`, `map`):
 * it wraps the receiver lazily. The call that made the receiver is where the
 * signal belongs, and is reported there if it lacks one.
 */
function isStreamOfStream(services: ParserServicesWithTypeInformation, node: CallWithArguments): boolean {
  const callee = node.callee.type === AST_NODE_TYPES.ChainExpression ? node.callee.expression : node.callee;
  if (node.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const types = getSignalTypes(services.program.getTypeChecker());
  return types.isStreamLike(services.getTypeAtLocation(callee.object));
}

/** Arguments that are never a signal, seen from the syntax: literals, object and array literals, functions. */
const NEVER_SIGNAL_ARGUMENTS = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.SpreadElement,
]);

function hasSignalArgument(services: ParserServicesWithTypeInformation, node: CallWithArguments): boolean {
  const types = getSignalTypes(services.program.getTypeChecker());
  return node.arguments.some(
    (argument) => !NEVER_SIGNAL_ARGUMENTS.has(argument.type) && types.isSignalLike(services.getTypeAtLocation(argument)),
  );
}

/**
 * The call's result goes into a variable that an abort listener on a signal
 * uses: `signal?.addEventListener('abort', () => child.kill('SIGINT'))`,
 * `signal.onabort = …`, `addAbortListener(signal, …)`, directly or in a
 * file-local function that such a listener calls (`const stop = () => child.kill()`
 * and `signal.addEventListener('abort', onAbort)` where `onAbort` calls `stop()`).
 * The code has chosen how to stop the work (a graceful stop where the signal
 * would kill it).
 */
function isStoppedOnAbort(
  sourceCode: SourceCode,
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
): boolean {
  let expression: TSESTree.Node = node;
  let parent: TSESTree.Node = node.parent;
  while (
    parent.type === AST_NODE_TYPES.AwaitExpression ||
    parent.type === AST_NODE_TYPES.TSAsExpression ||
    parent.type === AST_NODE_TYPES.TSNonNullExpression ||
    parent.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    expression = parent;
    parent = parent.parent;
  }
  let variable: TSESLint.Scope.Variable | null | undefined;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === expression && parent.id.type === AST_NODE_TYPES.Identifier) {
    variable = sourceCode.getDeclaredVariables(parent)[0];
  } else if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === expression &&
    parent.left.type === AST_NODE_TYPES.Identifier
  ) {
    variable = ASTUtils.findVariable(sourceCode.getScope(parent.left), parent.left);
  }
  if (variable == null) return false;
  const types = getSignalTypes(services.program.getTypeChecker());
  const isSignalTarget = (target: TSESTree.Node): boolean => types.isSignalLike(services.getTypeAtLocation(target));
  const home = getEnclosingFunction(node);
  return variable.references.some((reference) => isReachedFromAbortListener(sourceCode, reference.identifier, home, isSignalTarget));
}

function getEnclosingFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/**
 * The call reads a stream (an argument, or a property of an object-literal
 * argument) whose producer was given a signal: `consumeStream({ stream: body.pipeThrough(…) })`
 * where `body` comes from `fetch(url, { signal })`. The abort reaches the consumer as
 * the producer's error; a signal of its own would end it another way (the AI SDK's
 * `consumeStream` cancels its reader, which reads as a clean end, and the caller goes
 * on as if the stream had finished).
 */
function consumesGovernedStream(
  sourceCode: SourceCode,
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
): boolean {
  const types = getSignalTypes(services.program.getTypeChecker());
  return getPassedValues(node).some(
    (value) =>
      !isNeverStream(value) && types.isStreamLike(services.getTypeAtLocation(value)) && isGovernedStream(sourceCode, services, value, 0),
  );
}

/** `'gpt-4o'`, `[...messages]`, `{ role: 'user' }`, `() => {}`, `-1`: values that are never a stream, read off the syntax. */
function isNeverStream(value: TSESTree.Expression): boolean {
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    default:
      return false;
  }
}

/** The arguments of a call, and the property values of its object-literal arguments. */
function getPassedValues(node: CallWithArguments): TSESTree.Expression[] {
  const values: TSESTree.Expression[] = [];
  for (const argument of node.arguments) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
    if (argument.type !== AST_NODE_TYPES.ObjectExpression) {
      values.push(argument);
      continue;
    }
    for (const property of argument.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.value.type !== AST_NODE_TYPES.AssignmentPattern) {
        values.push(property.value as TSESTree.Expression);
      }
    }
  }
  return values;
}

const MAX_PRODUCER_DEPTH = 6;

/**
 * Was the stream `expression` evaluates to made by a call given a signal: that
 * call itself, a property of its result (`response.body`), or a stream built on
 * such a stream (`.pipeThrough(…)`, `parseEvents({ stream: response.body })`),
 * through `const`s, `await` and a promise's methods (`fetch(…).catch(…)`)?
 */
function isGovernedStream(
  sourceCode: SourceCode,
  services: ParserServicesWithTypeInformation,
  expression: TSESTree.Expression,
  depth: number,
): boolean {
  if (depth > MAX_PRODUCER_DEPTH) return false;
  let current = resolveInitializer(sourceCode, expression);
  if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
  if (current.type === AST_NODE_TYPES.MemberExpression) {
    return !current.computed && isGovernedStream(sourceCode, services, current.object, depth + 1);
  }
  if (current.type !== AST_NODE_TYPES.CallExpression && current.type !== AST_NODE_TYPES.NewExpression) return false;
  if (givesSignal(services, current) || hasSignalArgument(services, current)) return true;
  const types = getSignalTypes(services.program.getTypeChecker());
  const callee = current.callee.type === AST_NODE_TYPES.ChainExpression ? current.callee.expression : current.callee;
  // `fetch(url, { signal }).catch(…)`: a promise's method settles with what the promise settles with.
  if (
    current.type === AST_NODE_TYPES.CallExpression &&
    callee.type === AST_NODE_TYPES.MemberExpression &&
    types.isPromiseOrAsyncIterable(services.getTypeAtLocation(callee.object)) &&
    types.isPromiseOrAsyncIterable(services.getTypeAtLocation(current))
  ) {
    return isGovernedStream(sourceCode, services, callee.object, depth + 1);
  }
  // Not given one itself: a stream built on a governed stream is governed too.
  if (!types.isStreamLike(services.getTypeAtLocation(current))) return false;
  if (
    current.type === AST_NODE_TYPES.CallExpression &&
    callee.type === AST_NODE_TYPES.MemberExpression &&
    types.isStreamLike(services.getTypeAtLocation(callee.object)) &&
    isGovernedStream(sourceCode, services, callee.object, depth + 1)
  ) {
    return true;
  }
  return getPassedValues(current).some(
    (value) => types.isStreamLike(services.getTypeAtLocation(value)) && isGovernedStream(sourceCode, services, value, depth + 1),
  );
}
