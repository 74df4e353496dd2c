import type Anthropic from '@anthropic-ai/sdk';

import { anthropic, MODEL_TIMEOUT_MS, models } from '../clients.js';

const POLICY_PROMPT = `You review replies written by support agents before they are sent.
Flag promises of refunds or credits, legal statements, and any personal data about other customers.
Answer "OK" if the reply can be sent as is, otherwise list the problems.`;

const TONE_PROMPT = `Rate the tone of this support reply. Answer with one word: friendly, neutral or curt.`;

export type Tone = 'friendly' | 'neutral' | 'curt' | 'unknown';

function textOf(message: Anthropic.Message): string {
  return message.content
    .filter((block): block is Anthropic.TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('\n')
    .trim();
}

/** Checks a drafted reply against the support policy. */
export async function reviewDraft(draft: string, signal: AbortSignal): Promise<string> {
  try {
    const message = await anthropic.messages.create(
      {
        model: models.review,
        max_tokens: 512,
        system: POLICY_PROMPT,
        messages: [{ role: 'user', content: draft }],
      },
      { signal },
    );
    return textOf(message);
  } catch (error) {
    // An agent who closes the editor aborts this call, which is then logged as an
    // error (and pages on-call) and answered with a made-up verdict, as if the review had run.
    console.error('policy review failed', error);
    return 'Review unavailable: check the reply manually before sending.';
  }
}

/** Rates the tone of a reply; `unknown` when the model is unavailable. */
export async function rateTone(reply: string, signal: AbortSignal): Promise<Tone> {
  try {
    const message = await anthropic.messages.create(
      {
        model: models.review,
        max_tokens: 8,
        system: TONE_PROMPT,
        messages: [{ role: 'user', content: reply }],
      },
      { signal: AbortSignal.any([signal, AbortSignal.timeout(MODEL_TIMEOUT_MS)]) },
    );
    const tone = textOf(message).toLowerCase();
    return tone === 'friendly' || tone === 'neutral' || tone === 'curt' ? tone : 'unknown';
  } catch (error) {
    // The caller went away: that is not a failure of the tone check.
    if (signal.aborted) throw error;
    console.error('tone check failed', error);
    return 'unknown';
  }
}
