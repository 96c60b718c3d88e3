package io.driftline.detect;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * CUSUM, the cumulative sum test: flags an increase of the mean of a real-valued stream.
 *
 * <p>The detector keeps the running mean {@code m} (including the current value) and the one-sided cumulative
 * sum {@code S = max(0, S + x - m - delta)}, as MOA computes it. From the {@code minInstances - 1}-th value on
 * it signals a drift when {@code S > lambda}, then restarts on the next value. It has no warning zone;
 * {@link #estimate()} is the running mean.
 *
 * <p>Two sums are formed differently from MOA's, to keep divisions and additions off the path from one value to
 * the next: the mean is a compensated sum divided by the count (see {@link CompensatedSum}) rather than MOA's
 * incremental update, and {@code S + ((x - m) - delta)} is added in that order rather than
 * {@code ((S + x) - m) - delta}. Both agree with MOA's to within ulps, and the decisions are MOA's, position
 * for position (checked against MOA on random streams).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code minInstances} (default {@value #DEFAULT_MIN_INSTANCES}): values needed before the test starts;</li>
 *   <li>{@code delta} (default {@value #DEFAULT_DELTA}): magnitude of change tolerated, &gt;= 0;</li>
 *   <li>{@code lambda} (default {@value #DEFAULT_LAMBDA}): detection threshold, &gt; 0.</li>
 * </ul>
 *
 * <pre>{@code
 * Cusum cusum = Cusum.fromParams(Map.of("lambda", 50));
 * DetectorState state = DetectorState.STABLE;
 * int i = 0;
 * for (; i < 2000 && state != DetectorState.DRIFT; i++) {
 *     state = cusum.update(i < 1000 ? 0.0 : 1.0);
 * }
 * // state == DRIFT about 50 values after the mean steps from 0 to 1 at value 1000
 * }</pre>
 *
 * <p>Page, E. S. (1954). Continuous Inspection Schemes. Biometrika 41(1/2), 100-115. Matches MOA 2024.07.0
 * {@code moa.classifiers.core.driftdetection.CusumDM}.
 */
public final class Cusum implements DriftDetector {
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_DELTA = 0.005;
    public static final double DEFAULT_LAMBDA = 50;

    private static final Set<String> PARAMS = Set.of("minInstances", "delta", "lambda");
    private static final byte TAG = 'C';
    /** Version 1 held MOA's running mean, version 2 the compensated sum of the values. */
    private static final int SNAPSHOT_SIZE_V1 = 2 + 8 * 4 + 8 + 1;
    private static final int SNAPSHOT_SIZE = 2 + 8 * 5 + 8 + 1;

    private final int minInstances;
    /** {@code minInstances} as the double {@link #n} is compared with, so the update converts nothing. */
    private final double minInstancesAsDouble;
    private final double delta;
    private final double lambda;

    /** Values since the last reset, kept as a double (exact below 2^53) so the hot path has no int-to-double conversion. */
    private double n;
    /** The mean after the last value; also the estimate, as in MOA. */
    private double mean;
    private final CompensatedSum total = new CompensatedSum();
    private double sum;
    private long observations;
    private boolean drifted;

    /** A CUSUM test with MOA's defaults. */
    public Cusum() {
        this(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_LAMBDA);
    }

    /** @throws InvalidParameterException naming the first parameter out of range */
    public Cusum(int minInstances, double delta, double lambda) {
        this.minInstances = Params.requireAtLeast("minInstances", minInstances, 0);
        this.minInstancesAsDouble = minInstances;
        this.delta = Params.requireNonNegative("delta", delta);
        this.lambda = Params.requirePositive("lambda", lambda);
        reset();
    }

    /** Builds a CUSUM test from {@code minInstances}, {@code delta}, {@code lambda}; others are rejected. */
    public static Cusum fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMS);
        return new Cusum(p.getInt("minInstances", DEFAULT_MIN_INSTANCES), p.getDouble("delta", DEFAULT_DELTA),
                p.getDouble("lambda", DEFAULT_LAMBDA));
    }

    public int minInstances() {
        return minInstances;
    }

    public double delta() {
        return delta;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public DetectorState update(double x) {
        observations++;
        if (drifted) {
            restart();
        }
        total.add(x);
        double m = total.value() / n;
        double s = Math.max(0, sum + (x - m - delta));
        mean = m;
        sum = s;
        n++;
        boolean drift = n >= minInstancesAsDouble && s > lambda;
        drifted = drift;
        return drift ? DetectorState.DRIFT : DetectorState.STABLE;
    }

    private void restart() {
        n = 1;
        mean = 0;
        total.clear();
        sum = 0;
    }

    @Override
    public double estimate() {
        return mean;
    }

    @Override
    public long observations() {
        return observations;
    }

    /** Back to the state of a new detector, {@link #observations()} included. */
    @Override
    public void reset() {
        restart();
        observations = 0;
        drifted = false;
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer b = DetectorSnapshots.create(SNAPSHOT_SIZE, TAG, 2);
        b.putLong((long) n).putDouble(total.sum()).putDouble(total.error()).putDouble(sum).putDouble(mean);
        b.putLong(observations);
        b.put((byte) (drifted ? 1 : 0));
        return b.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer b = DetectorSnapshots.open(snapshot, TAG, DetectorType.CUSUM, SNAPSHOT_SIZE_V1, SNAPSHOT_SIZE);
        n = b.getLong();
        if (DetectorSnapshots.version(snapshot) == 1) {
            total.setToMean(b.getDouble(), n - 1);
        } else {
            total.set(b.getDouble(), b.getDouble());
        }
        sum = b.getDouble();
        mean = b.getDouble(); // the estimate, the mean of the last update
        observations = b.getLong();
        drifted = b.get() != 0;
    }

    @Override
    public DetectorType type() {
        return DetectorType.CUSUM;
    }

    @Override
    public String toString() {
        return "CUSUM(minInstances=" + minInstances + ", delta=" + delta + ", lambda=" + lambda + ")";
    }
}
