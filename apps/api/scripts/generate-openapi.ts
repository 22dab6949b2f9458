import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../src/config/app.config';
import { createRootLogger } from '../src/common/logging/logger';
import { buildOpenApiDocument, createHttpApp } from '../src/http-app';

/** The committed OpenAPI file, exactly as the running API describes itself. */
export async function generateOpenApiJson(): Promise<string> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'openapi-generation-needs-no-real-secret-000',
  });
  const app = await createHttpApp(config, createRootLogger('silent', 'script'));
  try {
    await app.init();
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const OPENAPI_PATH = join(repoRoot(), 'libs/api-client/openapi.json');

if (require.main === module) {
  generateOpenApiJson()
    .then((json) => {
      writeFileSync(OPENAPI_PATH, json);
      console.log(`wrote ${OPENAPI_PATH}`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
