// Politeness per host, speed across hosts. A host gets at most `perHost` requests in flight and, when it asks for
// one (robots.txt Crawl-delay), a minimum gap between request starts; different hosts proceed in parallel up to
// `total` requests in flight. The installation's own sites are crawled with a larger per-host bound and no gap.

export interface HostLimits {
  /** Requests in flight to one host. */
  perHost: number;
  /** Requests in flight in all. */
  total: number;
  /** Minimum gap between the starts of two requests to one host (ms). */
  minDelayMs: number;
}

interface Waiter {
  start: () => void;
}

interface HostState {
  active: number;
  /** The earliest time the next request to this host may start. */
  nextStart: number;
  lastStart: number;
  delayMs: number;
  waiting: Waiter[];
  timer: NodeJS.Timeout | null;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private active = 0;
  /** Most requests in flight to one host at any moment, for tests and benchmarks. */
  peakPerHost = 0;

  constructor(private readonly limits: HostLimits) {}

  /** A longer gap for one host (robots.txt Crawl-delay); never shorter than the default. */
  setDelay(host: string, ms: number): void {
    const state = this.state(host);
    state.delayMs = Math.max(ms, this.limits.minDelayMs);
    // the request that fetched robots.txt counts: the next one waits the delay after it
    state.nextStart = Math.max(state.nextStart, state.lastStart + state.delayMs);
  }

  /** Runs `task` when the host and the total bound allow; a cancelled wait resolves the task unstarted (rejects). */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(host, signal);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  /** Waits for a slot; at once when `signal` aborts (the task then runs and fails fast on the same signal). */
  acquire(host: string, signal?: AbortSignal): Promise<void> {
    const state = this.state(host);
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = state.waiting.indexOf(waiter);
        if (index >= 0) state.waiting.splice(index, 1);
        // an aborted request still takes its slot until released, so the bookkeeping stays balanced
        this.take(state);
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      state.waiting.push(waiter);
      this.pump();
    });
  }

  release(host: string): void {
    const state = this.state(host);
    state.active -= 1;
    this.active -= 1;
    this.pump();
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStart: 0, lastStart: 0, delayMs: this.limits.minDelayMs, waiting: [], timer: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private take(state: HostState): void {
    state.active += 1;
    this.active += 1;
    this.peakPerHost = Math.max(this.peakPerHost, state.active);
    state.lastStart = Date.now();
    state.nextStart = state.lastStart + state.delayMs;
  }

  /** Starts every waiting request the bounds allow; a host waiting for its gap is woken by a timer. */
  private pump(): void {
    for (const state of this.hosts.values()) {
      while (state.waiting.length > 0 && this.active < this.limits.total && state.active < this.limits.perHost) {
        const wait = state.nextStart - Date.now();
        if (wait > 0) {
          if (!state.timer)
            state.timer = setTimeout(() => {
              state.timer = null;
              this.pump();
            }, wait);
          break;
        }
        const waiter = state.waiting.shift() as Waiter;
        this.take(state);
        waiter.start();
      }
    }
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
