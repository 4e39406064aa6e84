/**
 * How a message names what it is about when the name itself may not have parsed: a scenario
 * written without its name, a provider or measure without its ID. Such a node still reaches the
 * checks (the parser recovers), and a message must never read `Scenario "undefined"`.
 */
import type { AstNode } from 'langium';

function lineOf(node: AstNode): number | undefined {
    const line = node.$cstNode?.range.start.line;
    return line === undefined ? undefined : line + 1;
}

/** `scenario "Year 1"`, or `the scenario on line 56` when its name did not parse. */
export function scenarioName(scenario: AstNode & { name?: string }): string {
    if (scenario.name) {
        return `scenario "${scenario.name}"`;
    }
    const line = lineOf(scenario);
    return line === undefined ? 'a scenario without a name' : `the scenario on line ${line}`;
}

/** `provider 'RPC'` (or measure), or `the provider on line 12` when its ID did not parse. */
export function idName(kind: 'provider' | 'measure', node: AstNode & { name?: string }): string {
    if (node.name) {
        return `${kind} '${node.name}'`;
    }
    const line = lineOf(node);
    return line === undefined ? `a ${kind} without an ID` : `the ${kind} on line ${line}`;
}

/** The phrase at the start of a sentence. */
export function sentence(phrase: string): string {
    return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}
