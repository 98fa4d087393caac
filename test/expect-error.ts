import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

type ErrorJson = {
  error: { code: string; message: string; requestId: string; details?: unknown };
};

/**
 * Asserts the one error shape: the status, `error.code`, a message a person can read (no
 * unfilled `{placeholder}`) and the request id that is also in the `x-request-id` header.
 */
export function expectError(
  res: LightMyRequestResponse,
  status: number,
  code: string,
  label = '',
): ErrorJson['error'] {
  const what = `${label ? label + ': ' : ''}${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, what).toBe(status);
  expect(res.headers['content-type'], what).toMatch(/^application\/json/);
  const body = res.json<ErrorJson>();
  expect(body.error?.code, what).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.message).not.toMatch(/\{\w+\}/);
  expect(body.error.requestId).toBeTruthy();
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
  return body.error;
}
