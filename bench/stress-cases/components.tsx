// JSX (hono/jsx) with signals as props, async components and handlers. This file type-checks.
import { Hono } from 'hono';
import type { FC, PropsWithChildren } from 'hono/jsx';
import { streamText as honoStreamText } from 'hono/streaming';
import OpenAI from 'openai';

const client = new OpenAI();

interface AnswerProps {
  question: string;
  signal?: AbortSignal;
}

export const Answer = async ({ question, signal }: AnswerProps) => {
  const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: question }] });
  const withSignal = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: question }] }, { signal });
  return (
    <section data-id={completion.id}>
      <p>{completion.choices[0]?.message.content}</p>
      <p>{withSignal.choices[0]?.message.content}</p>
    </section>
  );
};

export const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html>
    <head>
      <title>{title}</title>
    </head>
    <body>{children}</body>
  </html>
);

export const Fragmented = ({ items, signal }: { items: string[]; signal: AbortSignal }) => (
  <>
    {items.map((item) => (
      <Answer key={item} question={item} signal={signal} />
    ))}
    {items.length > 0 ? <Answer question={items[0] ?? ''} signal={AbortSignal.timeout(1000)} /> : null}
    <Answer question="no signal" />
    <Answer question="fresh" signal={new AbortController().signal} />
    <button type="button" onClick={async () => void (await fetch('/click'))}>
      go
    </button>
  </>
);

const app = new Hono();

app.get('/answer', async (c) => {
  const question = c.req.query('q') ?? '';
  return c.html(
    <Layout title="Answer">
      <Answer question={question} signal={c.req.raw.signal} />
      <Answer question={question} />
    </Layout>,
  );
});

app.get('/stream', (c) =>
  honoStreamText(c, async (stream) => {
    const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [], stream: true });
    stream.onAbort(() => completion.controller.abort());
    for await (const chunk of completion) await stream.write(chunk.choices[0]?.delta.content ?? '');
  }),
);

app.post('/proxy', async (c) => {
  const upstream = await fetch('https://upstream.test', { method: 'POST', body: await c.req.text() });
  const forwarded = await fetch('https://upstream.test', { signal: c.req.raw.signal });
  return c.json({ a: upstream.status, b: forwarded.status });
});

export default app;
