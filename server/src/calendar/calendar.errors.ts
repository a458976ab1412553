// Typed errors of the calendar feature. The GraphQL layer maps them to the contract's
// `extensions.code`; nothing here knows about GraphQL.

export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One thing wrong with a production calendar file, pointing at the YAML node that is wrong. */
export interface ProductionCalendarProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where in the document, e.g. `years.2026.daysOff[3]`; empty for the root. */
  path: string;
  message: string;
}

/** A production calendar file that does not validate; every problem names line and column. */
export class ProductionCalendarInvalidError extends CalendarError {
  constructor(
    readonly file: string,
    readonly problems: ProductionCalendarProblem[],
  ) {
    super(
      `production calendar ${file} is invalid:\n` +
        problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'),
    );
  }
}

/**
 * Business-time arithmetic reached a year the production calendar has no data for. Never
 * guessed as "every weekday works": a deadline counted on a wrong calendar is worse than none.
 */
export class MissingCalendarYearError extends CalendarError {
  constructor(
    readonly calendarId: string,
    readonly year: number,
    readonly source: string,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `production calendar "${calendarId}" has no data for ${year} ` +
        `(it has ${coveredYears.length > 0 ? coveredYears.join(', ') : 'no years'}); ` +
        `add ${year} from the government decree to ${source}`,
    );
  }
}

/** A tenant's `calendar:` section or time zone that cannot make a business calendar. */
export class CalendarConfigError extends CalendarError {}

/** A duration expression that is not one of the allowed forms. */
export class BusinessDurationError extends CalendarError {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Bad arguments to a business-time function (not a finite instant, a reversed range...). */
export class CalendarArgumentError extends CalendarError {}
