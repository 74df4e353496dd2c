import { openai as openaiProvider } from '@ai-sdk/openai';
import { generateText, isStepCount, streamText } from 'ai';

import { AGENT_TIMEOUT_MS, models } from '../clients.js';
import { fetchPage, searchDocs } from '../tools/web.js';

const RESEARCH_PROMPT =
  'You answer questions about Acme Cloud by searching its documentation. ' +
  'Search first, read the most relevant pages, then answer and cite the page URLs you used.';

const tools = { searchDocs, fetchPage };

export interface ResearchResult {
  answer: string;
  sources: string[];
}

/** Runs the documentation research agent to completion. */
export async function researchQuestion(question: string, signal: AbortSignal): Promise<ResearchResult> {
  const result = await generateText({
    model: openaiProvider(models.chat),
    system: RESEARCH_PROMPT,
    prompt: question,
    tools,
    stopWhen: isStepCount(6),
    abortSignal: AbortSignal.any([signal, AbortSignal.timeout(AGENT_TIMEOUT_MS)]),
  });
  const sources = new Set<string>();
  for (const step of result.steps) {
    for (const call of step.toolCalls) {
      if (call.toolName === 'fetchPage' && !call.dynamic) {
        sources.add(call.input.url);
      }
    }
  }
  return { answer: result.text, sources: [...sources] };
}

/** Same agent, streamed as plain text to the browser. */
export function streamResearch(question: string, signal: AbortSignal) {
  return streamText({
    model: openaiProvider(models.chat),
    system: RESEARCH_PROMPT,
    prompt: question,
    tools,
    stopWhen: isStepCount(6),
    abortSignal: signal,
  });
}
