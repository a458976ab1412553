/**
 * Choices for the coded values of a ticket. Names are message keys: react-admin's inputs
 * translate them, so the lists stay language-neutral.
 */
const choices = (prefix: string, ids: readonly string[]) =>
  ids.map((id) => ({ id, name: `resources.tickets.${prefix}.${id}` }));

// Fixed by the contract's StatusCategory enum.
export const STATUS_CATEGORIES = ['new', 'open', 'waiting_customer', 'resolved', 'closed'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];
export const statusCategoryChoices = choices('statusCategory', STATUS_CATEGORIES);

// The contract's channels and its example kinds. Tenants' workflows may add more; once
// the API lists a tenant's channels and kinds, these should come from there.
export const channelChoices = choices('channel', ['email', 'web', 'phone', 'api']);
export const kindChoices = choices('kind', ['consultation', 'error']);
export const priorityChoices = choices('priority', ['high', 'normal']);
