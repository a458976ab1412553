/**
 * Customer organisations of a tenant: their service level and contract period decide how a
 * desk serves them (RBT-1, SIN-6). A ticket names its organisation or is matched by INN.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../clock/clock.js';
import { OrganizationSchema, type Organization } from './organization.entity.js';
import { badInput } from '../graphql/errors.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export class OrganizationService {
  constructor(private readonly clock: Clock) {}

  async create(
    em: EntityManager,
    input: { tenantId: string; name: string; inn?: string | null; serviceLevel?: string | null; contractFrom?: string | null; contractUntil?: string | null },
  ): Promise<Organization> {
    if (!input.name.trim()) throw badInput('name is required', ['name']);
    if (input.inn != null && !/^(\d{10}|\d{12})$/.test(input.inn)) throw badInput('inn has 10 or 12 digits', ['inn']);
    for (const key of ['contractFrom', 'contractUntil'] as const) {
      const value = input[key];
      if (value != null && (!isoDate.test(value) || Number.isNaN(Date.parse(value)))) throw badInput(`${key} must be a date YYYY-MM-DD`, [key]);
    }
    if (input.contractFrom && input.contractUntil && input.contractFrom > input.contractUntil) {
      throw badInput('the contract ends before it starts', ['contractFrom', 'contractUntil']);
    }
    const organization = em.create(OrganizationSchema, {
      id: randomUUID(),
      tenantId: input.tenantId,
      name: input.name.trim(),
      inn: input.inn ?? null,
      serviceLevel: input.serviceLevel ?? null,
      contractFrom: input.contractFrom ?? null,
      contractUntil: input.contractUntil ?? null,
      createdAt: this.clock.now(),
    });
    await em.flush();
    return organization;
  }

  /** The organisation a new ticket belongs to: the one named, else the tenant's by INN. */
  async resolveForTicket(
    em: EntityManager,
    input: { tenantId: string; organizationId?: string | null; fields?: Record<string, unknown> | null },
  ): Promise<string | null> {
    if (input.organizationId) {
      const named = await em.findOne(OrganizationSchema, { id: input.organizationId, tenantId: input.tenantId });
      if (!named) throw badInput(`No organisation ${input.organizationId} in tenant ${input.tenantId}`, ['organizationId']);
      return named.id;
    }
    const inn = input.fields?.inn;
    if (typeof inn !== 'string' || !inn) return null;
    const byInn = await em.findOne(OrganizationSchema, { tenantId: input.tenantId, inn });
    return byInn?.id ?? null;
  }
}
