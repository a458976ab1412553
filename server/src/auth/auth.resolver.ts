import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { requireAdmin, requirePrincipal } from '../auth/principal.js';
import { ApiTokenInfoType, ApiTokenType, CreateApiTokenInput, CreateUserInput, SessionType, UpdateUserInput, UserType } from './auth.types.js';
import { UserSchema } from './user.entity.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => SessionType)
  async login(
    @Ctx() ctx: GraphQLContext,
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
  ): Promise<SessionType> {
    return ctx.services.auth.login(email, password);
  }

  @Query(() => UserType, { nullable: true, description: 'The logged-in user; null for an API token' })
  async me(@Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    const principal = requirePrincipal(ctx.principal);
    if (principal.kind !== 'user') return null;
    return ctx.services.orm.em.fork().findOne(UserSchema, { id: principal.id });
  }

  @Mutation(() => UserType)
  async createUser(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<UserType> {
    requireAdmin(ctx.principal);
    return ctx.services.auth.createUser(input);
  }

  @Mutation(() => ApiTokenType)
  async createApiToken(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
  ): Promise<ApiTokenType> {
    requireAdmin(ctx.principal);
    const { apiToken, token } = await ctx.services.auth.createApiToken(input);
    return { ...apiToken, token };
  }

  @Query(() => [UserType], { description: 'Every user, oldest first (admin)' })
  async users(@Ctx() ctx: GraphQLContext): Promise<UserType[]> {
    requireAdmin(ctx.principal);
    return ctx.services.userAdmin.users();
  }

  @Mutation(() => UserType, { description: "Changes a user's role, tenants, password or disabled flag (admin)" })
  async updateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
  ): Promise<UserType> {
    const admin = requireAdmin(ctx.principal);
    return ctx.services.userAdmin.updateUser(admin, id, input);
  }

  @Query(() => [ApiTokenInfoType], { description: 'Every API token, revoked ones too, oldest first (admin)' })
  async apiTokens(@Ctx() ctx: GraphQLContext): Promise<ApiTokenInfoType[]> {
    requireAdmin(ctx.principal);
    return ctx.services.userAdmin.apiTokens();
  }

  @Mutation(() => ApiTokenInfoType, { description: 'Refuses the token from now on (admin)' })
  async revokeApiToken(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<ApiTokenInfoType> {
    requireAdmin(ctx.principal);
    return ctx.services.userAdmin.revokeApiToken(id);
  }
}
