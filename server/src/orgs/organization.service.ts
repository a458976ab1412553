/**
 * Customer organisations of a tenant: their service level and contract period decide how a
 * desk serves them (RBT-1, SIN-6). A ticket names its organisation or is matched by INN.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../clock/clock.js';
import { OrganizationSchema, type Organization } from './organization.entity.js';
import { badInput } from '../graphql/errors.js';
import { parseBusinessDuration } from '../calendar/index.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Loose on purpose: one @ with something on both sides and a dot in the domain; the relay has the last word. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value.trim());
}

export class OrganizationService {
  constructor(private readonly clock: Clock) {}

  async create(
    em: EntityManager,
    input: {
      tenantId: string;
      name: string;
      inn?: string | null;
      serviceLevel?: string | null;
      contractFrom?: string | null;
      contractUntil?: string | null;
      contactName?: string | null;
      contactEmail?: string | null;
      contactPhone?: string | null;
      slaTargets?: Record<string, unknown> | null;
    },
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
    if (input.contactEmail != null && !isEmailAddress(input.contactEmail)) throw badInput('contactEmail is not an e-mail address', ['contactEmail']);
    const slaTargets = checkedSlaTargets(input.slaTargets);
    const organization = em.create(OrganizationSchema, {
      id: randomUUID(),
      tenantId: input.tenantId,
      name: input.name.trim(),
      inn: input.inn ?? null,
      serviceLevel: input.serviceLevel ?? null,
      contractFrom: input.contractFrom ?? null,
      contractUntil: input.contractUntil ?? null,
      contactName: input.contactName?.trim() || null,
      contactEmail: input.contactEmail?.trim() || null,
      contactPhone: input.contactPhone?.trim() || null,
      slaTargets,
      createdAt: this.clock.now(),
    });
    await em.flush();
    return organization;
  }
}

/** RBT-6: a contract's own targets by SLA clock name, each a duration such as `7bd` or `48h`. */
function checkedSlaTargets(value: Record<string, unknown> | null | undefined): Record<string, string> | null {
  if (value == null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw badInput('slaTargets maps SLA clock names to durations, e.g. { "resolution": "7bd" }', ['slaTargets']);
  for (const [clock, target] of Object.entries(value)) {
    if (!isDuration(target)) throw badInput(`slaTargets.${clock} must be a duration such as 7bd or 48h`, ['slaTargets']);
  }
  return value as Record<string, string>;
}

function isDuration(value: unknown): boolean {
  try {
    return typeof value === 'string' && parseBusinessDuration(value) !== null;
  } catch {
    return false;
  }
}
