/**
 * An edit re-settles only what it changed: a scenario whose terms and whose contract's terms are
 * unchanged keeps its settlement from the document's previous version, and every figure read from
 * a reused settlement is the figure a fresh settlement of the new text gives.
 */
import * as fs from 'node:fs';
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { ContractAnalysis } from '../../language/analysis/contract-analysis.js';
import { sameData } from '../../language/analysis/settlement-reuse.js';
import { Dec } from '../../language/decimal.js';
import type { Settlement } from '../../language/settlement/settlement-types.js';
import { aco, openDocument as open } from '../helpers.js';

const spec = fs.readFileSync(new URL('../data/spec-contract.aco', import.meta.url), 'utf-8');
const agreement = fs.readFileSync(new URL('../../examples/mssp-enhanced-agreement-2025.aco', import.meta.url), 'utf-8');

/** The spec contract with a second scenario after the first. */
const twoScenarios = spec.replace('    uncertainty {', `    scenario "Lean year" {
        expenditure $990.00 per member per month
        quality score 90%
    }

    uncertainty {`);


function analysisOf(document: LangiumDocument): ContractAnalysis {
    return aco.analysis.ContractAnalyzer.analyze(document)!;
}

/** What a reader sees of a settlement: every step's figure, line and sentence, the shares and the expectations. */
function figures(settlement: Settlement | undefined): unknown {
    expect(settlement).toBeDefined();
    const s = settlement!;
    return {
        earned: s.earned.toString(),
        steps: s.steps.map(step => [step.step, step.amount?.toString(), step.rate?.toString(), step.line, step.explanation]),
        capitation: s.capitation.map(c => [c.service, c.provider, c.paid.toString(), c.line]),
        shares: s.distribution?.providers.map(share => JSON.stringify(share)),
        expectations: s.expectations.map(e => [e.line, e.actual.toString(), e.passed])
    };
}

/** Figures of scenario `index` settled afresh from `text` in a document of its own. */
async function fresh(text: string, index: number): Promise<unknown> {
    return figures(analysisOf(await open(text)).settlement(index));
}

describe('settlements reused across edits', () => {
    test('an edit inside one scenario re-settles that scenario alone', async () => {
        const uri = 'file:///reuse-scenario.aco';
        const before = analysisOf(await open(twoScenarios, uri));
        const expected = before.settlement(0);
        const lean = before.settlement(1);

        const edited = twoScenarios.replace('expenditure $990.00', 'expenditure $980.00');
        const after = analysisOf(await open(edited, uri));
        expect(after).not.toBe(before);
        expect(after.settlement(0)).toBe(expected);
        expect(after.settlement(1)).not.toBe(lean);
        expect(after.settlement(1)!.earned.greaterThan(lean!.earned)).toBe(true);
        expect(figures(after.settlement(0))).toEqual(await fresh(edited, 0));
        expect(figures(after.settlement(1))).toEqual(await fresh(edited, 1));
    });

    test('an edit through a version that settled nothing still reuses the version before it', async () => {
        const uri = 'file:///reuse-through-error.aco';
        const before = analysisOf(await open(twoScenarios, uri));
        const lean = before.settlement(1);
        // A typo mid-edit: that version settles nothing. Mending it differently re-settles scenario 0 only.
        const typo = await open(twoScenarios.replace('expenditure $1,018.50', 'expenditure $10,018.50'), uri);
        expect((typo.diagnostics ?? []).some(d => d.severity === 1)).toBe(true);
        analysisOf(typo);
        const edited = twoScenarios.replace('expenditure $1,018.50', 'expenditure $1,008.50');
        const after = analysisOf(await open(edited, uri));
        expect(after.settlement(1)).toBe(lean);
        expect(figures(after.settlement(0))).toEqual(await fresh(edited, 0));
        expect(figures(after.settlement(1))).toEqual(await fresh(edited, 1));
    });

    test('an edit to the contract\'s terms re-settles every scenario', async () => {
        const uri = 'file:///reuse-terms.aco';
        const before = analysisOf(await open(twoScenarios, uri));
        const expected = before.settlement(0)!;
        const lean = before.settlement(1)!;

        const edited = twoScenarios.replace('        sharing rate 75%', '        sharing rate 70%');
        const after = analysisOf(await open(edited, uri));
        expect(after.settlement(0)).not.toBe(expected);
        expect(after.settlement(1)).not.toBe(lean);
        expect(after.settlement(1)!.earned.lessThan(lean.earned)).toBe(true);
        expect(figures(after.settlement(0))).toEqual(await fresh(edited, 0));
        expect(figures(after.settlement(1))).toEqual(await fresh(edited, 1));
    });

    test('a line added above a scenario moves its waterfall\'s lines, so it is settled again', async () => {
        const uri = 'file:///reuse-lines.aco';
        const before = analysisOf(await open(twoScenarios, uri));
        const lean = before.settlement(1)!;

        const edited = twoScenarios.replace('    scenario "Lean year" {', '\n    scenario "Lean year" {');
        const after = analysisOf(await open(edited, uri));
        expect(after.settlement(1)).not.toBe(lean);
        expect(after.settlement(1)!.scenarioLine).toBe(lean.scenarioLine + 1);
        expect(figures(after.settlement(1))).toEqual(await fresh(edited, 1));
    });

    test('a validation pass reuses the checks of unchanged scenarios, and failed expectations still fail', async () => {
        const uri = 'file:///reuse-expect.aco';
        const failing = twoScenarios.replace('expect earned $2,135,818.13', 'expect earned $1.00');
        const first = await open(failing, uri);
        const failure = (document: LangiumDocument): string[] => (document.diagnostics ?? []).filter(d => d.code === 'expectation-failed').map(d => String(d.message));
        expect(failure(first)).toHaveLength(1);
        const checked = analysisOf(first).check(0);

        const second = await open(failing.replace('quality score 90%', 'quality score 85%'), uri);
        expect(analysisOf(second).check(0)).toBe(checked);
        expect(failure(second)).toEqual(failure(first));
    });

    test('a scenario that cannot be settled keeps its reason, and its error, when another is edited', async () => {
        const uri = 'file:///reuse-unsettled.aco';
        // No assigned beneficiaries: the MSSP preset's variable minimum savings rate cannot be found.
        const text = 'contract "V" {\n    program MSSP track 1 year 2018\n    population { benchmark $100,000,000 total }\n'
            + '    scenario "s" { expenditure $95,000,000 total quality score 90% }\n    scenario "t" { expenditure $96,000,000 total quality score 90% }\n}\n';
        const cannot = (document: LangiumDocument): string[] => (document.diagnostics ?? []).filter(d => d.code === 'cannot-settle').map(d => `${d.range.start.line}: ${d.message}`);
        const first = await open(text, uri);
        expect(cannot(first)).toHaveLength(2);
        const reason = analysisOf(first).unsettled.get(0);
        expect(reason).toMatch(/assigned beneficiaries/);

        const second = await open(text.replace('$96,000,000', '$97,000,000'), uri);
        expect(analysisOf(second).unsettled.get(0)).toBe(reason);
        expect(cannot(second)).toEqual(cannot(first));
    });
});

describe('projections reused across edits', () => {
    test('a projection is kept through an edit of a scenario, and settled again when a year of it changes', async () => {
        const uri = 'file:///reuse-projection.aco';
        const before = analysisOf(await open(agreement, uri));
        const projected = before.projection(0)!;
        expect(projected.totalEarned.toFixed(2)).toBe('13449967.94');

        const scenarioEdit = agreement.replace('expenditure $1,140.00', 'expenditure $1,130.00');
        const afterScenario = analysisOf(await open(scenarioEdit, uri));
        expect(afterScenario.projection(0)).toBe(projected);

        const yearEdit = scenarioEdit.replace('savings 4%\n', 'savings 5%\n');
        const afterYear = analysisOf(await open(yearEdit, uri));
        const again = afterYear.projection(0)!;
        expect(again).not.toBe(projected);
        expect(again.totalEarned.greaterThan(projected.totalEarned)).toBe(true);
        expect(again.totalEarned.toFixed(2)).toBe(analysisOf(await open(yearEdit)).projection(0)!.totalEarned.toFixed(2));
    });
});

describe('what counts as the same terms', () => {
    test('decimals by value and sign, maps in order, an undefined property as none, other objects by identity', () => {
        expect(sameData({ rate: new Dec('0.50') }, { rate: new Dec('0.5') })).toBe(true);
        expect(sameData({ rate: new Dec('0.5') }, { rate: new Dec('0.51') })).toBe(false);
        expect(sameData(new Dec('-0'), new Dec('0'))).toBe(false);
        expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
        expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
        expect(sameData(new Map([['M1', new Dec(1)]]), new Map([['M1', new Dec(1)]]))).toBe(true);
        expect(sameData(new Map([['M1', new Dec(1)]]), new Map([['M2', new Dec(1)]]))).toBe(false);
        expect(sameData([1, 2], [2, 1])).toBe(false);
        expect(sameData(new Date(0), new Date(1))).toBe(false);
        expect(sameData({ line: 3, scenarios: [1] }, { line: 3, scenarios: [2] }, new Set(['scenarios']))).toBe(true);
    });
});
