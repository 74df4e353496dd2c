import type OpenAI from 'openai';

import { MODEL_TIMEOUT_MS, models, openai } from '../clients.js';

export type ChatMessage = OpenAI.Chat.ChatCompletionMessageParam;

const SUPPORT_PROMPT =
  'You are the support assistant for Acme Cloud. Answer from the documentation you are given. ' +
  'If the answer is not in it, say so and offer to open a ticket.';

const SUMMARY_PROMPT =
  'Summarize this support thread for the agent who takes it over: the problem, what was tried, ' +
  'and what the customer is waiting for. At most five bullet points.';

/**
 * Answers a customer question. The caller's signal and our own time budget both
 * bound the call: whichever fires first cancels the HTTP request to OpenAI.
 */
export async function answerQuestion(messages: ChatMessage[], signal: AbortSignal): Promise<string> {
  const completion = await openai.chat.completions.create(
    {
      model: models.chat,
      messages: [{ role: 'system', content: SUPPORT_PROMPT }, ...messages],
      temperature: 0.2,
    },
    { signal: AbortSignal.any([signal, AbortSignal.timeout(MODEL_TIMEOUT_MS)]) },
  );
  return completion.choices[0]?.message.content ?? '';
}

/** Summarizes a ticket thread for the agent sidebar. */
export async function summarizeTicket(thread: string, signal?: AbortSignal): Promise<string> {
  const completion = await openai.chat.completions.create(
    {
      model: models.chat,
      messages: [
        { role: 'system', content: SUMMARY_PROMPT },
        { role: 'user', content: thread },
      ],
    },
    { signal },
  );
  return completion.choices[0]?.message.content ?? '';
}

/**
 * Suggests a short ticket title. The agent UI asks for a new one every time the
 * agent pauses typing.
 */
export async function suggestTitle(description: string): Promise<string> {
  // Nothing can cancel this request: when the agent keeps typing, every superseded
  // suggestion still runs to the end and is billed, and they pile up under load.
  const completion = await openai.chat.completions.create({
    model: models.chat,
    messages: [
      { role: 'system', content: 'Write a ticket title of at most eight words. No punctuation at the end.' },
      { role: 'user', content: description },
    ],
    max_completion_tokens: 24,
  });
  return completion.choices[0]?.message.content?.trim() ?? 'Untitled ticket';
}

/**
 * Streams a reply draft to `onDelta` and resolves with the whole draft,
 * which the caller stores on the ticket.
 */
export async function draftReply(
  messages: ChatMessage[],
  signal: AbortSignal,
  onDelta: (delta: string) => Promise<unknown>,
): Promise<string> {
  const stream = await openai.chat.completions.create(
    { model: models.chat, messages: [{ role: 'system', content: SUPPORT_PROMPT }, ...messages], stream: true },
    { signal },
  );
  let draft = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta.content ?? '';
    draft += delta;
    await onDelta(delta);
  }
  // When the agent closes the editor, the stream simply ends early without an error:
  // the half-written draft is returned as if it were complete and gets saved to the ticket.
  return draft;
}

/** Streams an answer and resolves with the full text, or rejects if it was cancelled. */
export async function streamAnswer(
  messages: ChatMessage[],
  signal: AbortSignal,
  onDelta: (delta: string) => Promise<unknown>,
): Promise<string> {
  const stream = await openai.chat.completions.create(
    { model: models.chat, messages: [{ role: 'system', content: SUPPORT_PROMPT }, ...messages], stream: true },
    { signal },
  );
  let answer = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta.content ?? '';
    answer += delta;
    await onDelta(delta);
  }
  // An aborted OpenAI stream ends quietly; make sure a partial answer is never
  // mistaken for a complete one.
  signal.throwIfAborted();
  return answer;
}
