// Change notifications between modules. A module announces what changed once its transaction has committed
// (a site's identity, a column tree, a publication); subscribers — the public site's page cache, the search
// index, the duty table — follow. A subscriber that fails is reported and never stops the others, nor undoes
// or fails the change that was already committed.

export type ChangeListener<T> = (change: T) => void | Promise<void>;

/** Where a failing subscriber is reported (the server's log in production; tests may capture it). */
export type ListenerErrorReporter = (error: unknown, change: unknown) => void;

const reportToConsole: ListenerErrorReporter = (error, change) => {
  console.error('change listener failed', { change, error });
};

export class ChangeListeners<T> {
  private readonly listeners: ChangeListener<T>[] = [];

  constructor(private readonly report: ListenerErrorReporter = reportToConsole) {}

  /** Adds a subscriber; the returned function removes it again. */
  subscribe(listener: ChangeListener<T>): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** Runs every subscriber in the order they subscribed, each isolated from the others' failures. */
  async emit(change: T): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(change);
      } catch (error) {
        this.report(error, change);
      }
    }
  }

  get size(): number {
    return this.listeners.length;
  }
}
