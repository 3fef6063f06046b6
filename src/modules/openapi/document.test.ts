import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { DOCUMENTED } from './testing.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function fetchDocument() {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('application/json');
  return response.json() as { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, { tags?: string[]; security?: unknown[] }>> };
}


describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1 according to @readme/openapi-parser', async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  test('lists exactly the public API operations, each tagged, writes with the token scheme', async () => {
    const document = await fetchDocument();
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([...DOCUMENTED].sort());
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.tags?.length, `${method} ${path} has a tag`).toBe(1);
        expect(Boolean(operation.security), `${method} ${path} security`).toBe(method !== 'get');
      }
    }
  });

  test('names the instance as its server and documents no page, form or feed', async () => {
    const document = await fetchDocument();
    expect(document.servers).toEqual([{ url: ctx.deps.config.publicUrl }]);
    expect(Object.keys(document.paths).every((p) => p.startsWith('/api/v1/'))).toBe(true);
  });
});
