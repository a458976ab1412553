import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) inn!: string | null;
  @Field(() => String, { nullable: true }) serviceLevel!: string | null;
  @Field(() => String, { nullable: true, description: 'First day of the contract, YYYY-MM-DD' }) contractFrom!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of the contract, YYYY-MM-DD' }) contractUntil!: string | null;
  @Field(() => String, { nullable: true, description: "The customer's responsible person (SIN-11: changed through announceContactChange)" })
  contactName!: string | null;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => JSONScalar, { nullable: true, description: "RBT-6: the contract's own SLA targets by clock, e.g. { resolution: \"7bd\" }" })
  slaTargets!: Record<string, string> | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) inn?: string;
  @Field(() => String, { nullable: true }) serviceLevel?: string;
  @Field(() => String, { nullable: true }) contractFrom?: string;
  @Field(() => String, { nullable: true }) contractUntil?: string;
  @Field(() => String, { nullable: true }) contactName?: string;
  @Field(() => String, { nullable: true }) contactEmail?: string;
  @Field(() => String, { nullable: true }) contactPhone?: string;
  @Field(() => JSONScalar, { nullable: true }) slaTargets?: Record<string, unknown>;
}
