/**
 * `aco test --format junit`: one <testsuite> per file, one <testcase> per expectation, failures
 * as <failure message="expected X, got Y">, a contract with errors as one failing test case;
 * well-formed, escaped XML whose counts add up.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { escapeXml, junitXml } from '../../language/cli/junit-output.js';
import { loadContracts } from '../../language/cli/contracts.js';

const root = path.resolve(import.meta.dirname, '../..');
const spec = fs.readFileSync(path.join(root, 'test/data/spec-contract.aco'), 'utf-8');

/** The spec contract with a second, failing scenario whose name needs escaping. */
const FAILING = spec.replace(/(\n {4}uncertainty \{)/, (uncertainty) => `
    scenario "Q1 <draft> & \\"best\\" case" {
        savings 3%
        quality score 80%
        expect earned $1
        expect provider LFM receives $2 within $0.50
    }
${uncertainty}`);

const BROKEN = `contract "Broken <x>" {
    shared savings { sharing rate 175% }
}
`;

function file(name: string, text: string) {
    return { display: `contracts/${name}`, absolute: path.join(os.tmpdir(), 'aco-junit-test', name), text };
}

interface Element {
    name: string;
    attributes: Record<string, string>;
    children: Element[];
    text: string;
}

/** A small, strict XML reader: balanced tags, quoted attributes, only the five entities. */
function parseXml(xml: string): Element {
    const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
    expect(body).not.toMatch(/<\?/);
    const root: Element = { name: '#document', attributes: {}, children: [], text: '' };
    const stack: Element[] = [root];
    const token = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
    const unescape = (text: string): string => {
        expect(text.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/[&<>]/);
        return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    };
    let consumed = 0;
    for (const match of body.matchAll(token)) {
        consumed += match[0].length;
        const [, closing, name, attributeText, selfClosing, text] = match;
        const top = stack[stack.length - 1];
        if (text !== undefined) {
            top.text += unescape(text);
            continue;
        }
        if (closing) {
            expect(top.name, `</${name}> closes <${top.name}>`).toBe(name);
            stack.pop();
            continue;
        }
        const attributes: Record<string, string> = {};
        for (const [, key, value] of (attributeText ?? '').matchAll(/([\w.-]+)="([^"]*)"/g)) {
            expect(attributes[key], `duplicate attribute ${key}`).toBeUndefined();
            attributes[key] = unescape(value);
        }
        const element: Element = { name, attributes, children: [], text: '' };
        top.children.push(element);
        if (!selfClosing) {
            stack.push(element);
        }
    }
    expect(consumed, 'every character is part of a tag or text').toBe(body.length);
    expect(stack.map((e) => e.name)).toEqual(['#document']);
    expect(root.children.filter((c) => c.name !== '#text')).toHaveLength(1);
    return root.children[0];
}

describe('JUnit XML', () => {
    test('suites, cases and failures, with counts that add up', async () => {
        const contracts = await loadContracts([file('spec.aco', spec), file('failing.aco', FAILING), file('broken.aco', BROKEN)]);
        const xml = junitXml(contracts);
        const suites = parseXml(xml);
        expect(suites.name).toBe('testsuites');
        expect(suites.children.map((s) => s.attributes.name)).toEqual(['contracts/spec.aco', 'contracts/failing.aco', 'contracts/broken.aco']);

        const [passing, failing, broken] = suites.children;
        expect(passing.attributes).toMatchObject({ tests: '2', failures: '0', errors: '0' });
        expect(passing.children.map((c) => c.attributes.name)).toEqual(['Expected year: earned', 'Expected year: provider RPC receives']);
        expect(passing.children.every((c) => c.attributes.classname === 'contracts/spec.aco' && c.children.length === 0)).toBe(true);

        expect(failing.attributes).toMatchObject({ tests: '4', failures: '2' });
        const failed = failing.children.filter((c) => c.children.some((f) => f.name === 'failure'));
        expect(failed.map((c) => c.attributes.name)).toEqual([
            'Q1 <draft> & "best" case: earned',
            'Q1 <draft> & "best" case: provider LFM receives'
        ]);
        const failure = failed[0].children[0];
        expect(failure.attributes.message).toMatch(/^expected \$1\.00, got \$[\d,]+\.\d\d$/);
        expect(failure.attributes.type).toBe('expectation-failed');
        expect(failure.text).toContain('scenario "Q1 <draft> & "best" case" expected $1.00');
        expect(failed[1].children[0].text).toContain('(within $0.50)');
        expect(failed[0].attributes.line).toMatch(/^\d+$/);

        expect(broken.attributes).toMatchObject({ tests: '1', failures: '1' });
        const [contractCase] = broken.children;
        expect(contractCase.attributes.name).toBe('contract is valid');
        expect(contractCase.children[0].attributes.message).toBe('the contract has 1 error');
        expect(contractCase.children[0].text).toContain('contracts/broken.aco:2:35: error: 175% is not a valid rate');

        const total = suites.children.reduce((n, s) => n + Number(s.attributes.tests), 0);
        const failures = suites.children.reduce((n, s) => n + Number(s.attributes.failures), 0);
        expect(suites.attributes).toMatchObject({ tests: String(total), failures: String(failures) });
        expect([total, failures]).toEqual([7, 3]);
        for (const suite of suites.children) {
            expect(suite.children).toHaveLength(Number(suite.attributes.tests));
        }
    });

    test('escapeXml escapes markup and drops characters XML forbids', () => {
        expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
        expect(escapeXml('bell\u0007 tab\t')).toBe('bell tab\t');
    });
});
