/**
 * A quality bonus pool beside shared savings (`quality bonus { pool … paid … }`): the pool (a
 * share of the benchmark B, or an amount) × the quality score, or in full, when the quality
 * standard is met; nothing otherwise. Rounded like every settled amount; never part of earned.
 */
import type { Dec } from '../decimal.js';
import { ZERO } from '../decimal.js';
import type { ContractModel, Rounding } from '../model/contract-model.js';
import { moneyText, percentText } from './explain.js';
import { roundMoney } from './rounding.js';
import { addStep, type Steps } from './waterfall.js';

export function qualityBonus(model: ContractModel, benchmark: Dec, quality: Dec, standardMet: boolean, rounding: Rounding, steps: Steps): Dec | undefined {
    const terms = model.qualityBonus;
    const pool = terms?.pool;
    if (!terms || !pool) {
        return undefined;
    }
    const money = (amount: Dec) => moneyText(amount, model.currency);
    const size = pool.kind === 'rate' ? benchmark.times(pool.rate) : pool.amount;
    const poolText = pool.kind === 'rate' ? `${percentText(pool.rate)} of the benchmark, ${money(size)}` : money(size);
    const paid = standardMet ? roundMoney(terms.byScore ? size.times(quality) : size, rounding) : ZERO;
    addStep(
        steps,
        'quality bonus',
        () => (!standardMet
            ? `Quality bonus pool ${poolText}: nothing is paid because the quality standard is not met.`
            : terms.byScore
              ? `Quality bonus pool ${poolText} × quality score ${percentText(quality)} = ${money(paid)}, paid beside the shared savings.`
              : `Quality bonus pool ${poolText}, paid in full because the quality standard is met.`),
        pool.line,
        { amount: paid }
    );
    return paid;
}
