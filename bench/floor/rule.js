// A floor under require-signal's time: a bench-only rule that does only the rule's first questions for
// every call, as require-signal asks them, through the same code in the built plugin (dist/), and nothing
// after them. Lint with it in place of the plugin to see what those questions cost on their own:
//   npm run build
//   node bench/run.js --configs no-floating-promises,plugin --plugin bench/floor/gates.js --repeat 3
//   node bench/run.js --configs no-floating-promises,plugin --plugin bench/floor/declarations.js --repeat 3
// gates.js stops after `getWorkSignature` (the syntax, the resolved signature, the return type's flags);
// declarations.js also asks `hasNoSignalParameter` (the first look at each callee's declarations). Each
// runs alone in its child process, so neither finds the other's answers in a cache. See bench/README.md.

import { getWorkSignature, hasNoSignalParameter } from '../../dist/util/signalSlots.js';
import { getSignalTypes } from '../../dist/util/signalTypes.js';

/**
 * @param {'gates' | 'declarations'} stage
 * @returns {import('eslint').ESLint.Plugin}
 */
export function makeFloorPlugin(stage) {
  /** @type {import('eslint').Rule.RuleModule} */
  const rule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const services = /** @type {import('@typescript-eslint/utils').ParserServicesWithTypeInformation} */ (
        context.sourceCode.parserServices
      );
      const checker = services.program.getTypeChecker();
      const types = getSignalTypes(checker);
      /** @param {any} node */
      const visit = (node) => {
        const work = getWorkSignature(services, types, node);
        if (work === undefined || stage === 'gates') return;
        hasNoSignalParameter(checker, work.signature);
      };
      return { CallExpression: visit, NewExpression: visit };
    },
  };
  /** @type {import('eslint').ESLint.Plugin & { configs: Record<string, import('eslint').Linter.Config> }} */
  const plugin = { meta: { name: `bench-floor-${stage}` }, rules: { [stage]: rule }, configs: {} };
  plugin.configs.all = { plugins: { floor: plugin }, rules: { [`floor/${stage}`]: 'error' } };
  return plugin;
}
