/**
 * The notice that a ticket's personal links were revoked (issue 7): like a ticket change, it
 * is NOTIFYed inside the revoking transaction (portal.service.ts), so every server instance
 * hears it once it commits and ends the requester subscriptions it holds for that ticket.
 */
export const linksRevokedChannel = 'requester_links_revoked';

export interface LinksRevokedNotice {
  ticketId: string;
}
