package io.driftline.learn;

/**
 * The linear congruential generator specified by {@link java.util.Random}'s documentation, with its
 * 48-bit state readable so that a learner's snapshot can carry it. It yields exactly the numbers
 * {@code new java.util.Random(seed)} yields, which is what MOA's learners draw from.
 */
final class SeededRandom {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    SeededRandom(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
    }

    private SeededRandom() {
    }

    static SeededRandom fromState(long state) {
        SeededRandom r = new SeededRandom();
        r.state = state & MASK;
        return r;
    }

    long state() {
        return state;
    }

    private int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
    }

    /** A Poisson draw by inversion, as MOA's {@code MiscUtils.poisson} does for lambda below 100. */
    int poisson(double lambda) {
        double product = 1.0;
        double sum = 1.0;
        double threshold = nextDouble() * Math.exp(lambda);
        int i = 1;
        int max = Math.max(100, 10 * (int) Math.ceil(lambda));
        while (i < max && sum <= threshold) {
            product *= lambda / i;
            sum += product;
            i++;
        }
        return i - 1;
    }
}
