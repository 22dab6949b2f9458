import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { E2E_DIR } from '../setup/e2e-env';

/** What the production start of this run listens on and who can log in, shared with the spec. */
export interface ProdState {
  run: string;
  pid: number;
  runDir: string;
  database: string;
  web: string;
  console: string;
  /** The SMTP sink's inbox API (the stand-in mail provider). */
  mail: string;
  admin: { email: string; password: string; name: string };
}

export const PROD_STATE_FILE = path.join(E2E_DIR, 'test-results', 'prod-state.json');

export function readProdState(): ProdState {
  return JSON.parse(fs.readFileSync(PROD_STATE_FILE, 'utf8')) as ProdState;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
