// pg ships no type declarations and @types/pg is not a dependency of this package: the few calls
// the global setup and teardown make are declared here.
declare module 'pg' {
  export interface ClientConfig {
    connectionString?: string;
    connectionTimeoutMillis?: number;
  }

  export interface QueryResult {
    rows: Record<string, unknown>[];
    rowCount: number | null;
  }

  export class Client {
    constructor(config?: ClientConfig | string);
    connect(): Promise<void>;
    query(text: string, values?: unknown[]): Promise<QueryResult>;
    end(): Promise<void>;
  }
}
