package io.driftline.detect;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * HDDM_A, the Hoeffding drift detection method with the A-test: flags a rise of a bounded mean with
 * Hoeffding's inequality on moving averages.
 *
 * <p>The detector keeps the running sum and count since the last reset and the cut point where the mean
 * plus its Hoeffding bound was lowest. When the mean after the cut exceeds the mean before it by more than
 * the Hoeffding bound for {@code driftConfidence} it signals a drift (for {@code warningConfidence}, a
 * warning) and restarts at once. In two-sided mode a significant decrease, measured from the cut where the
 * mean minus its bound was highest, restarts it silently, as MOA does; drifts are only raised for increases.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code driftConfidence} (default {@value #DEFAULT_DRIFT_CONFIDENCE}): confidence of a drift, in (0,1);</li>
 *   <li>{@code warningConfidence} (default {@value #DEFAULT_WARNING_CONFIDENCE}): confidence of a warning, in
 *       (0,1), at least {@code driftConfidence};</li>
 *   <li>{@code twoSided} (default {@value #DEFAULT_TWO_SIDED}): also restart (silently) on a significant decrease.</li>
 * </ul>
 * Inputs lie in [0,1] (1 = error); {@link #estimate()} is the mean since the last cut, as MOA reports it.
 *
 * <pre>{@code
 * HddmA hddm = HddmA.fromParams(Map.of("driftConfidence", 0.001));
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
 * {@code moa.classifiers.core.driftdetection.HDDM_A_Test}.
 */
public final class HddmA implements DriftDetector {
    public static final double DEFAULT_DRIFT_CONFIDENCE = 0.001;
    public static final double DEFAULT_WARNING_CONFIDENCE = 0.005;
    public static final boolean DEFAULT_TWO_SIDED = true;

    private static final Set<String> PARAMS = Set.of("driftConfidence", "warningConfidence", "twoSided");
    private static final byte TAG = 'A';
    private static final int SNAPSHOT_SIZE = 2 + 8 * 9 + 8;

    private final double driftConfidence;
    private final double warningConfidence;
    private final boolean twoSided;
    /** ln(1/driftConfidence), ln(2/driftConfidence), ln(2/warningConfidence): the constants of the bounds. */
    private final double logInvDrift;
    private final double log2Drift;
    private final double log2Warning;

    private long nMin;
    private double cMin;
    private long nMax;
    private double cMax;
    /** cMin / nMin, cMax / nMax and their Hoeffding bounds, derived from the fields above. */
    private double meanMin;
    private double boundMin;
    private double meanMax;
    private double boundMax;
    private long totalN;
    private double totalC;
    private long nEstimation;
    private double cEstimation;
    private double estimation;
    private long observations;

    /** An HDDM_A with MOA's defaults (two-sided). */
    public HddmA() {
        this(DEFAULT_DRIFT_CONFIDENCE, DEFAULT_WARNING_CONFIDENCE, DEFAULT_TWO_SIDED);
    }

    /** @throws InvalidParameterException naming the first parameter out of range */
    public HddmA(double driftConfidence, double warningConfidence, boolean twoSided) {
        this.driftConfidence = Params.requireOpenUnit("driftConfidence", driftConfidence);
        this.warningConfidence = Params.requireOpenUnit("warningConfidence", warningConfidence);
        if (warningConfidence < driftConfidence) {
            throw new InvalidParameterException("warningConfidence",
                    "warningConfidence must be >= driftConfidence (" + driftConfidence + "), was " + warningConfidence);
        }
        this.twoSided = twoSided;
        this.logInvDrift = Math.log(1.0 / driftConfidence);
        this.log2Drift = Math.log(2.0 / driftConfidence);
        this.log2Warning = Math.log(2.0 / warningConfidence);
        reset();
    }

    /** Builds an HDDM_A from {@code driftConfidence}, {@code warningConfidence}, {@code twoSided}; others are rejected. */
    public static HddmA fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMS);
        return new HddmA(p.getDouble("driftConfidence", DEFAULT_DRIFT_CONFIDENCE),
                p.getDouble("warningConfidence", DEFAULT_WARNING_CONFIDENCE),
                p.getBoolean("twoSided", DEFAULT_TWO_SIDED));
    }

    public double driftConfidence() {
        return driftConfidence;
    }

    public double warningConfidence() {
        return warningConfidence;
    }

    public boolean twoSided() {
        return twoSided;
    }

    /** The statistics restart inside the update that detects a drift, so the next update needs no reset. */
    @Override
    public DetectorState update(double x) {
        observations++;
        totalN++;
        totalC += x;
        double mean = totalC / totalN;
        double bound = Math.sqrt(1.0 / (2 * totalN) * logInvDrift);
        // the means and bounds at the cut points are cached: they only change when a cut point moves
        if (nMin == 0 || meanMin + boundMin >= mean + bound) {
            nMin = totalN;
            cMin = totalC;
            meanMin = mean;
            boundMin = bound;
        }
        if (nMax == 0 || meanMax - boundMax <= mean - bound) {
            nMax = totalN;
            cMax = totalC;
            meanMax = mean;
            boundMax = bound;
        }
        double invN = 1.0 / totalN;
        DetectorState state = DetectorState.STABLE;
        if (nMin != totalN) {
            double halfM = (double) (totalN - nMin) / nMin * invN / 2;
            double increase = mean - meanMin;
            if (increase >= Math.sqrt(halfM * log2Drift)) {
                nEstimation = totalN - nMin;
                cEstimation = totalC - cMin;
                clearWindow();
                state = DetectorState.DRIFT;
            } else if (increase >= Math.sqrt(halfM * log2Warning)) {
                state = DetectorState.WARNING;
            }
        }
        if (twoSided && nMax != totalN
                && meanMax - mean >= Math.sqrt((double) (totalN - nMax) / nMax * invN / 2 * log2Drift)) {
            nEstimation = totalN - nMax;
            cEstimation = totalC - cMax;
            clearWindow();
        }
        if (totalN >= nEstimation) {
            cEstimation = 0;
            nEstimation = 0;
            estimation = totalC / totalN;
        } else {
            estimation = cEstimation / nEstimation;
        }
        return state;
    }

    private void clearWindow() {
        nMin = 0;
        nMax = 0;
        totalN = 0;
        cMin = 0;
        cMax = 0;
        totalC = 0;
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
        clearWindow();
        nEstimation = 0;
        cEstimation = 0;
        estimation = 0;
        observations = 0;
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer b = DetectorSnapshots.create(SNAPSHOT_SIZE, TAG);
        b.putLong(nMin).putDouble(cMin).putLong(nMax).putDouble(cMax).putLong(totalN).putDouble(totalC);
        b.putLong(nEstimation).putDouble(cEstimation).putDouble(estimation).putLong(observations);
        return b.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer b = DetectorSnapshots.open(snapshot, SNAPSHOT_SIZE, TAG, DetectorType.HDDM_A);
        nMin = b.getLong();
        cMin = b.getDouble();
        nMax = b.getLong();
        cMax = b.getDouble();
        totalN = b.getLong();
        totalC = b.getDouble();
        nEstimation = b.getLong();
        cEstimation = b.getDouble();
        estimation = b.getDouble();
        observations = b.getLong();
        deriveCutPointStatistics();
    }

    private void deriveCutPointStatistics() {
        meanMin = cMin / nMin;
        boundMin = Math.sqrt(1.0 / (2 * nMin) * logInvDrift);
        meanMax = cMax / nMax;
        boundMax = Math.sqrt(1.0 / (2 * nMax) * logInvDrift);
    }

    @Override
    public DetectorType type() {
        return DetectorType.HDDM_A;
    }

    @Override
    public String toString() {
        return "HDDM_A(driftConfidence=" + driftConfidence + ", warningConfidence=" + warningConfidence
                + ", twoSided=" + twoSided + ")";
    }
}
