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

// The contract's channels, until a tenant is chosen (then its own, from `Tenant.channels`).
export const channelChoices = choices('channel', ['email', 'web', 'phone', 'api']);
export const priorityChoices = choices('priority', ['high', 'normal']);
