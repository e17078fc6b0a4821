#!/usr/bin/env node
// Validates an OpenAPI 3.0 / 3.1 document (JSON or YAML file) against the official OpenAPI JSON schemas
// using @seriousme/openapi-schema-validator, then checks that every local $ref resolves.
// Usage: node validate-openapi.mjs <file>
// Exit code: 0 valid, 1 invalid (errors printed to stderr), 2 usage / unreadable file.
import { readFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate-openapi.mjs <openapi.json|openapi.yaml>");
  process.exit(2);
}

let text;
try {
  text = await readFile(file, "utf8");
} catch (err) {
  console.error(`cannot read ${file}: ${err.message}`);
  process.exit(2);
}

let document;
try {
  document = JSON.parse(text);
} catch {
  // Not JSON: let the validator parse it as YAML.
  document = text;
}

const validator = new Validator();
let result;
try {
  result = await validator.validate(document);
} catch (err) {
  console.error(`${file}: not a parseable OpenAPI document: ${err.message}`);
  process.exit(1);
}

const version = validator.version;
if (!result.valid) {
  console.error(`${file}: INVALID OpenAPI ${version ?? "(unknown version)"} document`);
  const errors = Array.isArray(result.errors) ? result.errors : [result.errors];
  for (const e of errors) {
    if (e && typeof e === "object" && "instancePath" in e) {
      const params = e.params ? ` ${JSON.stringify(e.params)}` : "";
      console.error(`  ${e.instancePath || "/"}: ${e.message}${params} (schema ${e.schemaPath})`);
    } else {
      console.error(`  ${typeof e === "string" ? e : JSON.stringify(e)}`);
    }
  }
  process.exit(1);
}

if (!version || !(version.startsWith("3.0") || version.startsWith("3.1"))) {
  console.error(`${file}: expected an OpenAPI 3.0 or 3.1 document, found version ${version}`);
  process.exit(1);
}

try {
  validator.resolveRefs();
} catch (err) {
  console.error(`${file}: unresolvable $ref: ${err.message}`);
  process.exit(1);
}

console.log(`${file}: valid OpenAPI ${version} document`);
