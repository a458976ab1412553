/**
 * Which tenant and channel a mail is for: its recipient addresses (To, then Cc, then the
 * Delivered-To / X-Original-To a relay adds for a Bcc'd mailbox), compared without case
 * against every tenant's email channels and event mailboxes in the workflow in force. Pure: the caller lists the
 * tenants and their workflows.
 */
import type { ChannelDefinition, WorkflowDefinition } from '../workflow/index.js';
import type { ParsedInboundMail } from './mail.parse.js';

export interface TenantWorkflow {
  tenantId: string;
  definition: WorkflowDefinition;
}

export interface MailRoute {
  tenantId: string;
  definition: WorkflowDefinition;
  channel: ChannelDefinition;
  /** The recipient address that matched, as the channel spells it. */
  address: string;
  /** An event mailbox's event (`eventMailboxes`): the mail is it on the ticket it names. */
  event?: string;
}

/** Every route the mail's recipients match, in the order of the recipients. */
export function routesFor(mail: ParsedInboundMail, tenants: TenantWorkflow[]): MailRoute[] {
  const routes: MailRoute[] = [];
  const seen = new Set<string>();
  for (const recipient of [...mail.to, ...mail.cc, ...mail.deliveredTo]) {
    const address = recipient.address.toLowerCase();
    for (const tenant of tenants) {
      for (const channel of tenant.definition.channels) {
        if (channel.kind !== 'email' || !channel.address || channel.address.trim().toLowerCase() !== address) continue;
        const key = `${tenant.tenantId} ${address}`;
        if (seen.has(key)) continue;
        seen.add(key);
        routes.push({ tenantId: tenant.tenantId, definition: tenant.definition, channel, address: channel.address });
      }
      for (const mailbox of tenant.definition.eventMailboxes ?? []) {
        if (mailbox.address.trim().toLowerCase() !== address || seen.has(`${tenant.tenantId} ${address}`)) continue;
        seen.add(`${tenant.tenantId} ${address}`);
        // Not a request channel: the mail's own channel is email, its audience unknown.
        const channel = { kind: 'email' as const, address: mailbox.address, official: true, hours: '24/7' };
        routes.push({ tenantId: tenant.tenantId, definition: tenant.definition, channel, address: mailbox.address, event: mailbox.event });
      }
    }
  }
  return routes;
}

/**
 * The channel's routing rule the mail breaks (TOM-2: a shared mailbox takes only subjects with
 * a phrase), as the receipt's reason and as the sentence the sender's reply explains it with;
 * or null. The phrase is compared without case: a requester who typed it is not refused.
 */
export function routingRuleBroken(route: MailRoute, subject: string): { reason: string; explanation: string } | null {
  const phrase = route.channel.routing?.subjectContains;
  if (phrase && !subject.toLocaleLowerCase('ru').includes(phrase.toLocaleLowerCase('ru'))) {
    return {
      reason: `the subject must contain «${phrase}»`,
      explanation: `тема письма должна содержать «${phrase}». Отправьте письмо повторно, указав «${phrase}» в теме`,
    };
  }
  return null;
}
