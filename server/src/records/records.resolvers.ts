/**
 * Records: what a desk keeps beside its tickets, for every tenant whose regulation asks
 * for it. Announcements of outages and scheduled maintenance shown to requesters (NSO-1),
 * the log of phone calls, each a consultation or the origin of a ticket (NSO-3), and
 * notices of a changed responsible person sent to the other side in advance (SIN-11).
 * Every record belongs to one tenant and is read through the tenant filter; writes are
 * for the tenant's admins and agents.
 */
import { AnnouncementResolver } from './announcement.resolver.js';
import { PhoneCallResolver, TicketPhoneCallsResolver } from './phone-call.resolver.js';
import { ContactChangeResolver } from './contact-change.resolver.js';

/** The feature's resolvers, for graphql/schema.ts. */
export const recordsResolvers = [AnnouncementResolver, PhoneCallResolver, TicketPhoneCallsResolver, ContactChangeResolver] as const;
