package io.driftline.detect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * KSWIN (Kolmogorov–Smirnov WINdowing): a change detector that compares the newest values of a sliding
 * window with a random sample of its older values by a two-sample Kolmogorov–Smirnov test.
 *
 * <p>The detector keeps the last {@code windowSize} values. Once the window is full, every update draws
 * {@code statSize} values without replacement from its first {@code windowSize - statSize} values
 * (CPython's {@code random.sample}, reproduced by {@link PythonRandom}) and runs the exact two-sample KS
 * test ({@link KsTest}, as scipy's {@code ks_2samp}) against its last {@code statSize} values. A drift is
 * signalled when the p-value is at most {@code alpha} and the KS statistic exceeds 0.1.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code alpha} — significance level, in (0,1); default {@value #DEFAULT_ALPHA} (River). The paper
 *       recommends values below 0.01.</li>
 *   <li>{@code windowSize} — sliding window length, at least 2; default {@value #DEFAULT_WINDOW_SIZE}.</li>
 *   <li>{@code statSize} — size of both samples, at least 1 and at most {@code windowSize / 2} (it is
 *       sampled without replacement from the older {@code windowSize - statSize} values) and at most
 *       {@value KsTest#MAX_EXACT_N}; default {@value #DEFAULT_STAT_SIZE}.</li>
 *   <li>{@code seed} — integer seed of the sampling generator, read as CPython's {@code random.Random(seed)};
 *       default {@value #DEFAULT_SEED}. River's default is no seed (OS entropy); Driftline fixes one so that
 *       backtests and replays are reproducible.</li>
 *   <li>{@code afterDrift} — {@code RESET} (default, River): the update after a drift starts from an empty
 *       window and a re-seeded generator; {@code KEEP_RECENT} (the paper and scikit-multiflow): the window
 *       keeps the last {@code statSize} values and the generator continues.</li>
 * </ul>
 *
 * <p>The estimate is the p-value of the last KS test, 0 before the first test (River's {@code p_value});
 * {@link #statistic()} is the last KS statistic. KSWIN never warns.
 *
 * <pre>{@code
 * // River's docstring example, with its CPython random stream rebuilt by PythonRandom
 * PythonRandom rng = new PythonRandom(12345);
 * Kswin kswin = Kswin.fromParams(Map.of("alpha", 0.0001, "seed", 42));
 * int firstDrift = -1;
 * for (int i = 0; i < 2000; i++) {
 *     double x = i < 1000 ? Math.floor(rng.random() * 2) : 4 + Math.floor(rng.random() * 4);
 *     if (kswin.update(x) == DetectorState.DRIFT && firstDrift < 0) {
 *         firstDrift = i;   // 1016, as River prints
 *     }
 * }
 * }</pre>
 *
 * <p>Reference: C. Raab, M. Heusinger, F.-M. Schleif, "Reactive Soft Prototype Computing for Concept Drift
 * Streams", Neurocomputing 416, 2020. Not in MOA; matches River's {@code river.drift.KSWIN}
 * ({@code river/drift/kswin.py}) index for index.
 */
public final class Kswin implements DriftDetector {

    /** What the update after a drift starts from. */
    public enum AfterDrift { RESET, KEEP_RECENT }

    public static final double DEFAULT_ALPHA = 0.005;
    public static final int DEFAULT_WINDOW_SIZE = 100;
    public static final int DEFAULT_STAT_SIZE = 30;
    public static final long DEFAULT_SEED = 42;
    public static final AfterDrift DEFAULT_AFTER_DRIFT = AfterDrift.RESET;
    /** KSWIN's second condition: the KS statistic must exceed this. */
    public static final double MIN_STATISTIC = 0.1;

    static final String ALPHA = "alpha";
    static final String WINDOW_SIZE = "windowSize";
    static final String STAT_SIZE = "statSize";
    static final String SEED = "seed";
    static final String AFTER_DRIFT = "afterDrift";
    private static final Set<String> PARAMETERS = Set.of(ALPHA, WINDOW_SIZE, STAT_SIZE, SEED, AFTER_DRIFT);
    private static final Set<String> AFTER_DRIFT_CHOICES = Set.of("RESET", "KEEP_RECENT");

    private static final int FORMAT_VERSION = 1;

    private final double alpha;
    private final int windowSize;
    private final int statSize;
    private final long seed;
    private final AfterDrift afterDrift;

    private final PythonRandom rng;
    private final double[] window;
    private int head;
    private int count;
    private boolean driftPending;
    private double pValue;
    private double statistic;
    private long observations;

    // scratch, reused by every test
    private final int[] sampleIndex;
    private final int[] pool;
    private final boolean[] selected;
    private final double[] sample;
    private final double[] recent;
    /** p-value by h, filled on first use (it depends only on statSize and h); NaN = not yet computed. */
    private final double[] pValueByH;

    public Kswin() {
        this(DEFAULT_ALPHA, DEFAULT_WINDOW_SIZE, DEFAULT_STAT_SIZE, DEFAULT_SEED, DEFAULT_AFTER_DRIFT);
    }

    public Kswin(double alpha, int windowSize, int statSize, long seed, AfterDrift afterDrift) {
        this.alpha = Params.requireOpenUnit(ALPHA, alpha);
        this.windowSize = Params.requireAtLeast(WINDOW_SIZE, windowSize, 2);
        this.statSize = Params.requireAtLeast(STAT_SIZE, statSize, 1);
        if (statSize >= windowSize) {
            throw new InvalidParameterException(STAT_SIZE,
                    "statSize must be < windowSize (" + windowSize + "), was " + statSize);
        }
        if (2L * statSize > windowSize) {
            throw new InvalidParameterException(STAT_SIZE, "statSize must be <= windowSize / 2 (" + windowSize / 2
                    + "): it is sampled without replacement from the older windowSize - statSize values, was " + statSize);
        }
        if (statSize > KsTest.MAX_EXACT_N) {
            throw new InvalidParameterException(STAT_SIZE, "statSize must be <= " + KsTest.MAX_EXACT_N + ", was " + statSize);
        }
        if (afterDrift == null) {
            throw new InvalidParameterException(AFTER_DRIFT, "afterDrift must be one of KEEP_RECENT, RESET, was null");
        }
        this.seed = seed;
        this.afterDrift = afterDrift;
        this.rng = new PythonRandom(seed);
        this.window = new double[windowSize];
        int older = windowSize - statSize;
        this.sampleIndex = new int[statSize];
        this.pool = new int[older];
        this.selected = new boolean[older];
        this.sample = new double[statSize];
        this.recent = new double[statSize];
        this.pValueByH = new double[statSize + 1];
        java.util.Arrays.fill(pValueByH, Double.NaN);
        clearState();
    }

    /** Builds from user parameters {@code alpha}, {@code windowSize}, {@code statSize}, {@code seed}, {@code afterDrift}. */
    public static Kswin fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMETERS);
        double alpha = p.getDouble(ALPHA, DEFAULT_ALPHA);
        int windowSize = p.getInt(WINDOW_SIZE, DEFAULT_WINDOW_SIZE);
        int statSize = p.getInt(STAT_SIZE, DEFAULT_STAT_SIZE);
        long seed = p.getLong(SEED, DEFAULT_SEED);
        AfterDrift afterDrift = AfterDrift.valueOf(p.getChoice(AFTER_DRIFT, DEFAULT_AFTER_DRIFT.name(), AFTER_DRIFT_CHOICES));
        return new Kswin(alpha, windowSize, statSize, seed, afterDrift);
    }

    public double alpha() {
        return alpha;
    }

    public int windowSize() {
        return windowSize;
    }

    public int statSize() {
        return statSize;
    }

    public long seed() {
        return seed;
    }

    public AfterDrift afterDrift() {
        return afterDrift;
    }

    /** The KS statistic of the last test (0 before the first). */
    public double statistic() {
        return statistic;
    }

    /** Values currently in the window. */
    public int windowCount() {
        return count;
    }

    @Override
    public DetectorState update(double x) {
        if (driftPending) {
            driftPending = false;
            if (afterDrift == AfterDrift.RESET) {
                clearState();
            }
        }
        observations++;
        if (count < windowSize) {
            window[index(count)] = x;
            count++;
        } else {
            window[head] = x;
            head = head + 1 == windowSize ? 0 : head + 1;
        }
        if (count < windowSize) {
            return DetectorState.STABLE;
        }
        int older = windowSize - statSize;
        rng.sampleRange(older, statSize, sampleIndex, pool, selected);
        for (int i = 0; i < statSize; i++) {
            sample[i] = window[index(sampleIndex[i])];
            recent[i] = window[index(older + i)];
        }
        int h = KsTest.maxCountDifference(sample, recent, statSize);
        statistic = KsTest.statistic(statSize, h);
        double p = pValueByH[h];
        if (p != p) {
            p = KsTest.pValue(statSize, h);
            pValueByH[h] = p;
        }
        pValue = p;
        if (pValue <= alpha && statistic > MIN_STATISTIC) {
            keepRecent();
            driftPending = true;
            return DetectorState.DRIFT;
        }
        return DetectorState.STABLE;
    }

    private int index(int r) {
        int i = head + r;
        return i >= windowSize ? i - windowSize : i;
    }

    /** The window becomes its last {@code statSize} values, oldest first at slot 0. */
    private void keepRecent() {
        int older = windowSize - statSize;
        for (int i = 0; i < statSize; i++) {
            recent[i] = window[index(older + i)];
        }
        System.arraycopy(recent, 0, window, 0, statSize);
        head = 0;
        count = statSize;
    }

    /** The p-value of the last KS test; 0 before the first test, as River's {@code p_value}. */
    @Override
    public double estimate() {
        return pValue;
    }

    @Override
    public long observations() {
        return observations;
    }

    @Override
    public void reset() {
        clearState();
    }

    private void clearState() {
        head = 0;
        count = 0;
        driftPending = false;
        pValue = 0;
        statistic = 0;
        rng.seed(seed);
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + 8 * count + 1 + 8 + 8 + PythonRandom.STATE_BYTES);
        out.put((byte) FORMAT_VERSION).putLong(observations).putInt(count);
        for (int r = 0; r < count; r++) {
            out.putDouble(window[index(r)]);
        }
        out.put((byte) (driftPending ? 1 : 0)).putDouble(pValue).putDouble(statistic);
        rng.writeState(out);
        return out.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        try {
            int version = in.get();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported KSWIN snapshot version " + version);
            }
            long obs = in.getLong();
            int n = in.getInt();
            if (n < 0 || n > windowSize) {
                throw new IllegalArgumentException("KSWIN snapshot holds " + n + " values, windowSize is " + windowSize);
            }
            double[] values = new double[n];
            for (int r = 0; r < n; r++) {
                values[r] = in.getDouble();
            }
            boolean pending = in.get() != 0;
            double p = in.getDouble();
            double st = in.getDouble();
            rng.readState(in);
            System.arraycopy(values, 0, window, 0, n);
            head = 0;
            count = n;
            driftPending = pending;
            pValue = p;
            statistic = st;
            observations = obs;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated KSWIN snapshot", e);
        }
    }

    @Override
    public DetectorType type() {
        return DetectorType.KSWIN;
    }

    @Override
    public String toString() {
        return "Kswin[alpha=" + alpha + ", windowSize=" + windowSize + ", statSize=" + statSize + ", seed=" + seed
                + ", afterDrift=" + afterDrift + "]";
    }
}
