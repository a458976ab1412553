/** Small helpers of the records tests: the product clock, and a refused request's code and culprits. */
import type { GraphQLClient } from '../support/graphql-client.js';
import type { TestServer } from '../support/test-server.js';

export async function productNow(t: TestServer): Promise<Date> {
  return new Date((await t.anonymous.data<{ now: string }>(`{ now }`)).now);
}

export async function advance(t: TestServer, by: string): Promise<Date> {
  return new Date((await t.admin.data<{ advanceClock: string }>(`mutation($by: String!) { advanceClock(by: $by) }`, { by })).advanceClock);
}

export const plus = (at: Date, ms: number) => new Date(at.getTime() + ms).toISOString();
export const hours = (n: number) => n * 3600_000;
export const days = (n: number) => n * 86_400_000;

/** The code and `extensions.fields` of a request that must fail. */
export async function refusal(client: GraphQLClient, query: string, variables: Record<string, unknown> = {}): Promise<{ code?: string; fields?: string[] }> {
  const result = await client.request(query, variables);
  if (!result.errors?.length) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  const extensions = result.errors[0]!.extensions ?? {};
  return { code: extensions.code, fields: extensions.fields };
}
