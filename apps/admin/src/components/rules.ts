import type { FormRule } from 'antd';

type Schema = { safeParse(v: unknown): { success: boolean } };

/** A form rule from a contract schema, so the form checks exactly what the API will. */
export function schemaRule(schema: Schema, message: string): FormRule {
  return {
    validator: (_, value: unknown) =>
      value === undefined || value === '' || schema.safeParse(value).success
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}
