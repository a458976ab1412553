// The calendar feature owns business time: the production calendar data (which dates a
// government decree makes days off, worked weekend days or shortened days;
// workflows/calendars/<id>.yaml, checked with line numbers), a tenant's business calendar
// built from its workflow file (`calendar:` plus `tenant.timezone`, an IANA zone or a fixed
// offset), and the pure arithmetic on it: is this instant working time, when is the next
// opening, instant + `90bm`/`8bh`/`3bd`/`eobd+1`/`48h`, working time between two instants,
// and a per-day view for the UI. Instants are epoch milliseconds. It does no I/O beyond
// reading calendar files and knows nothing of tickets, the ORM or GraphQL: the workflow
// compiler takes `businessDelayResolver(calendar)`, resolvers map `businessCalendarView`.

export type { CalendarDay } from './business-calendar.js';
export { BusinessCalendar, businessCalendarOf } from './business-calendar.js';
export type { BusinessDuration } from './business-duration.js';
export { DURATION_FORMS_HELP, MAX_DURATION_AMOUNT, parseBusinessDuration } from './business-duration.js';
export type { EpochMs } from './business-time.js';
export {
  addBusinessTime,
  businessDaysBetween,
  businessDelayResolver,
  businessTimeBetween,
  isWorkingTime,
  nextOpening,
} from './business-time.js';
export type { CalendarView, CalendarViewDay, CalendarViewInterval } from './calendar-view.js';
export { businessCalendarView, MAX_VIEW_DAYS } from './calendar-view.js';
export type { ProductionCalendarProblem } from './calendar.errors.js';
export {
  BusinessDurationError,
  CalendarArgumentError,
  CalendarConfigError,
  CalendarError,
  MissingCalendarYearError,
  ProductionCalendarInvalidError,
} from './calendar.errors.js';
export type { ProductionCalendar, ProductionDayRule, ProductionYear } from './production-calendar.js';
export {
  loadProductionCalendar,
  loadProductionCalendars,
  parseProductionCalendar,
  productionRuleOf,
} from './production-calendar.js';
