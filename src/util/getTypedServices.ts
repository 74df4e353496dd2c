import type { ParserServicesWithTypeInformation } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { ESLintUtils } from '@typescript-eslint/utils';

/**
 * Returns the parser services with type information, or throws an error that
 * says how to turn type information on.
 *
 * @example const services = getTypedServices(context, 'require-signal');
 */
export function getTypedServices(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  ruleName: string,
): ParserServicesWithTypeInformation {
  let services: ReturnType<typeof ESLintUtils.getParserServices> | undefined;
  try {
    services = ESLintUtils.getParserServices(context, true);
  } catch {
    // No typescript-eslint parser at all: fall through to the same explanation.
  }
  if (services?.program == null) {
    throw new Error(
      `abort-signal/${ruleName} needs type information, but none was found for "${context.filename}". ` +
        'Use the typescript-eslint parser with type information: in eslint.config.js set ' +
        '`languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } }`, ' +
        'and make sure the file is included by a tsconfig.json. See https://typescript-eslint.io/getting-started/typed-linting',
    );
  }
  return services;
}
