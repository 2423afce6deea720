// Reads {"schemas": [schema, ...], "main": "<$id>", "documents": [{"name", "data"}]} on stdin and prints,
// for each document, {"name", "valid", "errors"} as one JSON array. Strict mode: unknown keywords,
// ambiguous types and unknown formats are compile errors, so the published schemas must be clean.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: false });
addFormats(ajv);
for (const schema of input.schemas) ajv.addSchema(schema);
const validate = ajv.getSchema(input.main);
if (!validate) {
  console.error(`schema ${input.main} not found`);
  process.exit(2);
}
const out = input.documents.map(({ name, data }) => {
  const valid = validate(data);
  return { name, valid, errors: valid ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`) };
});
process.stdout.write(JSON.stringify(out));
