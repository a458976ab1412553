import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000Initial } from './Migration20261121000000Initial.js';
import { Migration20261124000000InboundMail } from './Migration20261124000000InboundMail.js';
import { Migration20261125000000TicketDeadlines } from './Migration20261125000000TicketDeadlines.js';
import { Migration20261126000000OutboxDelivery } from './Migration20261126000000OutboxDelivery.js';
import { Migration20261127000000TicketLinks } from './Migration20261127000000TicketLinks.js';
import { Migration20261128000000OutboxLease } from './Migration20261128000000OutboxLease.js';
import { Migration20261129000000MailAttachments } from './Migration20261129000000MailAttachments.js';
import { Migration20261130200000ServiceOrder } from './Migration20261130200000ServiceOrder.js';
import { Migration20261130300000RequesterPortal } from './Migration20261130300000RequesterPortal.js';
import { Migration20261130000000Records } from './Migration20261130000000Records.js';
import { Migration20261201000000UsersAndTokens } from './Migration20261201000000UsersAndTokens.js';
import { Migration20261202000000SharedRateLimits } from './Migration20261202000000SharedRateLimits.js';

/** Every committed migration, in order. Add new ones at the end. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121000000Initial', class: Migration20261121000000Initial },
  { name: 'Migration20261124000000InboundMail', class: Migration20261124000000InboundMail },
  { name: 'Migration20261125000000TicketDeadlines', class: Migration20261125000000TicketDeadlines },
  { name: 'Migration20261126000000OutboxDelivery', class: Migration20261126000000OutboxDelivery },
  { name: 'Migration20261127000000TicketLinks', class: Migration20261127000000TicketLinks },
  { name: 'Migration20261128000000OutboxLease', class: Migration20261128000000OutboxLease },
  { name: 'Migration20261129000000MailAttachments', class: Migration20261129000000MailAttachments },
  { name: 'Migration20261130000000Records', class: Migration20261130000000Records },
  { name: 'Migration20261130200000ServiceOrder', class: Migration20261130200000ServiceOrder },
  { name: 'Migration20261130300000RequesterPortal', class: Migration20261130300000RequesterPortal },
  { name: 'Migration20261201000000UsersAndTokens', class: Migration20261201000000UsersAndTokens },
  { name: 'Migration20261202000000SharedRateLimits', class: Migration20261202000000SharedRateLimits },
];
