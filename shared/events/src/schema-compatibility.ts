import { isDeepStrictEqual } from "node:util";
import type { JsonSchemaDocument } from "./event-schema.ts";

/**
 * Keywords that only document a schema: changing them changes no message's validity.
 */
const annotations = new Set(["title", "description", "$comment", "examples", "deprecated", "default"]);

/** Keywords compared by the rules below rather than by plain equality. */
const structural = new Set([
  "type",
  "enum",
  "properties",
  "required",
  "items",
  "prefixItems",
  "anyOf",
  "oneOf",
  "allOf",
  "$defs",
  "additionalProperties",
]);

type Schema = JsonSchemaDocument | boolean;

const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));

function typesOf(schema: JsonSchemaDocument): string[] {
  const type = schema.type;
  if (type === undefined) return [];
  return (Array.isArray(type) ? type : [type]).map(String).sort();
}

function childPath(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function asMap(value: unknown): Record<string, Schema> {
  return (value ?? {}) as Record<string, Schema>;
}

function asList<T = Schema>(value: unknown): T[] {
  return (value ?? []) as T[];
}

function compareProperties(published: JsonSchemaDocument, next: JsonSchemaDocument, path: string): string[] {
  const before = asMap(published.properties);
  const after = asMap(next.properties);
  const requiredBefore = new Set(asList<string>(published.required));
  const requiredAfter = new Set(asList<string>(next.required));
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(before)) {
    const where = childPath(path, name);
    const successor = after[name];
    if (successor === undefined) {
      problems.push(`${where}: field removed`);
      continue;
    }
    if (requiredBefore.has(name) && !requiredAfter.has(name))
      problems.push(`${where}: required field became optional`);
    if (!requiredBefore.has(name) && requiredAfter.has(name))
      problems.push(`${where}: optional field became required`);
    problems.push(...compare(schema, successor, where));
  }
  for (const name of Object.keys(after)) {
    if (!(name in before) && requiredAfter.has(name))
      problems.push(`${childPath(path, name)}: new required field`);
  }
  return problems;
}

function compareLists(keyword: string, published: Schema[], next: Schema[], path: string): string[] {
  if (published.length !== next.length) {
    return [`${path || "(root)"}: ${keyword} has ${next.length} entries instead of ${published.length}`];
  }
  return published.flatMap((schema, index) =>
    compare(schema, next[index] as Schema, `${path}[${keyword} ${index}]`),
  );
}

function compare(published: Schema, next: Schema, path: string): string[] {
  const where = path || "(root)";
  if (typeof published === "boolean" || typeof next === "boolean") {
    return published === next ? [] : [`${where}: schema changed from ${show(published)} to ${show(next)}`];
  }
  const problems: string[] = [];
  const typesBefore = typesOf(published);
  const typesAfter = typesOf(next);
  if (!isDeepStrictEqual(typesBefore, typesAfter)) {
    problems.push(
      `${where}: type changed from ${typesBefore.join(" or ") || "(any)"} to ${typesAfter.join(" or ") || "(any)"}`,
    );
  }
  if (published.enum !== undefined || next.enum !== undefined) {
    const before = asList<unknown>(published.enum);
    const after = asList<unknown>(next.enum);
    const removed = before.filter((value) => !after.some((other) => isDeepStrictEqual(value, other)));
    const added = after.filter((value) => !before.some((other) => isDeepStrictEqual(value, other)));
    if (published.enum === undefined) problems.push(`${where}: now restricted to ${show(after)}`);
    else if (next.enum === undefined) problems.push(`${where}: no longer restricted to ${show(before)}`);
    else {
      if (removed.length > 0)
        problems.push(`${where}: enum narrowed, no longer allows ${removed.map(show).join(", ")}`);
      // Readers of the published version validate the enum and would refuse the new values.
      if (added.length > 0)
        problems.push(
          `${where}: enum widened, readers of the published version refuse ${added.map(show).join(", ")}`,
        );
    }
  }
  problems.push(...compareProperties(published, next, path));
  for (const keyword of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
    if (published[keyword] !== undefined || next[keyword] !== undefined) {
      problems.push(...compareLists(keyword, asList(published[keyword]), asList(next[keyword]), path));
    }
  }
  for (const keyword of ["items", "additionalProperties"]) {
    const before = published[keyword] as Schema | undefined;
    const after = next[keyword] as Schema | undefined;
    if (before === undefined || after === undefined) {
      if (before !== after)
        problems.push(`${where}: ${keyword} changed from ${show(before)} to ${show(after)}`);
    } else problems.push(...compare(before, after, `${path}[${keyword}]`));
  }
  const definitionsBefore = asMap(published.$defs);
  const definitionsAfter = asMap(next.$defs);
  for (const [name, schema] of Object.entries(definitionsBefore)) {
    const successor = definitionsAfter[name];
    if (successor === undefined) problems.push(`${where}: definition ${name} removed`);
    else problems.push(...compare(schema, successor, `$defs.${name}`));
  }
  // Every other keyword is a constraint (pattern, format, minLength, maximum, const, $ref...):
  // tightening it refuses published messages, loosening it lets through what published readers refuse.
  const constraints = new Set([...Object.keys(published), ...Object.keys(next)]);
  for (const keyword of constraints) {
    if (annotations.has(keyword) || structural.has(keyword)) continue;
    if (!isDeepStrictEqual(published[keyword], next[keyword])) {
      problems.push(
        `${where}: ${keyword} changed from ${show(published[keyword])} to ${show(next[keyword])}`,
      );
    }
  }
  return problems;
}

/**
 * Why `next` may not replace `published` as the schema of an event type version
 * that is already published; empty when it may. Both directions must keep working:
 * readers on `next` read every message already in the topics, and readers still on
 * `published` read every message valid under `next`. So a field may be added when it
 * is optional, descriptions and titles may change; removing a field, changing a
 * field's presence or type, narrowing or widening an enum, or changing any
 * constraint (pattern, bounds, format, const) is a new version of the type.
 */
export function schemaIncompatibilities(published: JsonSchemaDocument, next: JsonSchemaDocument): string[] {
  return compare(published, next, "");
}
