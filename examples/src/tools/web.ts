import { tool } from 'ai';
import { z } from 'zod';

const DOCS_SEARCH_URL = process.env['DOCS_SEARCH_URL'] ?? 'https://docs.acme.example/api/search';
const MAX_PAGE_CHARS = 20_000;

const SearchResponse = z.object({
  results: z.array(z.object({ title: z.string(), url: z.string(), snippet: z.string() })),
});

/** Full-text search over the product documentation. */
export const searchDocs = tool({
  description: 'Search the Acme Cloud documentation. Returns the best matching pages with a short snippet.',
  inputSchema: z.object({
    query: z.string().min(2).describe('keywords, not a full question'),
    limit: z.number().int().min(1).max(10).default(5),
  }),
  execute: async ({ query, limit }, { abortSignal }) => {
    const url = new URL(DOCS_SEARCH_URL);
    url.searchParams.set('q', query);
    url.searchParams.set('limit', String(limit));
    const response = await fetch(url, { signal: abortSignal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`documentation search failed with HTTP ${response.status}`);
    }
    return SearchResponse.parse(await response.json()).results;
  },
});

/** Downloads one documentation page as plain text. */
export const fetchPage = tool({
  description: 'Download a documentation page found by searchDocs, as plain text.',
  inputSchema: z.object({ url: z.url() }),
  // The download ignores the run's abort signal: when the user stops a research run,
  // slow pages keep downloading (and holding sockets) until they finish.
  execute: async ({ url }) => {
    const response = await fetch(url, { headers: { accept: 'text/plain' } });
    if (!response.ok) {
      throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
    }
    const text = await response.text();
    return text.length > MAX_PAGE_CHARS ? `${text.slice(0, MAX_PAGE_CHARS)}\n[truncated]` : text;
  },
});
