import { ESLintUtils } from '@typescript-eslint/utils';

export interface Docs {
  /** The lowest config that enables the rule. */
  recommended?: 'recommended' | 'strict';
  requiresTypeChecking?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<Docs>(
  (name) => `https://github.com/eslint-plugin-abort-signal/eslint-plugin-abort-signal/blob/main/docs/rules/${name}.md`,
);
