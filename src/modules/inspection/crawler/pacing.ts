// Politeness per host: requests to one host start at least `delay` apart, whatever the concurrency.
export class HostPacer {
  private readonly nextStart = new Map<string, number>();
  private readonly delays = new Map<string, number>();

  constructor(private readonly defaultDelayMs: number) {}

  /** A longer delay for one host (robots.txt Crawl-delay); never shorter than the default. */
  setDelay(host: string, ms: number): void {
    this.delays.set(host, Math.max(ms, this.defaultDelayMs));
  }

  /** Resolves when a request to `host` may start, and books that slot. */
  async wait(host: string): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, start + (this.delays.get(host) ?? this.defaultDelayMs));
    if (start > now) await sleep(start - now);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
