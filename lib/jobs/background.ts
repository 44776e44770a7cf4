// The console's background work: what the process starts after migrations and stops on shutdown.
// Features hand theirs to startConsoleServer (the core imports no feature); each starts its jobs with
// lib/jobs/runner.ts and returns how to stop them.
import "server-only";
import { errorLine } from "../log/error-line";
import type { Clock } from "./clock";

export type BackgroundWork = {
  name: string;
  start(environment: { clock: Clock }): { stop(): Promise<void> };
};

/** Starts every piece of work; the returned function stops them all (each failure logged, none thrown). */
export function startBackgroundWork(works: readonly BackgroundWork[], clock: Clock): () => Promise<void> {
  const running = works.map((work) => ({ name: work.name, handle: work.start({ clock }) }));
  return async () => {
    await Promise.all(
      running.map(({ name, handle }) =>
        handle.stop().catch((error: unknown) => {
          console.error(`console: stopping ${name} failed: ${errorLine(error)}`);
        }),
      ),
    );
  };
}
