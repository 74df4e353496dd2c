import ts from 'typescript';

/**
 * Packages whose calls are "AI calls": model, agent, embedding and retrieval
 * SDKs. `*` matches any run of characters (`@ai-sdk/*`, `@langchain/*`).
 */
export const DEFAULT_AI_MODULES: readonly string[] = [
  'openai',
  '@anthropic-ai/sdk',
  'ai',
  '@ai-sdk/*',
  '@langchain/*',
  'langchain',
  '@google/genai',
  '@google/generative-ai',
  '@mistralai/mistralai',
  'cohere-ai',
  'groq-sdk',
  'ollama',
  '@aws-sdk/client-bedrock-runtime',
  '@modelcontextprotocol/sdk',
  '@openai/agents',
  '@openai/agents-*',
  '@mastra/core',
  'llamaindex',
  '@llamaindex/*',
  '@pinecone-database/pinecone',
  '@qdrant/js-client-rest',
  'chromadb',
];

export interface AiModuleSettings {
  /** Extra package names or project paths whose calls count as AI calls. */
  readonly aiModules?: readonly string[];
}

/**
 * Matches declaration files against the AI module list. Package patterns match
 * the package a file belongs to (`…/node_modules/@langchain/openai/dist/…`);
 * patterns with a `/` that are not package names (`src/llm/`) match project
 * paths.
 */
export interface AiModuleMatcher {
  isAiFile(sourceFile: ts.SourceFile): boolean;
}

const matchers = new Map<string, AiModuleMatcher>();

/** @example getAiModuleMatcher(['@acme/llm']).isAiFile(sourceFile) */
export function getAiModuleMatcher(extra: readonly string[] = []): AiModuleMatcher {
  const key = extra.join('\n');
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    matcher = createMatcher([...DEFAULT_AI_MODULES, ...extra]);
    matchers.set(key, matcher);
  }
  return matcher;
}

function toRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** `/x/node_modules/.pnpm/a@1/node_modules/@scope/pkg/dist/i.d.ts` → `@scope/pkg`. */
export function getPackageName(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  const index = normalized.lastIndexOf('/node_modules/');
  if (index === -1) return undefined;
  const parts = normalized.slice(index + '/node_modules/'.length).split('/');
  if (parts[0] === undefined) return undefined;
  if (parts[0].startsWith('@')) return parts[1] !== undefined ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}

function isPackagePattern(pattern: string): boolean {
  return /^(@[\w.*-]+\/)?[\w.*-]+$/.test(pattern);
}

function createMatcher(patterns: readonly string[]): AiModuleMatcher {
  const packagePatterns = patterns.filter(isPackagePattern).map(toRegExp);
  const pathPatterns = patterns
    .filter((pattern) => !isPackagePattern(pattern))
    .map((pattern) => pattern.replace(/\\/g, '/').replace(/^\.\//, ''));
  const cache = new WeakMap<ts.SourceFile, boolean>();
  return {
    isAiFile(sourceFile) {
      let result = cache.get(sourceFile);
      if (result === undefined) {
        const packageName = getPackageName(sourceFile.fileName);
        const fileName = sourceFile.fileName.replace(/\\/g, '/');
        result =
          (packageName !== undefined && packagePatterns.some((regExp) => regExp.test(packageName))) ||
          pathPatterns.some((pattern) => fileName.includes(pattern));
        cache.set(sourceFile, result);
      }
      return result;
    },
  };
}
