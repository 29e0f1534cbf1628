// Every plugin schema, unmodified, in react-jsonschema-form's validator (AJV 8 running draft-04): each compiles,
// and each model card's exampleInput is valid against its model's schema. See docs/embedding-forms.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import rjsfAjv8 from '@rjsf/validator-ajv8';

const { customizeValidator } = rjsfAjv8; // a CommonJS package: named exports via its default

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pluginsDir = join(root, 'plugins');
// The schemas are draft-04 and carry x-* UI hints; rjsf's AJV is built non-strict, so the hints are ignored keywords.
const validator = customizeValidator({ AjvClass: AjvDraft04 });

const models = readdirSync(pluginsDir)
  .map((p) => join(pluginsDir, p, 'plugin.json'))
  .filter(existsSync)
  .flatMap((manifest) => JSON.parse(readFileSync(manifest, 'utf8')).models.map((m) => ({ ...m, dir: dirname(manifest) })));

test('plugins define models', () => assert.ok(models.length > 0));

for (const model of models) {
  test(`${model.id}: schema compiles and the card example validates`, () => {
    const schema = JSON.parse(readFileSync(join(model.dir, model.schema), 'utf8'));
    const example = model.card.exampleInput;
    const { errors } = validator.validateFormData(example, schema);
    assert.deepEqual(errors, [], `${model.id} example: ${JSON.stringify(errors)}`);
    // And a wrong value is caught, so the validator is really applying the schema.
    const bad = { ...example, __not_a_field__: 1 };
    assert.ok(validator.validateFormData(bad, schema).errors.length > 0, 'additionalProperties:false is enforced');
  });
}
