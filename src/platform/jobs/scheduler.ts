// A minimal in-process scheduler for periodic housekeeping. With several app nodes, run it on one
// (GOVPORTAL_JOBS=false elsewhere); every job is idempotent, so two runners do no harm either.
export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export class Scheduler {
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly onError: (job: string, error: unknown) => void) {}

  start(jobs: Job[]): void {
    for (const job of jobs) {
      const tick = () => job.run().catch((error) => this.onError(job.name, error));
      const timer = setInterval(tick, job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}
