/**
 * The fake Bot API server in its own process, driven over IPC, so a benchmark measures the bot
 * and not the fake server sharing its event loop. Messages: {push: update} adds an update;
 * {report: true} answers {apiRoot, sent}; on start it sends {apiRoot}.
 */
import { startFakeTelegram } from "./fake-telegram.ts";

const fake = await startFakeTelegram();
process.send?.({ apiRoot: fake.apiRoot });
process.on(
  "message",
  (m: { push?: Record<string, unknown>; report?: boolean; close?: boolean }) => {
    if (m.push) fake.pushUpdate(m.push);
    if (m.report) process.send?.({ sent: fake.sent });
    if (m.close) void fake.close().then(() => process.exit(0));
  },
);
