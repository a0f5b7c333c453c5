/**
 * The server's own sender (docs/decisions/025): while Vincula runs with mail configured, it starts the scheduled
 * campaigns whose time has come and runs the durable sender (campaign-sender.ts) for every campaign being sent —
 * including one left half-sent by a crash or a restart. Several server processes on one PostgreSQL may each run
 * one: the sender's claims keep them from sending a message twice. (Retention runs in every server, mail or not:
 * `startDailyRetention` below.)
 */

import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { campaigns } from "../../platform/db/schema.ts";
import type { MailTransport } from "../../platform/mail.ts";
import { todayInMexicoCity } from "../shared/calendar.ts";
import { applyRetention } from "./apply-retention.ts";
import { runCampaignSender, type SenderOptions, type SenderSettings } from "./campaign-sender.ts";
import { startDueCampaigns } from "./campaigns.ts";

export const DISPATCHER_ACTOR = "system:campaign-dispatcher";

export type DispatcherOptions = {
  /** How often it looks for due and unfinished campaigns (default 30 s); `wake()` looks at once. */
  intervalMs?: number;
  /** What the sender is given (batch size, lease, back-off…), beside the stop signal. */
  sender?: Omit<SenderOptions, "signal" | "sleep">;
  onError?: (error: unknown) => void;
};

export type Dispatcher = {
  /** Looks for work now (after a campaign is started or scheduled). */
  wake(): void;
  /** Stops looking, aborts the senders between messages and waits for them. */
  stop(): Promise<void>;
};

export function startCampaignDispatcher(
  db: Db,
  transport: MailTransport,
  settings: SenderSettings,
  options: DispatcherOptions = {},
): Dispatcher {
  const intervalMs = options.intervalMs ?? 30_000;
  const controller = new AbortController();
  const running = new Map<string, Promise<void>>();
  let wakeUp: (() => void) | undefined;
  const report = (error: unknown) => options.onError?.(error);

  const sleep = (ms: number, wakeable = false) =>
    new Promise<void>((resolve) => {
      if (controller.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        controller.signal.removeEventListener("abort", done);
        if (wakeUp === done) wakeUp = undefined;
        resolve();
      }
      controller.signal.addEventListener("abort", done, { once: true });
      if (wakeable) wakeUp = done;
    });

  const tick = async () => {
    await startDueCampaigns(db, DISPATCHER_ACTOR).catch(report);
    const sending = await db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(eq(campaigns.status, "sending"))
      .catch((error: unknown) => {
        report(error);
        return [];
      });
    for (const { id } of sending) {
      if (running.has(id) || controller.signal.aborted) continue;
      const run = runCampaignSender(db, id, transport, settings, {
        ...options.sender,
        signal: controller.signal,
        sleep: (ms) => sleep(ms),
      })
        .then(() => undefined, report)
        .finally(() => running.delete(id));
      running.set(id, run);
    }
  };

  const loop = (async () => {
    while (!controller.signal.aborted) {
      await tick();
      await sleep(intervalMs, true);
    }
  })();

  return {
    wake: () => wakeUp?.(),
    stop: async () => {
      controller.abort();
      await loop;
      await Promise.all(running.values());
    },
  };
}

/**
 * Applies the lists' retention now and then once a day (decision 022: blocked past the retention period, deleted
 * after the grace period), for as long as the server runs. Returns the function that stops it.
 */
export function startDailyRetention(db: Db, onError: (error: unknown) => void): () => void {
  const run = () =>
    applyRetention({ actor: { kind: "system", name: "retention" }, db }, todayInMexicoCity()).catch(onError);
  void run();
  const timer = setInterval(run, 24 * 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
