/**
 * The one clock of the product (DESIGN principle 4). Everything that needs "now" asks a
 * Clock; nothing calls Date.now() directly. The manual clock stands still until
 * advanceClock moves it, so tests and demos control every deadline.
 */
export interface Clock {
  readonly mode: 'system' | 'manual';
  now(): Date;
}

export class SystemClock implements Clock {
  readonly mode = 'system' as const;
  now(): Date {
    return new Date();
  }
}

export class ManualClock implements Clock {
  readonly mode = 'manual' as const;
  #now: number;

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Moves the clock to `to`; a manual clock never goes backwards. */
  set(to: Date): void {
    if (to.getTime() > this.#now) this.#now = to.getTime();
  }
}

/** Parses an ISO-8601 duration such as PT1H, P3D, P1DT2H30M, PT90S into milliseconds. */
export function parseIsoDuration(text: string): number | null {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  const n = (v: string | undefined) => (v ? Number(v) : 0);
  return (
    ((n(weeks) * 7 + n(days)) * 24 * 3600 + n(hours) * 3600 + n(minutes) * 60 + n(seconds)) * 1000
  );
}
