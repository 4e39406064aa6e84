/**
 * The seeded random numbers of Monte Carlo: xoshiro128** (Blackman and Vigna, 2018), a small,
 * fast generator with a 2^128 − 1 period and good statistical quality, on 32-bit integer
 * arithmetic that JavaScript does exactly (Math.imul, >>>). The state is seeded from the
 * contract's `seed` through splitmix32, so one seed always gives the same sequence on every
 * platform. Normal draws use the Box–Muller transform, keeping the second value of each pair.
 */

const TWO_TO_MINUS_32 = 2 ** -32;

/** splitmix32 step: spreads a seed into well-mixed state words. */
function splitmix32(state: number): [number, number] {
    const next = (state + 0x9e3779b9) | 0;
    let z = next;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return [next, z];
}

export class Random {
    /**
     * The four state words in an Int32Array: typed-array elements stay unboxed 32-bit integers,
     * so the state never leaves 32-bit integer form (object fields may box large values).
     */
    private readonly state = new Int32Array(4);
    /** The second normal of the last Box–Muller pair, and whether it is unused (1) or not (0). */
    private readonly spare = new Float64Array(2);

    /**
     * Any integer seed: the low and high 32-bit halves both feed the state, so seeds above 2^32
     * still differ.
     */
    constructor(seed: number) {
        const low = seed >>> 0;
        const high = Math.floor(Math.abs(seed) / 2 ** 32) >>> 0;
        let mix = low ^ Math.imul(high, 0x27d4eb2d);
        for (let index = 0; index < 4; index++) {
            const [next, word] = splitmix32(mix);
            mix = next;
            this.state[index] = word;
        }
        if ((this.state[0] | this.state[1] | this.state[2] | this.state[3]) === 0) {
            this.state[0] = 1; // xoshiro's one forbidden state
        }
    }

    /** The next 32-bit output, as an unsigned integer. */
    nextUint32(): number {
        const state = this.state;
        const s0 = state[0];
        const s1 = state[1];
        const s2 = state[2] ^ s0;
        const s3 = state[3] ^ s1;
        const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        state[0] = s0 ^ s3;
        state[1] = s1 ^ s2;
        state[2] = s2 ^ (s1 << 9);
        state[3] = rotl(s3, 11);
        return result >>> 0;
    }

    /** Uniform in [0, 1), in steps of 2^−32. */
    uniform(): number {
        return this.nextUint32() * TWO_TO_MINUS_32;
    }

    /** Standard normal by Box–Muller; u1 is in (0, 1] so the logarithm is finite. */
    normal(): number {
        const spare = this.spare;
        if (spare[1] === 1) {
            spare[1] = 0;
            return spare[0];
        }
        const u1 = (this.nextUint32() + 1) * TWO_TO_MINUS_32;
        const u2 = this.nextUint32() * TWO_TO_MINUS_32;
        const radius = Math.sqrt(-2 * Math.log(u1));
        const angle = 2 * Math.PI * u2;
        spare[0] = radius * Math.sin(angle);
        spare[1] = 1;
        return radius * Math.cos(angle);
    }
}

function rotl(value: number, shift: number): number {
    return (value << shift) | (value >>> (32 - shift));
}

