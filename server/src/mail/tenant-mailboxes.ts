/**
 * The tenants' mailboxes: the email channels of the workflow in force of each tenant
 * (DESIGN principle 2: the workflow file is the whole truth about a tenant). The SMTP
 * listener accepts mail only for these addresses; the outbox worker sends from the first.
 */
import type { Orm } from '../db/orm.js';
import { TenantSchema } from '../tenants/tenant.entity.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import type { TenantWorkflow } from '../intake/mail.routing.js';

export async function tenantWorkflows(orm: Orm, registry: WorkflowRegistry): Promise<TenantWorkflow[]> {
  const tenants = await orm.em.fork().find(TenantSchema, {}, { orderBy: { id: 'asc' } });
  return Promise.all(
    tenants.map(async (t) => ({ tenantId: t.id, definition: (await registry.forVersion(t.currentWorkflowVersionId)).definition })),
  );
}

/** The email addresses of a tenant's channels, as the workflow spells them, in file order. */
export function emailAddressesOf(tenant: TenantWorkflow): string[] {
  return tenant.definition.channels
    .filter((c) => c.kind === 'email' && typeof c.address === 'string' && c.address.includes('@'))
    .map((c) => c.address!.trim());
}

/** Every tenant's email address and event mailbox, lower-cased: what the SMTP listener accepts at RCPT. */
export async function knownMailboxes(orm: Orm, registry: WorkflowRegistry): Promise<Set<string>> {
  const set = new Set<string>();
  for (const tenant of await tenantWorkflows(orm, registry)) {
    for (const a of emailAddressesOf(tenant)) set.add(a.toLowerCase());
    for (const mailbox of tenant.definition.eventMailboxes ?? []) set.add(mailbox.address.trim().toLowerCase());
  }
  return set;
}
