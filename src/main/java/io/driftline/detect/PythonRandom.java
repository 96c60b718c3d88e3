package io.driftline.detect;

import java.nio.ByteBuffer;

/**
 * CPython's {@code random.Random} for integer seeds: the MT19937 generator seeded through
 * {@code init_by_array} with the 32-bit words of {@code |seed|}, {@code random()}, {@code getrandbits(k)}
 * for {@code k <= 32}, {@code _randbelow(n)} and {@code sample(range(n), k)} with CPython's choice
 * between a pool and a set of selected indices. It draws exactly the numbers CPython 3 draws for the same
 * seed, so River's KSWIN can be reproduced.
 *
 * <p>Not thread-safe; {@link #sampleRange} allocates nothing (it uses caller-provided scratch arrays).
 */
public final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private final int[] key = new int[2];
    private int index;

    /** {@code random.Random(seed)}; a negative seed is used by its absolute value, as CPython does. */
    public PythonRandom(long seed) {
        seed(seed);
    }

    /** Re-seeds as {@code random.seed(seed)} with an int seed; allocation-free. */
    public void seed(long seed) {
        // abs(seed) as an unsigned 64-bit number split into little-endian 32-bit words; 0 gives one word.
        long magnitude = seed < 0 ? -seed : seed; // Long.MIN_VALUE stays 2^63 read as unsigned
        key[0] = (int) magnitude;
        key[1] = (int) (magnitude >>> 32);
        initByArray(key[1] != 0 ? 2 : 1);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int keyLength) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, keyLength); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= keyLength) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        index = N;
    }

    /** The next raw 32-bit output ({@code genrand_uint32}), as an unsigned value in an int. */
    public int nextInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        int kk = 0;
        int y;
        for (; kk < N - M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        for (; kk < N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        index = 0;
    }

    /** {@code random()}: a double in [0,1) with 53 random bits. */
    public double random() {
        int a = nextInt32() >>> 5;
        int b = nextInt32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code getrandbits(k)} for {@code 0 <= k <= 32}. */
    public long getrandbits(int k) {
        if (k < 0 || k > 32) {
            throw new IllegalArgumentException("k must be in [0,32], was " + k);
        }
        if (k == 0) {
            return 0;
        }
        return (nextInt32() & 0xffffffffL) >>> (32 - k);
    }

    /** {@code _randbelow(n)}: uniform in [0, n) by rejection on {@code getrandbits(n.bit_length())}. */
    public int randbelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, was " + n);
        }
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /**
     * CPython's set-size threshold of {@code sample}: below or at it, {@code sample} draws from a shrinking
     * pool, above it it rejects repeated indices.
     */
    static int sampleSetSize(int k) {
        int setsize = 21;
        if (k > 5) {
            setsize += (int) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
        }
        return setsize;
    }

    /**
     * {@code sample(range(n), k)} into {@code out[0..k)}. {@code pool} needs {@code n} ints and
     * {@code selected} {@code n} booleans (all false; left all false); nothing is allocated.
     */
    public void sampleRange(int n, int k, int[] out, int[] pool, boolean[] selected) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("Sample larger than population or is negative");
        }
        if (n <= sampleSetSize(k)) {
            for (int i = 0; i < n; i++) {
                pool[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = randbelow(n - i);
                out[i] = pool[j];
                pool[j] = pool[n - i - 1];
            }
        } else {
            for (int i = 0; i < k; i++) {
                int j = randbelow(n);
                while (selected[j]) {
                    j = randbelow(n);
                }
                selected[j] = true;
                out[i] = j;
            }
            for (int i = 0; i < k; i++) {
                selected[out[i]] = false;
            }
        }
    }

    /** Convenience allocating form of {@link #sampleRange(int, int, int[], int[], boolean[])}. */
    public int[] sampleRange(int n, int k) {
        int[] out = new int[k];
        sampleRange(n, k, out, new int[n], new boolean[n]);
        return out;
    }

    /** Bytes of {@link #writeState}: the 624 state words and the position. */
    static final int STATE_BYTES = (N + 1) * 4;

    void writeState(ByteBuffer out) {
        for (int w : mt) {
            out.putInt(w);
        }
        out.putInt(index);
    }

    void readState(ByteBuffer in) {
        int[] words = new int[N];
        for (int i = 0; i < N; i++) {
            words[i] = in.getInt();
        }
        int idx = in.getInt();
        if (idx < 0 || idx > N) {
            throw new IllegalArgumentException("corrupt random state: index " + idx);
        }
        System.arraycopy(words, 0, mt, 0, N);
        index = idx;
    }
}
