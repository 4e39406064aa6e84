/**
 * The payment streams of a settled year, read from the engine's ledger (`Settlement.ledger`):
 * capitation net of the withhold, what quality returns, clawbacks, advance investment paid and
 * recouped, shared savings or owed losses, and what the payer keeps. Each stream is one row with
 * a stable key, a label in words and a signed amount (to the ACO positive, to the payer negative;
 * what the payer keeps back never reached the ACO and counts in no total). The summary's tables
 * and the diff's payout impact both read these rows, so neither can leave a stream out.
 */
import { ZERO, type Dec } from '../decimal.js';
import type { LedgerEntry, Settlement } from '../settlement/settlement-types.js';

export interface StreamRow {
    /** Stable across versions of a contract: stream, timing and provider. */
    key: string;
    label: string;
    /** To the ACO positive, to the payer negative; what the payer keeps back is positive with `kept`. */
    amount: Dec;
    /** The payer keeps this back: shown, but not part of the net. */
    kept: boolean;
}

const STREAM_WORDS: Readonly<Record<string, string>> = {
    capitation: 'Capitation after the withhold',
    'care coordination fee': 'Care coordination fee after the withhold',
    'capitation withhold': 'Withheld from capitation',
    'withhold returned': 'Withhold returned by quality',
    clawback: 'Clawed back',
    'advance investment': 'Advance investment',
    'shared savings': 'Shared savings',
    sequestration: 'Sequestration',
    'owed losses': 'Owed losses',
    'advance investment recouped': 'Advance investment recouped',
    'quality bonus': 'Quality bonus',
    'block payment': 'Block payment of the benchmark',
    reconciliation: 'Reconciliation against spending',
    'stop-loss premium': 'Stop-loss premium',
    'stop-loss reimbursement': 'Stop-loss reimbursement'
};

function labelOf(entry: LedgerEntry): string {
    const words = STREAM_WORDS[entry.stream] ?? entry.stream.charAt(0).toUpperCase() + entry.stream.slice(1);
    const timing = entry.stream === 'advance investment' ? (entry.timing === 'at start' ? ', one-time' : entry.timing === 'quarterly' ? ', quarterly' : '') : '';
    const kept = entry.direction === 'kept by payer' ? ', kept by the payer' : '';
    const who = entry.provider ? ` (${entry.provider})` : '';
    return `${words}${timing}${kept}${who}`;
}

/** The year's streams in the ledger's order, one row per stream, timing and provider. */
export function streamRows(settlement: Settlement): StreamRow[] {
    const rows = new Map<string, StreamRow>();
    for (const entry of settlement.ledger?.entries ?? []) {
        const key = [entry.stream, entry.timing, entry.provider ?? ''].join('|');
        const signed = entry.direction === 'to payer' ? entry.amount.negated() : entry.amount;
        const row = rows.get(key);
        if (row) {
            row.amount = row.amount.plus(signed);
        } else {
            rows.set(key, { key, label: labelOf(entry), amount: signed, kept: entry.direction === 'kept by payer' });
        }
    }
    return [...rows.values()];
}

/** Net cash to the ACO: the ledger's figure, or earned when the settlement has no ledger. */
export function netCash(settlement: Settlement): Dec {
    return settlement.ledger?.netToAco ?? settlement.earned ?? ZERO;
}
