import { describe, expect, it } from 'vitest';
import type ts from 'typescript';

import { getAiModuleMatcher, getPackageName } from '../../src/util/aiModules.js';

const file = (fileName: string) => ({ fileName }) as ts.SourceFile;

describe('getPackageName', () => {
  it.each([
    ['/p/node_modules/openai/resources/chat.d.ts', 'openai'],
    ['/p/node_modules/@langchain/core/dist/runnables/base.d.ts', '@langchain/core'],
    ['/p/node_modules/.pnpm/ai@6.0.0/node_modules/ai/dist/index.d.ts', 'ai'],
    ['C:\\p\\node_modules\\@google\\genai\\dist\\genai.d.ts', '@google/genai'],
    ['/p/src/llm.ts', undefined],
  ])('%s → %s', (fileName, expected) => {
    expect(getPackageName(fileName)).toBe(expected);
  });
});

describe('getAiModuleMatcher', () => {
  it.each([
    ['/p/node_modules/openai/index.d.ts', true],
    ['/p/node_modules/@ai-sdk/openai/dist/index.d.ts', true],
    ['/p/node_modules/@langchain/langgraph/dist/graph.d.ts', true],
    ['/p/node_modules/@openai/agents-core/dist/run.d.ts', true],
    ['/p/node_modules/@types/node/globals.d.ts', false],
    ['/p/node_modules/openai-like/index.d.ts', false],
    ['/p/src/llm.ts', false],
  ])('default list: %s → %s', (fileName, expected) => {
    expect(getAiModuleMatcher().isAiFile(file(fileName))).toBe(expected);
  });

  it('adds packages and project paths from settings', () => {
    const matcher = getAiModuleMatcher(['@acme/llm', 'src/lib/llm/']);
    expect(matcher.isAiFile(file('/p/node_modules/@acme/llm/index.d.ts'))).toBe(true);
    expect(matcher.isAiFile(file('/p/src/lib/llm/client.ts'))).toBe(true);
    expect(matcher.isAiFile(file('/p/src/lib/db/client.ts'))).toBe(false);
  });
});
