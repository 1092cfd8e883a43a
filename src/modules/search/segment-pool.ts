// Word segmentation for bulk indexing on a worker thread, so that segmenting the next batch overlaps writing
// the current one. Falls back to the main thread when a worker cannot be started.
import { Worker } from 'node:worker_threads';
import { GOVERNMENT_WORDS } from './synonyms.ts';
import { cleanTokens, segmenter } from './text.ts';

export interface Segmenter {
  /** Search-mode tokens of each (normalised) text, cleaned as searchTokens() cleans them. */
  segment(texts: string[]): Promise<string[][]>;
  close(): Promise<void>;
}

const inThread: Segmenter = {
  segment: async (texts) => texts.map((t) => (t ? cleanTokens(segmenter().cutForSearch(t, true)) : [])),
  close: async () => {},
};

class WorkerSegmenter implements Segmenter {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (t: string[][]) => void; reject: (e: Error) => void }>();

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; tokens?: string[][]; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (!w) return;
      if (m.error || !m.tokens) w.reject(new Error(m.error ?? 'segmentation failed'));
      else w.resolve(m.tokens.map(cleanTokens));
    });
    worker.on('error', (error) => {
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    });
  }

  segment(texts: string[]): Promise<string[][]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, texts });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export function openSegmenter(): Segmenter {
  try {
    const worker = new Worker(new URL('./segment-worker.mjs', import.meta.url), {
      workerData: { words: GOVERNMENT_WORDS },
    });
    worker.unref();
    return new WorkerSegmenter(worker);
  } catch {
    return inThread;
  }
}

export const mainThreadSegmenter = inThread;
