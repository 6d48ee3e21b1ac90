// specs/hostup.yaml as data, for the tests that hold the adapter's rules to the spec's.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

interface Schema {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: string[];
  /** Why the spec's rule is a guess, where it is one. */
  "x-dbusers-unverified"?: string;
}

/** The whole document, parsed. */
export const spec = parse(readFileSync(new URL("../../../specs/hostup.yaml", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
  components: { schemas: Record<string, Schema> };
};

/** A schema of `components.schemas`, e.g. `database_user_password`. */
export function specSchema(name: string): Schema {
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`specs/hostup.yaml has no schema ${name}`);
  return schema;
}

/** Whether `value` meets a string schema's length (in characters, as JSON Schema counts) and pattern. */
export function meetsSchema(
  value: string,
  { minLength = 0, maxLength = Infinity, pattern }: Schema,
): boolean {
  const length = [...value].length;
  return (
    length >= minLength && length <= maxLength && (pattern === undefined || new RegExp(pattern).test(value))
  );
}
