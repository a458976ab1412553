import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('PhoneCall', { description: 'NSO-3: a call an agent took; a consultation, or the origin of a ticket' })
export class PhoneCallType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => DateTimeScalar, { description: 'When the call took place' }) at!: Date;
  @Field(() => String, { nullable: true }) callerName!: string | null;
  @Field(() => String, { nullable: true }) callerPhone!: string | null;
  @Field(() => String, { nullable: true }) organization!: string | null;
  @Field(() => String) summary!: string;
  @Field(() => String, { description: 'consultation | ticket' }) outcome!: string;
  @Field(() => ID, { nullable: true }) ticketId!: string | null;
  @Field(() => String, { description: 'The agent who logged the call, as history names actors' }) agent!: string;
}

@ObjectType()
export class PhoneCallPage {
  @Field(() => [PhoneCallType]) items!: PhoneCallType[];
  @Field(() => Int) total!: number;
}

@InputType()
export class LogPhoneCallInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { nullable: true }) callerName?: string | null;
  @Field(() => String, { nullable: true }) callerPhone?: string | null;
  @Field(() => String, { nullable: true }) organization?: string | null;
  @Field(() => String, { description: 'What the caller asked and what they were told' }) summary!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the call took place; default now. Not in the future.' }) at?: Date | null;
}
