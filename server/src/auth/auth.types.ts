import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) role!: string;
  @Field(() => [ID]) tenantIds!: string[];
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType('Session')
export class SessionType {
  @Field(() => String, { description: 'Send as Authorization: Bearer <token>' }) token!: string;
  @Field(() => UserType) user!: UserType;
}

@ObjectType('ApiToken')
export class ApiTokenType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Shown once, at creation; only its digest is stored' }) token!: string;
  @Field(() => [ID]) tenantIds!: string[];
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@InputType()
export class CreateUserInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String, { description: 'admin | agent | integration' }) role!: string;
  @Field(() => [ID], { defaultValue: [] }) tenantIds!: string[];
}

@InputType()
export class CreateApiTokenInput {
  @Field(() => String) name!: string;
  @Field(() => [ID]) tenantIds!: string[];
}
