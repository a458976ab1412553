import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('Channel')
export class ChannelType {
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) audience!: string | null;
  @Field(() => Boolean) official!: boolean;
  @Field(() => String, { nullable: true }) hours!: string | null;
}

@ObjectType('Tenant')
export class TenantType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String) timezone!: string;
  @Field(() => Int, { description: 'The workflow version new tickets start on' }) workflowVersion!: number;
  @Field(() => [ChannelType]) channels!: ChannelType[];
  @Field(() => [String]) kinds!: string[];
}

@ObjectType('WorkflowVersion')
export class WorkflowVersionType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) sourceHash!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Boolean, { description: 'false when the source equals the version already in force' }) created!: boolean;
}
