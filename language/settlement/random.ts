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
    private s0: number;
    private s1: number;
    private s2: number;
    private s3: number;
    private spare = 0;
    private hasSpare = false;

    /**
     * Any integer seed: the low and high 32-bit halves both feed the state, so seeds above 2^32
     * still differ.
     */
    constructor(seed: number) {
        const low = seed >>> 0;
        const high = Math.floor(Math.abs(seed) / 2 ** 32) >>> 0;
        let state = low ^ Math.imul(high, 0x27d4eb2d);
        const words: number[] = [];
        for (let index = 0; index < 4; index++) {
            const [next, word] = splitmix32(state);
            state = next;
            words.push(word);
        }
        [this.s0, this.s1, this.s2, this.s3] = words;
        if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
            this.s0 = 1; // xoshiro's one forbidden state
        }
    }

    /** The next 32-bit output, as an unsigned integer. */
    nextUint32(): number {
        const s1 = this.s1;
        const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        const t = s1 << 9;
        this.s2 ^= this.s0;
        this.s3 ^= this.s1;
        this.s1 ^= this.s2;
        this.s0 ^= this.s3;
        this.s2 ^= t;
        this.s3 = rotl(this.s3, 11);
        return result >>> 0;
    }

    /** Uniform in [0, 1), in steps of 2^−32. */
    uniform(): number {
        return this.nextUint32() * TWO_TO_MINUS_32;
    }

    /** Standard normal by Box–Muller; u1 is in (0, 1] so the logarithm is finite. */
    normal(): number {
        if (this.hasSpare) {
            this.hasSpare = false;
            return this.spare;
        }
        const u1 = (this.nextUint32() + 1) * TWO_TO_MINUS_32;
        const u2 = this.nextUint32() * TWO_TO_MINUS_32;
        const radius = Math.sqrt(-2 * Math.log(u1));
        const angle = 2 * Math.PI * u2;
        this.spare = radius * Math.sin(angle);
        this.hasSpare = true;
        return radius * Math.cos(angle);
    }
}

function rotl(value: number, shift: number): number {
    return (value << shift) | (value >>> (32 - shift));
}

/**
 * What one Monte Carlo trial draws: the savings rate r = a + b × z (z standard normal; for an
 * expenditure share s = mean + sd × z of B, a = 1 − mean and b = −sd; b = 0 means fixed, no draw),
 * then the quality score (uniform low + span × u, normal mean + sd × z clamped to [0, 1], or
 * fixed). The kernel calls the two methods once per trial, in that order.
 */
export class TrialSampler {
    constructor(
        private readonly random: Random,
        /** a */
        public savingsA: number,
        /** b */
        public savingsB: number,
        /** 0 uniform, 1 normal clamped to [0, 1], 2 fixed. */
        public qualityKind: 0 | 1 | 2,
        /** low, mean or the fixed value. */
        public qualityA: number,
        /** span or sd. */
        public qualityB: number
    ) {}

    /** A sampler that always gives r and Q (single trials). */
    static fixed(savingsRate: number, quality: number): TrialSampler {
        return new TrialSampler(new Random(0), savingsRate, 0, 2, quality, 0);
    }

    savingsRate(): number {
        return this.savingsB === 0 ? this.savingsA : this.savingsA + this.savingsB * this.random.normal();
    }

    quality(): number {
        const kind = this.qualityKind;
        if (kind === 0) {
            return this.qualityA + this.qualityB * this.random.uniform();
        }
        if (kind === 1) {
            const quality = this.qualityA + this.qualityB * this.random.normal();
            return quality < 0 ? 0 : quality > 1 ? 1 : quality;
        }
        return this.qualityA;
    }
}
