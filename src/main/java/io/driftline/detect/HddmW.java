package io.driftline.detect;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * HDDM_W, the Hoeffding drift detection method with the W-test: flags a rise of a bounded mean with
 * McDiarmid's inequality on exponentially weighted moving averages (EWMA).
 *
 * <p>The detector keeps an EWMA of all values since the last reset and the cut point where that EWMA plus its
 * bound was lowest; after the cut it starts a second EWMA. When the second EWMA exceeds the one frozen at the
 * cut by more than the bound for {@code driftConfidence} it signals a drift and restarts at once (for
 * {@code warningConfidence}, a warning). In two-sided mode a significant decrease, tested the same way from
 * the cut where the EWMA minus its bound was highest, restarts it silently, as MOA does.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code driftConfidence} (default {@value #DEFAULT_DRIFT_CONFIDENCE}): confidence of a drift, in (0,1);</li>
 *   <li>{@code warningConfidence} (default {@value #DEFAULT_WARNING_CONFIDENCE}): confidence of a warning, in
 *       (0,1), at least {@code driftConfidence};</li>
 *   <li>{@code lambda} (default {@value #DEFAULT_LAMBDA}): weight of the newest value in the EWMAs, in (0,1);</li>
 *   <li>{@code twoSided} (default {@value #DEFAULT_TWO_SIDED}): also restart (silently) on a significant decrease.</li>
 * </ul>
 * Inputs lie in [0,1] (1 = error). {@link #estimate()} is the EWMA of all values since the last reset; as
 * in MOA it is -1 right after a drift, when no value has entered the restarted EWMA yet. Unlike MOA, whose
 * EWMAs are static fields shared by every instance, each detector keeps its own state.
 *
 * <pre>{@code
 * HddmW hddm = HddmW.fromParams(Map.of("lambda", 0.05));
 * DetectorState state = DetectorState.STABLE;
 * for (int i = 0; i < 2000 && state != DetectorState.DRIFT; i++) {
 *     state = hddm.update(i < 1000 ? (i % 10 == 0 ? 1 : 0) : (i % 2 == 0 ? 1 : 0));
 * }
 * // state == DRIFT shortly after the error rate jumps from 10 % to 50 % at value 1000
 * }</pre>
 *
 * <p>Frías-Blanco, I., del Campo-Ávila, J., Ramos-Jiménez, G., Morales-Bueno, R., Ortiz-Díaz, A.,
 * Caballero-Mota, Y. (2015). Online and Non-Parametric Drift Detection Methods Based on Hoeffding's Bounds.
 * IEEE Transactions on Knowledge and Data Engineering 27(3), 810-823. Matches MOA 2024.07.0
 * {@code moa.classifiers.core.driftdetection.HDDM_W_Test} (with per-instance state).
 */
public final class HddmW implements DriftDetector {
    public static final double DEFAULT_DRIFT_CONFIDENCE = 0.001;
    public static final double DEFAULT_WARNING_CONFIDENCE = 0.005;
    public static final double DEFAULT_LAMBDA = 0.05;
    public static final boolean DEFAULT_TWO_SIDED = false;

    private static final Set<String> PARAMS = Set.of("driftConfidence", "warningConfidence", "lambda", "twoSided");
    private static final byte TAG = 'W';
    private static final int SNAPSHOT_SIZE = 2 + 8 * 13 + 8;
    /** MOA's marker of an EWMA that has seen no value yet. */
    private static final double EMPTY = -1.0;

    private final double driftConfidence;
    private final double warningConfidence;
    private final double lambda;
    private final boolean twoSided;
    private final double lambdaSquared;
    private final double decaySquared;
    private final double decay;
    /** ln(1/driftConfidence) and ln(1/warningConfidence): the constants of the bounds. */
    private final double logInvDrift;
    private final double logInvWarning;

    // Each EWMA is a pair: the estimate (EMPTY until the first value) and the sum of squared weights.
    private double totalEwma;
    private double totalSum;
    private double incr1Ewma;
    private double incr1Sum;
    private double incr2Ewma;
    private double incr2Sum;
    private double decr1Ewma;
    private double decr1Sum;
    private double decr2Ewma;
    private double decr2Sum;
    private double incrCutPoint;
    private double decrCutPoint;
    private double estimation;
    private long observations;

    /** An HDDM_W with MOA's defaults (one-sided). */
    public HddmW() {
        this(DEFAULT_DRIFT_CONFIDENCE, DEFAULT_WARNING_CONFIDENCE, DEFAULT_LAMBDA, DEFAULT_TWO_SIDED);
    }

    /** @throws InvalidParameterException naming the first parameter out of range */
    public HddmW(double driftConfidence, double warningConfidence, double lambda, boolean twoSided) {
        this.driftConfidence = Params.requireOpenUnit("driftConfidence", driftConfidence);
        this.warningConfidence = Params.requireOpenUnit("warningConfidence", warningConfidence);
        if (warningConfidence < driftConfidence) {
            throw new InvalidParameterException("warningConfidence",
                    "warningConfidence must be >= driftConfidence (" + driftConfidence + "), was " + warningConfidence);
        }
        this.lambda = Params.requireOpenUnit("lambda", lambda);
        this.twoSided = twoSided;
        this.decay = 1.0 - lambda;
        this.lambdaSquared = lambda * lambda;
        this.decaySquared = decay * decay;
        this.logInvDrift = Math.log(1.0 / driftConfidence);
        this.logInvWarning = Math.log(1.0 / warningConfidence);
        reset();
    }

    /** Builds an HDDM_W from {@code driftConfidence}, {@code warningConfidence}, {@code lambda}, {@code twoSided}. */
    public static HddmW fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMS);
        return new HddmW(p.getDouble("driftConfidence", DEFAULT_DRIFT_CONFIDENCE),
                p.getDouble("warningConfidence", DEFAULT_WARNING_CONFIDENCE),
                p.getDouble("lambda", DEFAULT_LAMBDA),
                p.getBoolean("twoSided", DEFAULT_TWO_SIDED));
    }

    public double driftConfidence() {
        return driftConfidence;
    }

    public double warningConfidence() {
        return warningConfidence;
    }

    public double lambda() {
        return lambda;
    }

    public boolean twoSided() {
        return twoSided;
    }

    /** The statistics restart inside the update that detects a drift, so the next update needs no reset. */
    @Override
    public DetectorState update(double x) {
        observations++;
        if (totalEwma < 0) {
            totalEwma = x;
            totalSum = 1;
        } else {
            totalEwma = lambda * x + decay * totalEwma;
            totalSum = lambdaSquared + decaySquared * totalSum;
        }
        double bound = Math.sqrt(totalSum * logInvDrift / 2);

        // increase monitoring: move the cut point down, or feed the EWMA after it
        if (totalEwma + bound < incrCutPoint) {
            incrCutPoint = totalEwma + bound;
            incr1Ewma = totalEwma;
            incr1Sum = totalSum;
            incr2Ewma = EMPTY;
            incr2Sum = 0;
        } else if (incr2Ewma < 0) {
            incr2Ewma = x;
            incr2Sum = 1;
        } else {
            incr2Ewma = lambda * x + decay * incr2Ewma;
            incr2Sum = lambdaSquared + decaySquared * incr2Sum;
        }
        DetectorState state;
        if (exceeds(incr1Ewma, incr1Sum, incr2Ewma, incr2Sum, logInvDrift)) {
            clearStatistics();
            bound = 0; // the bound of the restarted, empty EWMA
            state = DetectorState.DRIFT;
        } else if (exceeds(incr1Ewma, incr1Sum, incr2Ewma, incr2Sum, logInvWarning)) {
            state = DetectorState.WARNING;
        } else {
            state = DetectorState.STABLE;
        }

        // decrease monitoring, on the restarted statistics after a drift as in MOA
        if (totalEwma - bound > decrCutPoint) {
            decrCutPoint = totalEwma - bound;
            decr1Ewma = totalEwma;
            decr1Sum = totalSum;
            decr2Ewma = EMPTY;
            decr2Sum = 0;
        } else if (decr2Ewma < 0) {
            decr2Ewma = x;
            decr2Sum = 1;
        } else {
            decr2Ewma = lambda * x + decay * decr2Ewma;
            decr2Sum = lambdaSquared + decaySquared * decr2Sum;
        }
        if (twoSided && exceeds(decr2Ewma, decr2Sum, decr1Ewma, decr1Sum, logInvDrift)) {
            clearStatistics();
        }
        estimation = totalEwma;
        return state;
    }

    /** Whether EWMA b exceeds EWMA a by more than McDiarmid's bound of ln(1/confidence); false if either is empty. */
    private static boolean exceeds(double aEwma, double aSum, double bEwma, double bSum, double logInvConfidence) {
        if (aEwma < 0 || bEwma < 0) {
            return false;
        }
        double bound = Math.sqrt((aSum + bSum) * logInvConfidence / 2);
        return bEwma - aEwma > bound;
    }

    private void clearStatistics() {
        totalEwma = EMPTY;
        totalSum = 0;
        incr1Ewma = EMPTY;
        incr1Sum = 0;
        incr2Ewma = EMPTY;
        incr2Sum = 0;
        decr1Ewma = EMPTY;
        decr1Sum = 0;
        decr2Ewma = EMPTY;
        decr2Sum = 0;
        incrCutPoint = Double.MAX_VALUE;
        decrCutPoint = Double.MIN_VALUE;
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
        clearStatistics();
        estimation = 0;
        observations = 0;
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer b = DetectorSnapshots.create(SNAPSHOT_SIZE, TAG);
        b.putDouble(totalEwma).putDouble(totalSum);
        b.putDouble(incr1Ewma).putDouble(incr1Sum).putDouble(incr2Ewma).putDouble(incr2Sum);
        b.putDouble(decr1Ewma).putDouble(decr1Sum).putDouble(decr2Ewma).putDouble(decr2Sum);
        b.putDouble(incrCutPoint).putDouble(decrCutPoint).putDouble(estimation).putLong(observations);
        return b.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer b = DetectorSnapshots.open(snapshot, SNAPSHOT_SIZE, TAG, DetectorType.HDDM_W);
        totalEwma = b.getDouble();
        totalSum = b.getDouble();
        incr1Ewma = b.getDouble();
        incr1Sum = b.getDouble();
        incr2Ewma = b.getDouble();
        incr2Sum = b.getDouble();
        decr1Ewma = b.getDouble();
        decr1Sum = b.getDouble();
        decr2Ewma = b.getDouble();
        decr2Sum = b.getDouble();
        incrCutPoint = b.getDouble();
        decrCutPoint = b.getDouble();
        estimation = b.getDouble();
        observations = b.getLong();
    }

    @Override
    public DetectorType type() {
        return DetectorType.HDDM_W;
    }

    @Override
    public String toString() {
        return "HDDM_W(driftConfidence=" + driftConfidence + ", warningConfidence=" + warningConfidence
                + ", lambda=" + lambda + ", twoSided=" + twoSided + ")";
    }
}
