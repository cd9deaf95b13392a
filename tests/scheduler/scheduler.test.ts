import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { createScheduler } from "../../src/scheduler/index.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("scheduler", () => {
  it("never overlaps runs, keeps going after a failed run, and stops cleanly", async () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", pretty: false, write: (l) => lines.push(l) });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const scheduler = createScheduler(
      "* * * * * *",
      "UTC",
      async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        try {
          if (runs === 1) throw new Error("first run fails");
          await sleep(1_500);
        } finally {
          running--;
        }
      },
      log,
    );
    expect(scheduler.nextRun()?.getTime()).toBeGreaterThan(Date.now() - 1000);
    await sleep(4_600);
    await scheduler.stop();
    const after = runs;
    await sleep(1_200);
    expect(runs).toBe(after);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(3);
    expect(
      lines.some((l) => l.includes("scheduled run failed") && l.includes("first run fails")),
    ).toBe(true);
    expect(lines.some((l) => l.includes("still going; skipping this tick"))).toBe(true);
  });
});
