/**
 * Runs one broadcast drain in its own process (so a test can kill -9 it mid-broadcast):
 * `tsx tests/helpers/broadcast-child.ts DB_PATH API_ROOT`.
 */
import { Api } from "grammy";
import { Broadcaster } from "../../src/bot/broadcast.ts";
import { createLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/database.ts";

const [dbPath, apiRoot] = process.argv.slice(2);
const db = openDatabase(dbPath as string);
const api = new Api("123:child", { apiRoot: apiRoot as string });
const log = createLogger({ level: "warn" });
await new Broadcaster({ db, api, log, rate: 200, concurrency: 4, leaseMs: 1_000 }).drain();
db.close();
