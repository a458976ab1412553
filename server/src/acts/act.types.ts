import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType()
export class AcceptanceActItem {
  @Field(() => String) what!: string;
  @Field(() => DateTimeScalar, { nullable: true }) dueAt!: Date | null;
}

@ObjectType({ description: 'SIN-9/10: an acceptance act, or the bilateral rework act after a refusal' })
export class AcceptanceAct {
  @Field(() => String, { description: 'The ticket number and the act\'s place, e.g. TID-000123-A1' }) number!: string;
  @Field(() => String, { description: 'acceptance or rework' }) kind!: string;
  @Field(() => String, { description: 'issued, overdue (not answered by dueAt), approved, refused, agreed (rework)' }) status!: string;
  @Field(() => DateTimeScalar, { nullable: true }) issuedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the customer\'s answer is due (3 days after issue)' }) dueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) answeredAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The customer\'s reasons for a refusal' }) reasons!: string | null;
  @Field(() => [AcceptanceActItem]) items!: AcceptanceActItem[];
  @Field(() => String, { description: 'The printable act (GET, same Authorization as GraphQL; HTML ready to print)' }) documentUrl!: string;
}
