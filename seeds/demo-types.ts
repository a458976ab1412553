/**
 * The shape of a demo desk (seeds/tenants/<tenant>.ts) and the few helpers its data uses.
 * A desk is plain data: organisations, requests with the events that bring each to its stage,
 * and, where the regulation has them, announcements and logged phone calls. Only dates depend
 * on when the seeds run, so each desk's data is a function of a `DemoClock`.
 */

export interface DemoEvent {
  type: string;
  data?: Record<string, unknown>;
}

export interface DemoOrganization {
  /** How this desk's tickets name the organisation (`org`); not stored. */
  key: string;
  name: string;
  /** 10 digits with a valid check digit (isValidInn). */
  inn: string;
  serviceLevel?: string;
  contractFrom?: string;
  contractUntil?: string;
  slaTargets?: Record<string, string>;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export interface DemoTicket {
  subject: string;
  kind: string;
  priority?: string;
  channel: string;
  audience?: string;
  /** The requester's address; the workflow's letters go there (kept as `captured` unless a relay is configured). */
  from?: string;
  /** Key of one of the desk's organisations. */
  org?: string;
  fields: Record<string, unknown>;
  /** Events that bring the ticket to its stage, in order, sent as the desk's demo agent. */
  path: DemoEvent[];
}

export interface DemoAnnouncement {
  kind: 'outage' | 'maintenance';
  title: string;
  body: string;
  startsAt: string;
  endsAt: string | null;
}

export interface DemoPhoneCall {
  at: string;
  callerName: string;
  callerPhone: string;
  organization: string;
  summary: string;
  /** The call became a ticket (NSO-3); `path` then brings it further. */
  ticket?: { kind: string; subject: string; audience?: string; path: DemoEvent[] };
}

export interface DemoTenant {
  organizations: DemoOrganization[];
  tickets: DemoTicket[];
  announcements?: DemoAnnouncement[];
  phoneCalls?: DemoPhoneCall[];
}

/** "Now" of the seeding, seen from one tenant: its time zone and business calendar. */
export interface DemoClock {
  /** The instant `hours` before now (ISO). */
  hoursAgo(hours: number): string;
  /** The instant `days` calendar days before now (ISO). */
  daysAgo(days: number): string;
  /** The tenant's local date `days` from today (negative: before), YYYY-MM-DD. */
  date(days: number): string;
  /** The instant the tenant's wall clock reads `time` (HH:MM) `days` from today (ISO). */
  localTime(days: number, time: string): string;
  /** Now plus a duration of the tenant's calendar (`3bd`, `eobd+1`, `48h`) (ISO). */
  later(duration: string): string;
}

export interface DemoDesk {
  tenantId: string;
  data(at: DemoClock): DemoTenant;
}

export function defineDesk(tenantId: string, data: (at: DemoClock) => DemoTenant): DemoDesk {
  return { tenantId, data };
}

// The events every desk uses, with the data their workflow files require.
export const take: DemoEvent = { type: 'TAKE' };
export const askFor = (missing: string): DemoEvent => ({ type: 'REQUEST_INFO', data: { missing } });
export const provide = (fields: Record<string, unknown>): DemoEvent => ({ type: 'PROVIDE_INFO', data: { fields } });
export const resolve = (solution: string): DemoEvent => ({ type: 'RESOLVE', data: { solution } });
export const close = (reason: string): DemoEvent => ({ type: 'CLOSE', data: { reason } });
export const reopen: DemoEvent = { type: 'REOPEN' };
export const confirm: DemoEvent = { type: 'CONFIRM' };
