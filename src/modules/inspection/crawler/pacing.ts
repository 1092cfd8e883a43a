// Politeness per host: requests to one host start at least `delay` apart, whatever the concurrency.
export class HostPacer {
  private readonly nextStart = new Map<string, number>();
  private readonly delays = new Map<string, number>();

  constructor(private readonly defaultDelayMs: number) {}

  /** A longer delay for one host (robots.txt Crawl-delay); never shorter than the default. */
  setDelay(host: string, ms: number): void {
    this.delays.set(host, Math.max(ms, this.defaultDelayMs));
  }

  /** Resolves when a request to `host` may start, and books that slot; at once when `signal` aborts (a cancel). */
  async wait(host: string, signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, start + (this.delays.get(host) ?? this.defaultDelayMs));
    if (start > now) await sleep(start - now, signal);
  }
}

/** Waits `ms`, or less when `signal` aborts first (a long Crawl-delay must not hold a cancelled crawl). */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
