/** A plain GraphQL-over-HTTP client, as an external system would use the API. */
export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export class GraphQLClient {
  constructor(
    readonly url: string,
    readonly token: string | null = null,
  ) {}

  withToken(token: string | null): GraphQLClient {
    return new GraphQLClient(this.url, token);
  }

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** The data of a request that must succeed; fails the test with the errors otherwise. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The error code of a request that must fail. */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const result = await this.request(query, variables);
    return result.errors?.[0]?.extensions?.code;
  }
}
