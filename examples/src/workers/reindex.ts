import { setTimeout as sleep } from 'node:timers/promises';

import { OpenAIEmbeddings } from '@langchain/openai';

import { models, openai } from '../clients.js';

/**
 * Keeps the documentation vector index in sync. Jobs come from the scheduler:
 * a nightly full rebuild, and incremental updates when pages are published.
 */

const BATCH_SIZE = 64;
/** Pause between embedding batches, to stay under the tokens-per-minute limit. */
const BATCH_PAUSE_MS = 250;

/** Aborted on SIGTERM so that running jobs stop between two batches and the worker exits quickly. */
const shutdown = new AbortController();
process.once('SIGTERM', () => shutdown.abort(new Error('worker is shutting down')));

const embeddings = new OpenAIEmbeddings({ model: models.embedding });

export interface Page {
  id: string;
  text: string;
}

export interface VectorStore {
  upsert(rows: { id: string; vector: number[] }[], options?: { signal?: AbortSignal }): Promise<void>;
}

export interface ReindexJob {
  kind: 'rebuild' | 'update';
  pages: Page[];
  deadlineMs: number;
}

function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}

/** Re-embeds every page. Runs for tens of minutes on the full documentation. */
export async function rebuildIndex(pages: Page[], store: VectorStore, signal: AbortSignal): Promise<number> {
  let done = 0;
  // Nothing in this loop ever looks at `signal` (LangChain's embedDocuments takes none): a cancelled
  // rebuild, or a deploy's SIGTERM, still embeds and pays for every remaining batch.
  for (const batch of batches(pages, BATCH_SIZE)) {
    const vectors = await embeddings.embedDocuments(batch.map((page) => page.text));
    await store.upsert(batch.map((page, i) => ({ id: page.id, vector: vectors[i] ?? [] })));
    done += batch.length;
  }
  return done;
}

/** Re-embeds the pages that changed since the last run. */
export async function updateIndex(pages: Page[], store: VectorStore, signal: AbortSignal): Promise<number> {
  let done = 0;
  for (const batch of batches(pages, BATCH_SIZE)) {
    signal.throwIfAborted();
    const response = await openai.embeddings.create(
      { model: models.embedding, input: batch.map((page) => page.text) },
      { signal },
    );
    await store.upsert(
      batch.map((page, i) => ({ id: page.id, vector: response.data[i]?.embedding ?? [] })),
      { signal },
    );
    done += batch.length;
    await sleep(BATCH_PAUSE_MS, undefined, { signal });
  }
  return done;
}

/** Runs one job under its deadline; worker shutdown cancels it too. */
export async function runJob(job: ReindexJob, store: VectorStore): Promise<number> {
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new Error(`reindex job exceeded ${job.deadlineMs} ms`)), job.deadlineMs);
  const onShutdown = () => controller.abort(shutdown.signal.reason);
  shutdown.signal.addEventListener('abort', onShutdown, { once: true });
  try {
    return job.kind === 'rebuild'
      ? await rebuildIndex(job.pages, store, controller.signal)
      : await updateIndex(job.pages, store, controller.signal);
  } catch (error) {
    // Cancellation is expected (deadline, shutdown): note it, and let the scheduler mark the job as cancelled.
    if (controller.signal.aborted) {
      console.warn(`reindex ${job.kind} stopped: ${String(controller.signal.reason)}`);
    }
    throw error;
  } finally {
    clearTimeout(deadline);
    shutdown.signal.removeEventListener('abort', onShutdown);
  }
}
