/** Starts the real service (`src/main.ts`) in a child process and waits until the bot polls. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A running service and its accumulated stderr (the structured log). */
export interface Service {
  child: ChildProcess;
  log: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/** Starts the service with the given environment; resolves once it logged "bot started". */
export function startService(env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, LOG_LEVEL: "debug", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  child.stdout?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  const service: Service = {
    child,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (log.includes("bot started")) {
        clearInterval(timer);
        resolve(service);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`service exited ${child.exitCode}: ${log}`));
      }
    }, 50);
  });
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
