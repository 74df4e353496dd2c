import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, TSESLint as Lint } from '@typescript-eslint/utils';

import { skipTypeWrappers } from './signalSlots.js';

const { ScopeType } = Lint.Scope;

const cache = new WeakMap<object, ReadonlyMap<string, ReadonlySet<AST_NODE_TYPES>>>();

/**
 * For each name declared in the file with a plain `name = init` declarator,
 * the node types of its initializers (casts skipped). Built once per file
 * from the scope manager: a rule can then skip a scope lookup for a name
 * that was never initialised with anything it cares about.
 *
 * @example
 * // const deadline = AbortSignal.timeout(5_000);
 * getInitializerKinds(sourceCode).get('deadline') // Set { 'CallExpression' }
 */
export function getInitializerKinds(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlyMap<string, ReadonlySet<AST_NODE_TYPES>> {
  let kinds = cache.get(sourceCode.ast);
  if (kinds === undefined) {
    const byName = new Map<string, Set<AST_NODE_TYPES>>();
    // Not `scopeManager.variables`: the global scope holds every lib global (thousands), none declared here.
    // A module declares its top level in the module scope.
    const skipGlobal = sourceCode.ast.sourceType === 'module';
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      if (skipGlobal && scope.type === ScopeType.global) continue;
      for (const variable of scope.variables) {
        for (const definition of variable.defs) {
          if (definition.node.type !== AST_NODE_TYPES.VariableDeclarator) continue;
          const declarator: TSESTree.VariableDeclarator = definition.node;
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init == null) continue;
          let set = byName.get(variable.name);
          if (set === undefined) {
            set = new Set();
            byName.set(variable.name, set);
          }
          set.add(skipTypeWrappers(declarator.init).type);
        }
      }
    }
    kinds = byName;
    cache.set(sourceCode.ast, kinds);
  }
  return kinds;
}
