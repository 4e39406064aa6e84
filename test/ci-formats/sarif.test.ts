/**
 * `--format sarif`: the log validates against the SARIF 2.1.0 JSON schema, and each result
 * carries what code scanning needs (rule, level, message, relative URI, 1-based region).
 *
 * The schema: sarif-2.1.0-rtm.5.json beside this file is copied unchanged from the npm package
 * @microsoft/jest-sarif@1.0.0-beta.0 (`lib/schemas/sarif-2.1.0-rtm.5.json`, fetched with
 * `npm pack`; Microsoft's SARIF SDK, MIT). It is SchemaStore's copy of the SARIF 2.1.0 schema
 * (the one `https://json.schemastore.org/sarif-2.1.0.json` serves and GitHub's documentation
 * points to), written in JSON Schema draft-04, whereas the OASIS-published file is the same
 * schema in draft-07. No npm package ships the OASIS file itself. Ajv 8 validates draft-07, so
 * the test renames the draft-04 `id` keyword to `$id` and states draft-07: the schema uses no
 * keyword whose meaning differs between the two drafts (no boolean exclusiveMinimum/Maximum; the
 * test checks that), so nothing else changes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { artifactLocation, sarifLevel, sarifLog } from '../../language/cli/sarif-output.js';
import { loadContracts } from '../../language/cli/contracts.js';
import { collectContractPaths, readContract } from '../../language/cli/files.js';
import { IssueHelp } from '../../language/validation/issue-codes.js';

// ajv-formats is CommonJS; under ESM its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const root = path.resolve(import.meta.dirname, '../..');
const schemaFile = path.join(import.meta.dirname, 'sarif-2.1.0-rtm.5.json');

const BROKEN = `contract "Broken" {
    population { assigned beneficiaries 12,500 benchmark $1,050 per member per month }
    shared savings { sharing rate 175% }
    scenario "s" { savings 3% }
}
`;

function draft07(schema: Record<string, unknown>): Record<string, unknown> {
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/"exclusiveM(in|ax)imum"/);
    const { id, $schema, ...rest } = schema;
    expect($schema).toBe('http://json-schema.org/draft-04/schema#');
    return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest };
}

function validator() {
    const schema = draft07(JSON.parse(fs.readFileSync(schemaFile, 'utf-8')));
    // unicodeRegExp: false: the schema's `language` pattern (`…[a-zA-Z]{2}]?$`) has a stray `]`,
    // legal in an ECMAScript regular expression but not under the `u` flag Ajv uses by default.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(schema);
}

async function loaded() {
    const broken = { display: 'broken.aco', absolute: path.join(process.cwd(), 'test-results', 'sarif', 'broken dir', 'broken.aco'), text: BROKEN };
    const examples = collectContractPaths([path.join(root, 'examples')]).map(readContract);
    return loadContracts([broken, ...examples]);
}

describe('SARIF 2.1.0', () => {
    test('the log validates against the SARIF 2.1.0 schema', async () => {
        const validate = validator();
        const log = sarifLog(await loaded(), '0.1.0');
        const valid = validate(log);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
    });

    test('the schema rejects what code scanning would reject (the check has teeth)', () => {
        const validate = validator();
        expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false); // driver without a name
        expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
        expect(validate({
            version: '2.1.0',
            runs: [{ tool: { driver: { name: 'aco' } }, results: [{ message: { text: 'x' }, level: 'fatal' }] }]
        })).toBe(false);
        expect(validate({
            version: '2.1.0',
            runs: [{ tool: { driver: { name: 'aco' } }, results: [{ message: { text: 'x' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }]
        })).toBe(false);
    });

    test('a result has rule, level, message, a relative forward-slash URI and a 1-based region', async () => {
        const log = sarifLog(await loaded(), '0.1.0') as {
            $schema: string; version: string;
            runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string; defaultConfiguration: { level: string }; fullDescription: { text: string } }> } }; results: Array<Record<string, any>> }>;
        };
        expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        const [run] = log.runs;
        expect(run.tool.driver.name).toBe('aco');
        expect(run.tool.driver.version).toBe('0.1.0');
        const rules = run.tool.driver.rules;
        // Every issue code is a rule, with its help text and default level.
        for (const [code, help] of Object.entries(IssueHelp)) {
            const rule = rules.find((r) => r.id === code);
            expect(rule, code).toBeDefined();
            expect(rule!.fullDescription.text).toBe(help);
        }
        expect(rules.find((r) => r.id === 'percent-range')!.defaultConfiguration.level).toBe('error');
        expect(rules.find((r) => r.id === 'expectation-failed')!.defaultConfiguration.level).toBe('warning');
        const result = run.results.find((r) => r.ruleId === 'percent-range')!;
        expect(result).toMatchObject({
            level: 'error',
            message: { text: '175% is not a valid rate: a rate lies between 0% and 100%.' },
            locations: [{
                physicalLocation: {
                    artifactLocation: { uri: 'test-results/sarif/broken%20dir/broken.aco', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 3, startColumn: 35, endLine: 3 }
                }
            }]
        });
        expect(result.locations[0].physicalLocation.region.endColumn).toBeGreaterThan(35);
        expect(rules[result.ruleIndex].id).toBe('percent-range');
        for (const r of run.results) {
            expect(rules[r.ruleIndex as number].id).toBe(r.ruleId);
        }
    });

    test('severity maps to level; files outside the working directory get a file: URI', () => {
        expect([1, 2, 3, 4, undefined].map(sarifLevel)).toEqual(['error', 'warning', 'note', 'note', 'error']);
        expect(artifactLocation(path.join(process.cwd(), 'examples', 'a b.aco'))).toEqual({ uri: 'examples/a%20b.aco', uriBaseId: '%SRCROOT%' });
        const outside = path.join(os.tmpdir(), 'elsewhere.aco');
        expect(artifactLocation(outside, path.join(os.tmpdir(), 'project')).uri).toBe(`file://${outside}`);
    });
});
