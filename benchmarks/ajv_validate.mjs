// The peer a pipeline engineer would pick instead of riskfmt: ajv 8 validating one file against the published
// JSON Schema (schema only: no semantic rules, no leak scan). Used by benchmarks/run.py, which times the whole
// process. ajv is resolved from tests/js (npm ci there). Prints "valid" or the number of errors.
//     node benchmarks/ajv_validate.mjs SCHEMA.json REPORT.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "tests", "js", "package.json"));
const Ajv2020 = require("ajv/dist/2020.js").default;
const addFormats = require("ajv-formats").default;

const [schemaPath, docPath] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const valid = validate(JSON.parse(readFileSync(docPath, "utf8")));
process.stdout.write(valid ? "valid\n" : `${validate.errors.length} errors\n`);
process.exit(valid ? 0 : 1);
