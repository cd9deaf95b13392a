/**
 * The schedule: runs a task at each tick of a cron expression (node-cron, seconds allowed) in a
 * time zone. Runs never overlap: a tick that comes while a run is going is skipped and logged.
 * A failed run is logged and the next tick runs normally.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../log.ts";

/** A started schedule. */
export interface Scheduler {
  /** The next tick, or null. */
  nextRun(): Date | null;
  /** Stops ticking and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Starts ticking `task` on `expression` in `timeZone`. */
export function createScheduler(
  expression: string,
  timeZone: string,
  task: () => Promise<void>,
  log: Logger,
): Scheduler {
  let running: Promise<void> | undefined;
  const tick = async () => {
    if (running) {
      log.warn("previous digest run still going; skipping this tick");
      return;
    }
    running = task()
      .catch((e: unknown) =>
        log.error({ error: e instanceof Error ? e.message : String(e) }, "scheduled run failed"),
      )
      .finally(() => {
        running = undefined;
      });
    await running;
  };
  // Overlap is prevented by `running` above, which logs structured lines (node-cron's own
  // noOverlap option writes unstructured ones).
  const job: ScheduledTask = cron.schedule(expression, tick, {
    timezone: timeZone,
    name: "digest",
  });
  log.info({ schedule: expression, timeZone }, "schedule started");
  return {
    nextRun: () => job.getNextRun(),
    async stop() {
      await job.stop();
      await running;
    },
  };
}
