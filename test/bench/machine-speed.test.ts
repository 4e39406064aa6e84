/**
 * The benchmarks' report of how steady the machine was: a group measured while the host slowed
 * the machine is flagged, one measured on a steady machine is not.
 */
import { describe, expect, test } from 'vitest';
import { probeOnce, steadiness, steadinessLine, type Probe } from '../../bench/machine-speed.js';

/** Probes 200 ms apart from t = 1,000 ms, with these CPU times. */
function probes(times: number[]): Probe[] {
    return times.map((ms, i) => ({ at: 1_000 + i * 200, ms }));
}

describe('machine steadiness', () => {
    test('a steady window is measured against the fastest probe of the whole run', () => {
        const run = probes([3, 3.3, 3, 3.1, 2.5, 9, 12, 3]);
        // The first four probes (1,000–1,600 ms): steady, but the run's best is 2.5 ms (later).
        const s = steadiness(run, 1_000, 1_600)!;
        expect(s.probes).toBe(4);
        expect(s.typicalSlowdown).toBeCloseTo(3.1 / 2.5, 6);
        expect(s.worstSlowdown).toBeCloseTo(3.3 / 2.5, 6);
        expect(s.slowShare).toBe(0);
    });

    test('a window with a slow spell counts the share of probes at half speed or less', () => {
        const run = probes([3, 3.3, 3, 3.1, 2.5, 9, 12, 3]);
        const s = steadiness(run, 1_800, 2_400)!;
        expect(s.probes).toBe(4);
        // 9 and 12 ms are at least twice 2.5 ms; 2.5 and 3 are not.
        expect(s.slowShare).toBe(0.5);
        expect(s.worstSlowdown).toBeCloseTo(12 / 2.5, 6);
        expect(steadinessLine(s)).toContain('half speed or less 50% of the time (4 probes)');
    });

    test('a window no probe fell in is reported as not measured', () => {
        expect(steadiness(probes([3, 3]), 5_000, 6_000)).toBeUndefined();
        expect(steadinessLine(undefined)).toContain('not measured');
    });

    test('the probe measures CPU time of real work', () => {
        const ms = probeOnce();
        expect(ms).toBeGreaterThan(0);
        expect(Number.isFinite(ms)).toBe(true);
    });
});
