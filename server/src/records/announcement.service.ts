/**
 * NSO-1 announcements: outages and scheduled maintenance that a desk announces on its main
 * page. Requesters have no accounts, so the list is public per tenant; "now" is the product
 * clock, so the manual clock of tests and demos opens and closes the windows too.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../graphql/errors.js';
import { AnnouncementSchema, announcementKinds, type Announcement, type AnnouncementKind } from './announcement.entity.js';
import { optionalText, requiredText } from './records.access.js';

const maxTitle = 200;
const maxBody = 10_000;

export interface AnnouncementFields {
  kind: AnnouncementKind;
  title: string;
  body: string;
  startsAt: Date;
  endsAt: Date | null;
}

interface AnnouncementDraft {
  kind?: string | null;
  title?: string | null;
  body?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
}

/** Checks a whole announcement (a new one, or an old one with the changes applied). */
export function validAnnouncement(draft: AnnouncementDraft): AnnouncementFields {
  const kind = draft.kind ?? '';
  if (!(announcementKinds as readonly string[]).includes(kind)) throw badInput(`kind must be one of ${announcementKinds.join(', ')}`, ['kind']);
  const title = requiredText(draft.title, 'title', maxTitle);
  const body = optionalText(draft.body, 'body', maxBody) ?? '';
  if (!(draft.startsAt instanceof Date) || Number.isNaN(draft.startsAt.getTime())) throw badInput('startsAt is required', ['startsAt']);
  const endsAt = draft.endsAt ?? null;
  if (endsAt && endsAt.getTime() <= draft.startsAt.getTime()) throw badInput('endsAt must be after startsAt', ['endsAt']);
  return { kind: kind as AnnouncementKind, title, body, startsAt: draft.startsAt, endsAt };
}

export function createAnnouncement(em: EntityManager, tenantId: string, fields: AnnouncementFields, actor: string, now: Date): Announcement {
  return em.create(AnnouncementSchema, { id: randomUUID(), tenantId, ...fields, createdAt: now, createdBy: actor });
}

/** In force at `now`: the window has opened and not yet closed. */
export function isActive(announcement: Pick<Announcement, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return announcement.startsAt.getTime() <= now.getTime() && (announcement.endsAt === null || now.getTime() < announcement.endsAt.getTime());
}

/**
 * What a portal shows: everything of the tenant that has not ended yet (in force, or still
 * to come, such as a maintenance announced ahead), or with `activeOnly` what is in force
 * now; ordered by start.
 */
export async function listAnnouncements(em: EntityManager, tenantId: string, now: Date, activeOnly: boolean): Promise<Announcement[]> {
  const notEnded = { $or: [{ endsAt: null }, { endsAt: { $gt: now } }] };
  const where = activeOnly ? { tenantId, startsAt: { $lte: now }, ...notEnded } : { tenantId, ...notEnded };
  return em.find(AnnouncementSchema, where, { orderBy: { startsAt: 'asc', createdAt: 'asc' }, limit: 500 });
}
