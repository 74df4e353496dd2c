import { Hono } from 'hono';
import { streamText } from 'hono/streaming';
import { z } from 'zod';

import { answerQuestion, draftReply, streamAnswer, summarizeTicket, suggestTitle } from '../services/answers.js';
import { researchQuestion, streamResearch } from '../services/research.js';
import { rateTone, reviewDraft } from '../services/review.js';
import { detectLanguage, translateReply } from '../services/translate.js';

const Message = z.object({ role: z.enum(['user', 'assistant']), content: z.string().min(1) });
const Conversation = z.object({ messages: z.array(Message).min(1).max(50) });
const Question = z.object({ question: z.string().min(3).max(2_000) });
const Thread = z.object({ thread: z.string().min(1) });
const Reply = z.object({ reply: z.string().min(1), customerMessage: z.string().min(1) });

/** Drafts waiting for the agent's approval, by ticket id. */
const drafts = new Map<string, string>();

/**
 * Public assistant API. Deployed as a fetch handler (Workers, Bun, Deno,
 * or @hono/node-server on Node).
 */
const app = new Hono().basePath('/v1');

app.post('/answer', async (c) => {
  const { messages } = Conversation.parse(await c.req.json());
  const answer = await answerQuestion(messages, c.req.raw.signal);
  return c.json({ answer });
});

app.post('/answer/stream', async (c) => {
  const { messages } = Conversation.parse(await c.req.json());
  const signal = c.req.raw.signal;
  return streamText(c, async (out) => {
    await streamAnswer(messages, signal, (delta) => out.write(delta));
  });
});

app.post('/tickets/:id/summary', async (c) => {
  const { thread } = Thread.parse(await c.req.json());
  // The request's signal never reaches the service: when the agent closes the sidebar,
  // the summary keeps generating, and is billed, for a response nobody will read.
  const summary = await summarizeTicket(thread);
  return c.json({ summary });
});

app.post('/tickets/:id/title', async (c) => {
  const { thread } = Thread.parse(await c.req.json());
  return c.json({ title: await suggestTitle(thread) });
});

app.post('/tickets/:id/draft', async (c) => {
  const ticketId = c.req.param('id');
  const { messages } = Conversation.parse(await c.req.json());
  const signal = c.req.raw.signal;
  return streamText(c, async (out) => {
    const draft = await draftReply(messages, signal, (delta) => out.write(delta));
    drafts.set(ticketId, draft);
  });
});

app.get('/tickets/:id/draft', (c) => {
  const draft = drafts.get(c.req.param('id'));
  return draft === undefined ? c.json({ error: 'no draft' }, 404) : c.json({ draft });
});

app.post('/replies/check', async (c) => {
  const { reply, customerMessage } = Reply.parse(await c.req.json());
  const signal = c.req.raw.signal;
  const [review, tone, language] = await Promise.all([
    reviewDraft(reply, signal),
    rateTone(reply, signal),
    detectLanguage(customerMessage, signal),
  ]);
  const translated = language.startsWith('en') ? reply : await translateReply(reply, language, signal);
  return c.json({ review, tone, language, translated });
});

app.post('/research', async (c) => {
  const { question } = Question.parse(await c.req.json());
  return c.json(await researchQuestion(question, c.req.raw.signal));
});

app.post('/research/stream', async (c) => {
  const { question } = Question.parse(await c.req.json());
  return streamResearch(question, c.req.raw.signal).toTextStreamResponse();
});

export default app;
