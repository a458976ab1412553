import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('ContactChange', { description: "SIN-11: a side's responsible person changes, and the other side is told in advance" })
export class ContactChangeType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String, { description: "Whose person changes: customer (the organisation's) | contractor (the desk's)" }) side!: string;
  @Field(() => String, { nullable: true }) previousName!: string | null;
  @Field(() => String, { nullable: true }) previousEmail!: string | null;
  @Field(() => String) newName!: string;
  @Field(() => String) newEmail!: string;
  @Field(() => String, { nullable: true }) newPhone!: string | null;
  @Field(() => DateTimeScalar) effectiveFrom!: Date;
  @Field(() => String, { description: "The other side's address the notice went to" }) noticeTo!: string;
  @Field(() => DateTimeScalar, { description: 'When the notice was queued for delivery (outboundMessages shows its status)' }) noticeSentAt!: Date;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => String) createdBy!: string;
}

@InputType()
export class AnnounceContactChangeInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String, { description: 'customer | contractor: whose responsible person changes' }) side!: string;
  @Field(() => String) newName!: string;
  @Field(() => String) newEmail!: string;
  @Field(() => String, { nullable: true }) newPhone?: string | null;
  @Field(() => DateTimeScalar, { description: 'When the new person takes over; must be in the future (in advance)' }) effectiveFrom!: Date;
}
