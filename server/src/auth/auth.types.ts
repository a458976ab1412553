import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) role!: string;
  @Field(() => [ID]) tenantIds!: string[];
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Boolean, { description: 'A disabled user cannot log in; its sessions are refused' }) disabled!: boolean;
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

/** An API token as the admin's list shows it: never the secret, which only createApiToken returns. */
@ObjectType('ApiTokenInfo')
export class ApiTokenInfoType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => [ID]) tenantIds!: string[];
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last used, to within the ten seconds a server trusts a token it has checked' })
  lastUsedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Set once revoked: the token is refused from then on' })
  revokedAt!: Date | null;
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

/** Only what is given changes. */
@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true, description: 'admin | agent' }) role?: string | null;
  @Field(() => [ID], { nullable: true }) tenantIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'A new password; set for another user, it signs them out everywhere' }) password?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Disabling signs the user out everywhere' }) disabled?: boolean | null;
}
