package io.driftline.detect;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * DDM, the Drift Detection Method: flags a rise of a binary error rate above its best level seen so far.
 *
 * <p>The detector keeps the running error rate {@code p} and its binomial standard deviation
 * {@code s = sqrt(p(1-p)/n)}, and remembers the {@code p} and {@code s} at which {@code p + s} was lowest.
 * It warns while {@code p + s > pMin + warningLevel * sMin} and signals a drift when
 * {@code p + s > pMin + driftLevel * sMin}; as in MOA the minimum (and a warning) is tracked from the
 * {@code minInstances - 1}-th value on and a drift is possible from the {@code minInstances}-th.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code minInstances} (default {@value #DEFAULT_MIN_INSTANCES}): values needed before the test starts;</li>
 *   <li>{@code warningLevel} (default {@value #DEFAULT_WARNING_LEVEL}): standard deviations of the warning zone;</li>
 *   <li>{@code driftLevel} (default {@value #DEFAULT_DRIFT_LEVEL}): standard deviations of a drift, at least
 *       {@code warningLevel}.</li>
 * </ul>
 * Inputs are 1 for an error and 0 for a correct prediction; {@link #estimate()} is the error rate.
 *
 * <p>MOA updates the rate incrementally, {@code p += (x - p) / n}, which puts a division on the path from one
 * value to the next. Here {@code p} is the sum of the inputs divided by {@code n}: the same rate (exact for 0/1
 * inputs, where MOA's is within a few ulps of it), whose divisions overlap from value to value. The decisions
 * are MOA's, position for position (checked against MOA on random streams).
 *
 * <pre>{@code
 * Ddm ddm = Ddm.fromParams(Map.of("warningLevel", 2.0, "driftLevel", 3.0));
 * DetectorState state = DetectorState.STABLE;
 * for (int i = 0; i < 2000 && state != DetectorState.DRIFT; i++) {
 *     state = ddm.update(i < 1000 ? (i % 10 == 0 ? 1 : 0) : (i % 2 == 0 ? 1 : 0));
 * }
 * // state == DRIFT shortly after the error rate jumps from 10 % to 50 % at value 1000
 * }</pre>
 *
 * <p>Gama, J., Medas, P., Castillo, G., Rodrigues, P. (2004). Learning with Drift Detection. SBIA 2004,
 * LNCS 3171, 286-295. Matches MOA 2024.07.0 {@code moa.classifiers.core.driftdetection.DDM}.
 */
public final class Ddm implements DriftDetector {
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_WARNING_LEVEL = 2.0;
    public static final double DEFAULT_DRIFT_LEVEL = 3.0;

    private static final Set<String> PARAMS = Set.of("minInstances", "warningLevel", "driftLevel");
    private static final byte TAG = 'D';
    /** Version 1 held MOA's running rate and deviation, version 2 the sum of the inputs. */
    private static final int SNAPSHOT_SIZE_V1 = 2 + 8 + 8 * 5 + 8 + 8 + 1;
    private static final int SNAPSHOT_SIZE = 2 + 8 + 8 * 4 + 8 + 8 + 1;

    private final int minInstances;
    private final double warningLevel;
    private final double driftLevel;

    /** Values since the last reset, kept as a double (exact below 2^53) so the hot path has no int-to-double conversion. */
    private double n;
    private double sum;
    private double psMin;
    private double pMin;
    private double sMin;
    private double estimation;
    private long observations;
    private boolean drifted;

    /** A DDM with MOA's defaults. */
    public Ddm() {
        this(DEFAULT_MIN_INSTANCES, DEFAULT_WARNING_LEVEL, DEFAULT_DRIFT_LEVEL);
    }

    /** @throws InvalidParameterException naming the first parameter out of range */
    public Ddm(int minInstances, double warningLevel, double driftLevel) {
        this.minInstances = Params.requireAtLeast("minInstances", minInstances, 0);
        this.warningLevel = Params.requirePositive("warningLevel", warningLevel);
        this.driftLevel = Params.requirePositive("driftLevel", driftLevel);
        if (driftLevel < warningLevel) {
            throw new InvalidParameterException("driftLevel",
                    "driftLevel must be >= warningLevel (" + warningLevel + "), was " + driftLevel);
        }
        reset();
    }

    /** Builds a DDM from {@code minInstances}, {@code warningLevel}, {@code driftLevel}; others are rejected. */
    public static Ddm fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMS);
        return new Ddm(p.getInt("minInstances", DEFAULT_MIN_INSTANCES),
                p.getDouble("warningLevel", DEFAULT_WARNING_LEVEL),
                p.getDouble("driftLevel", DEFAULT_DRIFT_LEVEL));
    }

    public int minInstances() {
        return minInstances;
    }

    public double warningLevel() {
        return warningLevel;
    }

    public double driftLevel() {
        return driftLevel;
    }

    @Override
    public DetectorState update(double x) {
        observations++;
        if (drifted) {
            restart();
        }
        sum += x;
        double p = sum / n;
        double s = Math.sqrt(p * (1 - p) / n);
        n++;
        estimation = p;
        drifted = false;
        if (n < minInstances) {
            return DetectorState.STABLE;
        }
        double ps = p + s;
        if (ps <= psMin) {
            pMin = p;
            sMin = s;
            psMin = ps;
        }
        if (n > minInstances && ps > pMin + driftLevel * sMin) {
            drifted = true;
            return DetectorState.DRIFT;
        }
        if (ps > pMin + warningLevel * sMin) {
            return DetectorState.WARNING;
        }
        return DetectorState.STABLE;
    }

    private void restart() {
        n = 1;
        sum = 0;
        psMin = Double.MAX_VALUE;
        pMin = Double.MAX_VALUE;
        sMin = Double.MAX_VALUE;
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
        b.putLong((long) n).putDouble(sum).putDouble(psMin).putDouble(pMin).putDouble(sMin);
        b.putDouble(estimation).putLong(observations);
        b.put((byte) (drifted ? 1 : 0));
        return b.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer b = DetectorSnapshots.open(snapshot, TAG, DetectorType.DDM, SNAPSHOT_SIZE_V1, SNAPSHOT_SIZE);
        n = b.getLong();
        if (DetectorSnapshots.version(snapshot) == 1) {
            sum = b.getDouble() * (n - 1); // MOA's rate over the n - 1 values so far
            b.getDouble(); // the deviation, recomputed by the next update
        } else {
            sum = b.getDouble();
        }
        psMin = b.getDouble();
        pMin = b.getDouble();
        sMin = b.getDouble();
        estimation = b.getDouble();
        observations = b.getLong();
        drifted = b.get() != 0;
    }

    @Override
    public DetectorType type() {
        return DetectorType.DDM;
    }

    @Override
    public String toString() {
        return "DDM(minInstances=" + minInstances + ", warningLevel=" + warningLevel + ", driftLevel=" + driftLevel + ")";
    }
}
