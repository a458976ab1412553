import { AnnouncementSchema } from './announcement.entity.js';
import { PhoneCallSchema } from './phone-call.entity.js';
import { ContactChangeSchema } from './contact-change.entity.js';

/** The records feature's entities, for db/entities.ts (kept apart from the resolvers so the ORM loads no GraphQL). */
export const recordsEntities = [AnnouncementSchema, PhoneCallSchema, ContactChangeSchema] as const;
