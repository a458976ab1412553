import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('Announcement', { description: 'NSO-1: an outage or a scheduled maintenance, shown to requesters' })
export class AnnouncementType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { description: 'outage | maintenance' }) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'null: until further notice' }) endsAt!: Date | null;
  @Field(() => Boolean, { description: 'In force now, by the server clock (startsAt <= now < endsAt); false: still to come' })
  active!: boolean;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => String, { nullable: true, description: "Who announced it; null for callers outside the tenant (the public portal)" })
  createdBy!: string | null;
}

@InputType()
export class CreateAnnouncementInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { description: 'outage | maintenance' }) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Omitted or null: until further notice' }) endsAt?: Date | null;
}

/** Only what is given changes; `endsAt: null` makes the window open-ended. */
@InputType()
export class UpdateAnnouncementInput {
  @Field(() => String, { nullable: true }) kind?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) startsAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) endsAt?: Date | null;
}
