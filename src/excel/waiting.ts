/// <reference types="office-js" />
import type { ExcelRunner } from './live-port';

/**
 * A pane that never looks hung. Office.js cannot tell that the user is editing a cell (or has
 * IME 未確定 text): every batch runs with `delayForCellEdit`, so Excel just holds it until the
 * edit ends, and clicking the task pane does not end the edit (office-js #806,
 * office-js-docs-pr #660). When one sync has not answered after EXCEL_WAIT_NOTICE_MS the pane
 * says so, with 中止: the pane stops waiting at once, and the batch sends nothing further — but
 * a request Excel already holds still applies when the edit ends (it cannot be taken back).
 */
export const EXCEL_WAIT_NOTICE_MS = 4000;

/** What a stopped wait rejects with (the store tells it from a failure). */
export class ExcelWaitAbandoned extends Error {
  constructor() {
    super('Stopped waiting for Excel (中止).');
    this.name = 'ExcelWaitAbandoned';
  }
}

export interface ExcelWait {
  /** Called with true when a sync has waited past the delay, false when nothing waits any more. */
  subscribe(listener: (waiting: boolean) => void): () => void;
  /** 中止: every batch in flight rejects now with ExcelWaitAbandoned and sends no further sync. */
  abandon(): void;
  isWaiting(): boolean;
}

interface Flight {
  abandoned: boolean;
  reject: (e: Error) => void;
  pendingSyncs: number;
  timer: ReturnType<typeof setTimeout> | null;
  late: boolean;
}

export function watchedRunner(run: ExcelRunner, delayMs = EXCEL_WAIT_NOTICE_MS): { run: ExcelRunner; wait: ExcelWait } {
  const flights = new Set<Flight>();
  const listeners = new Set<(waiting: boolean) => void>();
  let waiting = false;
  const update = () => {
    const now = [...flights].some((f) => f.late && !f.abandoned);
    if (now === waiting) return;
    waiting = now;
    for (const l of listeners) l(now);
  };
  const watched: ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const flight: Flight = { abandoned: false, reject, pendingSyncs: 0, timer: null, late: false };
      flights.add(flight);
      const done = () => {
        if (flight.timer) clearTimeout(flight.timer);
        flights.delete(flight);
        update();
      };
      run((context) => {
        const sync = context.sync.bind(context);
        // Each sync is watched; after 中止 none is sent.
        context.sync = <S>(passThrough?: S): Promise<S> => {
          if (flight.abandoned) return Promise.reject(new ExcelWaitAbandoned());
          flight.pendingSyncs++;
          if (flight.timer) clearTimeout(flight.timer);
          flight.timer = setTimeout(() => {
            flight.late = true;
            update();
          }, delayMs);
          const settle = () => {
            flight.pendingSyncs--;
            if (flight.pendingSyncs === 0 && flight.timer) {
              clearTimeout(flight.timer);
              flight.timer = null;
            }
            flight.late = false;
            update();
          };
          return sync(passThrough).then(
            (v) => {
              settle();
              return v;
            },
            (e: unknown) => {
              settle();
              throw e;
            },
          );
        };
        return batch(context);
      }).then(
        (v) => {
          done();
          if (!flight.abandoned) resolve(v);
        },
        (e: unknown) => {
          done();
          if (!flight.abandoned) reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  const wait: ExcelWait = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    abandon() {
      for (const f of flights) {
        if (f.abandoned) continue;
        f.abandoned = true;
        f.reject(new ExcelWaitAbandoned());
      }
      update();
    },
    isWaiting: () => waiting,
  };
  return { run: watched, wait };
}
