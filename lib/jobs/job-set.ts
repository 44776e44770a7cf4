// A changing set of jobs of one kind (one per syslog destination, per webhook…): sync() starts the
// jobs that are new and stops those that are gone; each runs under its own lease.
import "server-only";
import { startJob, type Job, type RunnerOptions, type RunningJob } from "./runner";

export class JobSet {
  private readonly running = new Map<string, RunningJob>();
  constructor(private readonly options: RunnerOptions = {}) {}

  async sync(jobs: readonly Job[]): Promise<void> {
    const wanted = new Map(jobs.map((job) => [job.name, job]));
    const gone = [...this.running].filter(([name]) => !wanted.has(name));
    for (const [name] of gone) this.running.delete(name);
    for (const [name, job] of wanted) if (!this.running.has(name)) this.running.set(name, startJob(job, this.options));
    await Promise.all(gone.map(([, job]) => job.stop()));
  }

  nudge(name?: string): void {
    for (const [jobName, job] of this.running) if (name === undefined || name === jobName) job.nudge();
  }

  async stop(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((job) => job.stop()));
  }
}
