import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, TSESLint as Lint } from '@typescript-eslint/utils';

import { skipTypeWrappers } from './signalSlots.js';

const { ScopeType } = Lint.Scope;

const cache = new WeakMap<object, ReadonlyMap<string, ReadonlySet<string>>>();

/**
 * For each name declared in the file with a plain `name = init` declarator,
 * the shapes of its initializers (casts skipped), read from syntax alone:
 * `'.signal'` (`x.signal`), `'AbortSignal.timeout'` (any call of a member of
 * `AbortSignal`), `'new AbortController'` (`new` of a plain name), or else the
 * node type (`'ObjectExpression'`, `'Identifier'`, `'CallExpression'`, …).
 * Built once per file from the scope manager: a rule can skip the scope
 * lookup of a name that was never initialised with anything it cares about.
 *
 * @example
 * // const deadline = AbortSignal.timeout(5_000);
 * getInitializerShapes(sourceCode).get('deadline') // Set { 'AbortSignal.timeout' }
 */
export function getInitializerShapes(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlyMap<string, ReadonlySet<string>> {
  let shapes = cache.get(sourceCode.ast);
  if (shapes === undefined) {
    const byName = new Map<string, Set<string>>();
    // Not `scopeManager.variables`: the global scope holds every lib global (thousands), none declared here,
    // and a module declares its top level in the module scope.
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
          set.add(getShape(skipTypeWrappers(declarator.init)));
        }
      }
    }
    shapes = byName;
    cache.set(sourceCode.ast, shapes);
  }
  return shapes;
}

function getShape(init: TSESTree.Expression): string {
  if (init.type === AST_NODE_TYPES.MemberExpression && !init.computed && init.property.type === AST_NODE_TYPES.Identifier && init.property.name === 'signal') {
    return '.signal';
  }
  if (init.type === AST_NODE_TYPES.CallExpression) {
    const callee = init.callee;
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      !callee.computed &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'AbortSignal' &&
      callee.property.type === AST_NODE_TYPES.Identifier
    ) {
      return `AbortSignal.${callee.property.name}`;
    }
  }
  if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) return `new ${init.callee.name}`;
  return init.type;
}
