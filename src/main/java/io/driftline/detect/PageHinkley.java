package io.driftline.detect;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * Page-Hinkley test: flags an increase of the mean of a real-valued stream.
 *
 * <p>The detector keeps the running mean {@code m} (including the current value) and the fading cumulative
 * deviation {@code S = alpha * S + (x - m - delta)}, with no clamp and no running minimum, as MOA computes it.
 * The mean is a compensated sum divided by the count rather than MOA's incremental update (see
 * {@link CompensatedSum}): the same mean to within ulps and the same decisions, position for position.
 * From the {@code minInstances - 1}-th value on it signals a drift when {@code S > lambda}, then restarts on
 * the next value. It has no warning zone; {@link #estimate()} is the running mean.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code minInstances} (default {@value #DEFAULT_MIN_INSTANCES}): values needed before the test starts;</li>
 *   <li>{@code delta} (default {@value #DEFAULT_DELTA}): magnitude of change tolerated, &gt;= 0;</li>
 *   <li>{@code lambda} (default {@value #DEFAULT_LAMBDA}): detection threshold, &gt; 0;</li>
 *   <li>{@code alpha} (default {@value #DEFAULT_ALPHA}): fading factor of the statistic, in (0,1].</li>
 * </ul>
 *
 * <pre>{@code
 * PageHinkley ph = PageHinkley.fromParams(Map.of("lambda", 50));
 * DetectorState state = DetectorState.STABLE;
 * int i = 0;
 * for (; i < 2000 && state != DetectorState.DRIFT; i++) {
 *     state = ph.update(i < 1000 ? 0.0 : 1.0);
 * }
 * // state == DRIFT about 50 values after the mean steps from 0 to 1 at value 1000
 * }</pre>
 *
 * <p>Page, E. S. (1954). Continuous Inspection Schemes. Biometrika 41(1/2), 100-115; Mouss, H., Mouss, D.,
 * Mouss, N., Sefouhi, L. (2004). Test of Page-Hinkley, an approach for fault detection in an agro-alimentary
 * production system. 5th Asian Control Conference. Matches MOA 2024.07.0
 * {@code moa.classifiers.core.driftdetection.PageHinkleyDM}.
 */
public final class PageHinkley implements DriftDetector {
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_DELTA = 0.005;
    public static final double DEFAULT_LAMBDA = 50;
    public static final double DEFAULT_ALPHA = 1 - 0.0001;

    private static final Set<String> PARAMS = Set.of("minInstances", "delta", "lambda", "alpha");
    private static final byte TAG = 'P';
    /** Version 1 held MOA's running mean, version 2 the compensated sum of the values. */
    private static final int SNAPSHOT_SIZE_V1 = 2 + 8 * 4 + 8 + 1;
    private static final int SNAPSHOT_SIZE = 2 + 8 * 5 + 8 + 1;

    private final int minInstances;
    private final double delta;
    private final double lambda;
    private final double alpha;

    /** Values since the last reset, kept as a double (exact below 2^53) so the hot path has no int-to-double conversion. */
    private double n;
    private final CompensatedSum total = new CompensatedSum();
    private double sum;
    private double estimation;
    private long observations;
    private boolean drifted;

    /** A Page-Hinkley test with MOA's defaults. */
    public PageHinkley() {
        this(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_LAMBDA, DEFAULT_ALPHA);
    }

    /** @throws InvalidParameterException naming the first parameter out of range */
    public PageHinkley(int minInstances, double delta, double lambda, double alpha) {
        this.minInstances = Params.requireAtLeast("minInstances", minInstances, 0);
        this.delta = Params.requireNonNegative("delta", delta);
        this.lambda = Params.requirePositive("lambda", lambda);
        if (!(alpha > 0 && alpha <= 1)) {
            throw new InvalidParameterException("alpha", "alpha must be in (0,1], was " + alpha);
        }
        this.alpha = alpha;
        reset();
    }

    /** Builds a Page-Hinkley test from {@code minInstances}, {@code delta}, {@code lambda}, {@code alpha}. */
    public static PageHinkley fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMS);
        return new PageHinkley(p.getInt("minInstances", DEFAULT_MIN_INSTANCES), p.getDouble("delta", DEFAULT_DELTA),
                p.getDouble("lambda", DEFAULT_LAMBDA), p.getDouble("alpha", DEFAULT_ALPHA));
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

    public double alpha() {
        return alpha;
    }

    @Override
    public DetectorState update(double x) {
        observations++;
        if (drifted) {
            restart();
        }
        total.add(x);
        double mean = total.value() / n;
        sum = alpha * sum + (x - mean - delta);
        n++;
        estimation = mean;
        drifted = n >= minInstances && sum > lambda;
        return drifted ? DetectorState.DRIFT : DetectorState.STABLE;
    }

    private void restart() {
        n = 1;
        total.clear();
        sum = 0;
    }

    @Override
    public double estimate() {
        return estimation;
    }

    @Override
    public long observations() {
        return observations;
    }

    /** Back to the state of a new detector, {@link #observations()} included. */
    @Override
    public void reset() {
        restart();
        estimation = 0;
        observations = 0;
        drifted = false;
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer b = DetectorSnapshots.create(SNAPSHOT_SIZE, TAG, 2);
        b.putLong((long) n).putDouble(total.sum()).putDouble(total.error()).putDouble(sum).putDouble(estimation).putLong(observations);
        b.put((byte) (drifted ? 1 : 0));
        return b.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer b = DetectorSnapshots.open(snapshot, TAG, DetectorType.PAGE_HINKLEY, SNAPSHOT_SIZE_V1, SNAPSHOT_SIZE);
        n = b.getLong();
        if (DetectorSnapshots.version(snapshot) == 1) {
            total.setToMean(b.getDouble(), n - 1);
        } else {
            total.set(b.getDouble(), b.getDouble());
        }
        sum = b.getDouble();
        estimation = b.getDouble();
        observations = b.getLong();
        drifted = b.get() != 0;
    }

    @Override
    public DetectorType type() {
        return DetectorType.PAGE_HINKLEY;
    }

    @Override
    public String toString() {
        return "PageHinkley(minInstances=" + minInstances + ", delta=" + delta + ", lambda=" + lambda + ", alpha=" + alpha + ")";
    }
}
