import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) inn!: string | null;
  @Field(() => String, { nullable: true }) serviceLevel!: string | null;
  @Field(() => String, { nullable: true, description: 'First day of the contract, YYYY-MM-DD' }) contractFrom!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day of the contract, YYYY-MM-DD' }) contractUntil!: string | null;
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
}
