import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar, DateTimeScalar } from '../graphql/scalars.js';

export enum StatusCategoryEnum {
  new = 'new',
  open = 'open',
  waiting_customer = 'waiting_customer',
  resolved = 'resolved',
  closed = 'closed',
}
registerEnumType(StatusCategoryEnum, { name: 'StatusCategory' });

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortOrder, { name: 'SortOrder' });

@ObjectType()
export class TicketHistoryEntry {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) event!: string;
  @Field(() => String, { nullable: true }) fromState!: string | null;
  @Field(() => String) toState!: string;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => String) actor!: string;
  @Field(() => JSONScalar, { nullable: true }) data!: Record<string, unknown> | null;
}

@ObjectType()
export class Deadline {
  @Field(() => String) kind!: string;
  @Field(() => DateTimeScalar, { nullable: true }) dueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) pausedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) metAt!: Date | null;
  @Field(() => Boolean) breached!: boolean;
}

@ObjectType('Message')
export class MessageType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) ticketId!: string | null;
  @Field(() => String) direction!: 'in' | 'out';
  @Field(() => String) channel!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String) body!: string;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => String, { nullable: true, description: 'Delivery status of an outbound letter: pending, sending, sent, captured, failed' })
  status?: string | null;
  @Field(() => Int, { nullable: true, description: 'Delivery attempts of an outbound letter so far' })
  attempts?: number | null;
  @Field(() => String, { nullable: true, description: "The relay's last refusal, or why delivery stopped" })
  lastError?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When an outbound letter was sent or captured' })
  deliveredAt?: Date | null;
}


@ObjectType('Complaint', { description: "NSO-12: a complaint about the ticket, with its deadlines as they stood" })
export class ComplaintType {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => String) actor!: string;
  @Field(() => String, { nullable: true }) text!: string | null;
  @Field(() => JSONScalar, { description: 'deadlines (kind, dueAt, pausedAt, metAt, breached) when the complaint came' }) deadlines!: unknown;
  @Field(() => [String], { description: 'the kinds of the deadlines breached by then' }) breaches!: string[];
}

@ObjectType('Ticket')
export class TicketType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) number!: string;
  @Field(() => String, { nullable: true }) kind!: string | null;
  @Field(() => String, { nullable: true }) priority!: string | null;
  @Field(() => String) channel!: string;
  @Field(() => String, { nullable: true }) audience!: string | null;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String) state!: string;
  @Field(() => StatusCategoryEnum) statusCategory!: StatusCategoryEnum;
  @Field(() => String, { nullable: true }) closeReason!: string | null;
  @Field(() => JSONScalar) fields!: Record<string, unknown>;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => ID) workflowVersionId!: string;
}

@ObjectType()
export class TicketLink {
  @Field(() => String) relation!: string;
  @Field(() => TicketType) ticket!: TicketType;
}

@ObjectType()
export class TicketPage {
  @Field(() => [TicketType]) items!: TicketType[];
  @Field(() => Int) total!: number;
}

@InputType()
export class TicketFilter {
  @Field(() => ID, { nullable: true }) tenantId?: string;
  @Field(() => StatusCategoryEnum, { nullable: true }) statusCategory?: StatusCategoryEnum;
  @Field(() => String, { nullable: true }) state?: string;
  @Field(() => String, { nullable: true }) priority?: string;
  @Field(() => String, { nullable: true }) kind?: string;
  @Field(() => String, { nullable: true }) channel?: string;
  @Field(() => String, { nullable: true, description: 'Text search in number, subject and intake fields' }) q?: string;
  @Field(() => [ID], { nullable: true }) ids?: string[];
  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: tickets with an SLA clock at risk: running (not met, not paused) and breached or due within 4 hours of the server clock; false: the others',
  })
  slaAtRisk?: boolean;
  @Field(() => String, { nullable: true, description: "The service level of the ticket's organisation when it was registered (e.g. extended)" })
  serviceLevel?: string;
}

@InputType()
export class CreateTicketInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) channel!: string;
  @Field(() => String, { nullable: true }) kind?: string;
  @Field(() => String, { nullable: true }) priority?: string;
  @Field(() => String, { nullable: true }) audience?: string;
  @Field(() => String, { nullable: true }) subject?: string;
  @Field(() => String, { nullable: true }) from?: string;
  @Field(() => JSONScalar, { nullable: true }) fields?: Record<string, unknown>;
  @Field(() => ID, { nullable: true }) organizationId?: string;
}

@ObjectType()
export class TicketChange {
  @Field(() => String) event!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) ticketId!: string;
  @Field(() => Int) version!: number;
  @Field(() => TicketType, { nullable: true, description: 'The ticket as the subscriber may see it now' })
  ticket!: TicketType | null;
}
