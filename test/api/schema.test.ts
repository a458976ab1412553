/**
 * The committed server/schema.graphql is what the code serves: clients and reviewers read the
 * file, so it must never drift. Run `npm run schema:emit` after changing a resolver.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printAppSchema } from '../../server/src/graphql/schema.js';
import { repoRoot } from '../support/test-server.js';

describe('server/schema.graphql', () => {
  it('matches the schema built from the code', async () => {
    const committed = fs.readFileSync(path.join(repoRoot, 'server/schema.graphql'), 'utf8');
    expect(committed, 'server/schema.graphql is stale: run `npm run schema:emit`').toBe(await printAppSchema());
  });

  it('has every operation of the contract', async () => {
    const schema = await printAppSchema();
    const operations = ['login', 'createUser', 'createApiToken', 'createOrganization', 'tenants', 'tickets', 'ticket', 'ticketByNumber',
      'createTicket', 'sendTicketEvent', 'outboundMessages', 'advanceClock', 'publishWorkflow', 'now', 'ticketChanged'];
    for (const operation of operations) expect(schema).toMatch(new RegExp(`\\n  ${operation}[(:]`));
    expect(schema).toMatch(/\ntype Ticket \{/);
    expect(schema).toMatch(/\nenum StatusCategory \{/);
  });
});
