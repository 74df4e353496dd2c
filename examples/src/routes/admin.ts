import { Router } from 'express';
import { z } from 'zod';

import { models, openai } from '../clients.js';
import { scoreUrgency, triageTicket } from '../services/triage.js';

const NewTicket = z.object({ subject: z.string().min(1), body: z.string().min(1) });
const CannedRequest = z.object({ topic: z.string().min(3), examples: z.array(z.string()).max(5).default([]) });

/** Internal back-office API, used by the support team's admin console. */
export const admin = Router();

admin.post('/tickets/triage', async (req, res) => {
  const { subject, body } = NewTicket.parse(req.body);

  // Express has no request signal: abort when the client goes away before we answered.
  // ('close' on the request fires as soon as the body is read, so listen on the response.)
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.on('close', onClose);
  try {
    const category = await triageTicket(subject, body, controller.signal);
    res.json({ category });
  } catch (error) {
    if (controller.signal.aborted) return;
    throw error;
  } finally {
    res.off('close', onClose);
  }
});

admin.post('/tickets/urgency', async (req, res) => {
  const { body } = NewTicket.parse(req.body);
  res.json({ urgency: await scoreUrgency(body) });
});

admin.post('/canned-responses', async (req, res) => {
  const { topic, examples } = CannedRequest.parse(req.body);
  // No cancellation at all: generating a canned response takes up to a minute, and an
  // admin who gives up and clicks again starts a second generation next to the first.
  const response = await openai.responses.create({
    model: models.chat,
    instructions: 'Write a reusable support macro. Use {{customer_name}} where the name goes.',
    input: [`Topic: ${topic}`, ...examples.map((example) => `Example reply:\n${example}`)].join('\n\n'),
  });
  res.status(201).json({ topic, template: response.output_text });
});
