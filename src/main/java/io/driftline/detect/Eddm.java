package io.driftline.detect;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * EDDM, the Early Drift Detection Method: flags a shrinking distance between consecutive errors.
 *
 * <p>At every error (an input equal to 1.0; anything else counts as correct) the detector updates the mean
 * {@code m} and the population standard deviation {@code sd} of the distances between errors, and remembers
 * the largest {@code m + 2sd} seen after the first {@code minInstances} values. Once more than
 * {@code minErrors} errors are seen, a ratio {@code (m + 2sd) / max} below {@code alpha} is a warning and below
 * {@code beta} a drift. The warning state only changes at errors; {@link #estimate()} is the mean distance.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code alpha} (default {@value #DEFAULT_ALPHA}): warning threshold of the ratio, in (0,1);</li>
 *   <li>{@code beta} (default {@value #DEFAULT_BETA}): drift threshold of the ratio, in (0,1), at most {@code alpha};</li>
 *   <li>{@code minInstances} (default {@value #DEFAULT_MIN_INSTANCES}): values needed before the test starts;</li>
 *   <li>{@code minErrors} (default {@value #DEFAULT_MIN_ERRORS}): errors needed before the test starts.</li>
 * </ul>
 *
 * <pre>{@code
 * Eddm eddm = Eddm.fromParams(Map.of());
 * DetectorState state = DetectorState.STABLE;
 * for (int i = 0; i < 3000 && state != DetectorState.DRIFT; i++) {
 *     state = eddm.update(i < 1500 ? (i % 20 == 19 ? 1 : 0) : (i % 2 == 0 ? 1 : 0));
 * }
 * // state == DRIFT soon after errors come every 2nd value instead of every 20th
 * }</pre>
 *
 * <p>Baena-García, M., del Campo-Ávila, J., Fidalgo, R., Bifet, A., Gavaldà, R., Morales-Bueno, R. (2006).
 * Early Drift Detection Method. Fourth International Workshop on Knowledge Discovery from Data Streams.
 * Matches MOA 2024.07.0 {@code moa.classifiers.core.driftdetection.EDDM}, whose constants are the defaults.
 */
public final class Eddm implements DriftDetector {
    public static final double DEFAULT_ALPHA = 0.95;
    public static final double DEFAULT_BETA = 0.90;
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final int DEFAULT_MIN_ERRORS = 30;

    private static final Set<String> PARAMS = Set.of("alpha", "beta", "minInstances", "minErrors");
    private static final byte TAG = 'E';
    private static final int SNAPSHOT_SIZE = 2 + 8 * 3 + 8 * 5 + 8 + 2;

    private final double alpha;
    private final double beta;
    private final int minInstances;
    private final int minErrors;

    private long n;
    private long lastError;
    private long previousError;
    private double numErrors;
    private double mean;
    private double m2;
    private double m2sMax;
    private long observations;
    private boolean drifted;
    private boolean warning;

    /** An EDDM with MOA's constants. */
    public Eddm() {
        this(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_MIN_INSTANCES, DEFAULT_MIN_ERRORS);
    }

    /** @throws InvalidParameterException naming the first parameter out of range */
    public Eddm(double alpha, double beta, int minInstances, int minErrors) {
        this.alpha = Params.requireOpenUnit("alpha", alpha);
        this.beta = Params.requireOpenUnit("beta", beta);
        if (beta > alpha) {
            throw new InvalidParameterException("beta", "beta must be <= alpha (" + alpha + "), was " + beta);
        }
        this.minInstances = Params.requireAtLeast("minInstances", minInstances, 0);
        this.minErrors = Params.requireAtLeast("minErrors", minErrors, 0);
        reset();
    }

    /** Builds an EDDM from {@code alpha}, {@code beta}, {@code minInstances}, {@code minErrors}; others are rejected. */
    public static Eddm fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMS);
        return new Eddm(p.getDouble("alpha", DEFAULT_ALPHA), p.getDouble("beta", DEFAULT_BETA),
                p.getInt("minInstances", DEFAULT_MIN_INSTANCES), p.getInt("minErrors", DEFAULT_MIN_ERRORS));
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    public int minInstances() {
        return minInstances;
    }

    public int minErrors() {
        return minErrors;
    }

    @Override
    public DetectorState update(double x) {
        observations++;
        if (drifted) {
            restart();
            drifted = false;
        }
        n++;
        if (x != 1.0) {
            return warning ? DetectorState.WARNING : DetectorState.STABLE;
        }
        warning = false;
        numErrors += 1;
        previousError = lastError;
        lastError = n - 1;
        double distance = (double) (lastError - previousError);
        double oldMean = mean;
        mean = mean + (distance - mean) / numErrors;
        m2 = m2 + (distance - mean) * (distance - oldMean);
        double m2s = mean + 2 * Math.sqrt(m2 / numErrors);
        if (m2s > m2sMax) {
            if (n > minInstances) {
                m2sMax = m2s;
            }
            return DetectorState.STABLE;
        }
        double ratio = m2s / m2sMax;
        if (n > minInstances && numErrors > minErrors) {
            if (ratio < beta) {
                drifted = true;
                return DetectorState.DRIFT;
            }
            warning = ratio < alpha;
        }
        return warning ? DetectorState.WARNING : DetectorState.STABLE;
    }

    /**
     * MOA's reset after a drift: the warning flag is left as it is (it is false after a drift), and previousError is
     * assigned before it is read.
     */
    private void restart() {
        n = 1;
        numErrors = 0;
        lastError = 0;
        mean = 0;
        m2 = 0;
        m2sMax = 0;
    }

    /** MOA's estimation: the mean distance between errors (MOA keeps a copy of it that always equals it). */
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
        previousError = 0;
        observations = 0;
        drifted = false;
        warning = false;
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer b = DetectorSnapshots.create(SNAPSHOT_SIZE, TAG);
        b.putLong(n).putLong(lastError).putLong(previousError);
        b.putDouble(numErrors).putDouble(mean).putDouble(m2).putDouble(m2sMax).putDouble(mean); // the estimation slot
        b.putLong(observations);
        b.put((byte) (drifted ? 1 : 0)).put((byte) (warning ? 1 : 0));
        return b.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer b = DetectorSnapshots.open(snapshot, SNAPSHOT_SIZE, TAG, DetectorType.EDDM);
        n = b.getLong();
        lastError = b.getLong();
        previousError = b.getLong();
        numErrors = b.getDouble();
        mean = b.getDouble();
        m2 = b.getDouble();
        m2sMax = b.getDouble();
        b.getDouble(); // the estimation slot: always the mean
        observations = b.getLong();
        drifted = b.get() != 0;
        warning = b.get() != 0;
    }

    @Override
    public DetectorType type() {
        return DetectorType.EDDM;
    }

    @Override
    public String toString() {
        return "EDDM(alpha=" + alpha + ", beta=" + beta + ", minInstances=" + minInstances + ", minErrors=" + minErrors + ")";
    }
}
