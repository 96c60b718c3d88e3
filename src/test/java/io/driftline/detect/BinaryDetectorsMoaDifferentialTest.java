package io.driftline.detect;

import static io.driftline.detect.ReferenceStreams.bernoulli;
import static io.driftline.detect.ReferenceStreams.bounded;
import static io.driftline.detect.ReferenceStreams.gaussian;
import static io.driftline.detect.ReferenceStreams.ramp;
import static io.driftline.detect.ReferenceStreams.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import moa.classifiers.core.driftdetection.ChangeDetector;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.EDDM;
import moa.classifiers.core.driftdetection.HDDM_A_Test;
import moa.classifiers.core.driftdetection.HDDM_W_Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Driftline's DDM, EDDM, HDDM_A and HDDM_W against MOA 2024.07.0's own classes on random streams: every
 * value gives the same state (drift, warning, stable) and the same estimate within 1e-9, for several seeds,
 * kinds of change and parameter values. Each run also snapshots and restores Driftline's detector mid-stream.
 *
 * <p>MOA's {@code HDDM_W_Test} keeps its statistics in static fields, so each HDDM_W run creates one MOA
 * instance and feeds it the whole stream before the next run creates another (tests run sequentially).
 */
class BinaryDetectorsMoaDifferentialTest {
    static final int LENGTH = 5000;
    static final long[] SEEDS = {11, 12, 13};

    /** Totals over all runs of a detector, to prove that the runs exercise drifts and warnings. */
    private static final Map<String, int[]> EVENTS = new LinkedHashMap<>();

    /** Binary streams: no change, abrupt, gradual, several change points (up and down), a high error rate. */
    static Map<String, double[]> binaryStreams(long seed) {
        Map<String, double[]> streams = new LinkedHashMap<>();
        streams.put("bern-nochange-" + seed, bernoulli(seed, LENGTH, i -> 0.2));
        streams.put("bern-abrupt-" + seed, bernoulli(seed, LENGTH, steps(new int[] {0, 2500}, 0.1, 0.4)));
        streams.put("bern-gradual-" + seed, bernoulli(seed, LENGTH, ramp(2000, 3000, 0.15, 0.45)));
        streams.put("bern-multi-" + seed,
                bernoulli(seed, LENGTH, steps(new int[] {0, 1200, 2400, 3600}, 0.1, 0.3, 0.05, 0.5)));
        streams.put("bern-high-" + seed, bernoulli(seed, LENGTH, steps(new int[] {0, 2500}, 0.5, 0.7)));
        return streams;
    }

    /** Bounded real streams in [0,1] (clamped Gaussians) and plain Gaussians, for the HDDM tests. */
    static Map<String, double[]> realStreams(long seed) {
        Map<String, double[]> streams = new LinkedHashMap<>();
        streams.put("bounded-multi-" + seed,
                bounded(seed, LENGTH, steps(new int[] {0, 1500, 3000}, 0.3, 0.6, 0.2), 0.3));
        streams.put("bounded-gradual-" + seed, bounded(seed, LENGTH, ramp(1000, 4000, 0.2, 0.9), 0.25));
        streams.put("gauss-abrupt-" + seed, gaussian(seed, LENGTH, steps(new int[] {0, 2500}, 0.5, 1.5), 1));
        return streams;
    }

    @TestFactory
    Stream<DynamicTest> ddmMatchesMoa() {
        double[][] grid = {{30, 2.0, 3.0}, {10, 1.5, 2.5}, {50, 2.5, 4.0}, {0, 1.0, 1.0}, {100, 3.0, 5.0}};
        List<DynamicTest> tests = new ArrayList<>();
        for (double[] g : grid) {
            for (long seed : SEEDS) {
                binaryStreams(seed).forEach((name, values) -> tests.add(DynamicTest.dynamicTest(
                        "DDM" + java.util.Arrays.toString(g) + " " + name,
                        () -> count("DDM", assertSameAsMoa("DDM", name, values, seed == 13,
                                () -> new Ddm((int) g[0], g[1], g[2]),
                                () -> {
                                    DDM moa = new DDM();
                                    moa.minNumInstancesOption.setValue((int) g[0]);
                                    moa.warningLevelOption.setValue(g[1]);
                                    moa.outcontrolLevelOption.setValue(g[2]);
                                    moa.prepareForUse();
                                    return moa;
                                })))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> eddmMatchesMoa() {
        // MOA's EDDM has no options: only the defaults, which are its constants, can be compared
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed : new long[] {11, 12, 13, 14, 15, 16}) {
            Map<String, double[]> streams = binaryStreams(seed);
            streams.putAll(realStreams(seed));
            streams.forEach((name, values) -> tests.add(DynamicTest.dynamicTest("EDDM " + name,
                    () -> count("EDDM", assertSameAsMoa("EDDM", name, values, seed == 13, Eddm::new, () -> {
                        EDDM moa = new EDDM();
                        moa.prepareForUse();
                        return moa;
                    })))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> hddmAMatchesMoa() {
        double[][] grid = {{0.001, 0.005, 1}, {0.001, 0.005, 0}, {0.01, 0.05, 1}, {0.0001, 0.001, 0}, {0.05, 0.1, 1}};
        List<DynamicTest> tests = new ArrayList<>();
        for (double[] g : grid) {
            for (long seed : SEEDS) {
                Map<String, double[]> streams = binaryStreams(seed);
                streams.putAll(realStreams(seed));
                streams.forEach((name, values) -> tests.add(DynamicTest.dynamicTest(
                        "HDDM_A" + java.util.Arrays.toString(g) + " " + name,
                        () -> count("HDDM_A", assertSameAsMoa("HDDM_A", name, values, seed == 13,
                                () -> new HddmA(g[0], g[1], g[2] == 1),
                                () -> {
                                    HDDM_A_Test moa = new HDDM_A_Test();
                                    moa.driftConfidenceOption.setValue(g[0]);
                                    moa.warningConfidenceOption.setValue(g[1]);
                                    moa.oneSidedTestOption.setChosenIndex(g[2] == 1 ? 1 : 0);
                                    moa.prepareForUse();
                                    return moa;
                                })))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> hddmWMatchesMoa() {
        double[][] grid = {{0.001, 0.005, 0.05, 0}, {0.001, 0.005, 0.05, 1}, {0.01, 0.05, 0.1, 1},
            {0.005, 0.01, 0.2, 0}, {0.0001, 0.001, 0.01, 1}};
        List<DynamicTest> tests = new ArrayList<>();
        for (double[] g : grid) {
            for (long seed : SEEDS) {
                Map<String, double[]> streams = binaryStreams(seed);
                streams.putAll(realStreams(seed));
                streams.forEach((name, values) -> tests.add(DynamicTest.dynamicTest(
                        "HDDM_W" + java.util.Arrays.toString(g) + " " + name,
                        () -> count("HDDM_W", assertSameAsMoa("HDDM_W", name, values, seed == 13,
                                () -> new HddmW(g[0], g[1], g[2], g[3] == 1),
                                () -> {
                                    // a fresh instance per stream, fed fully before the next one exists
                                    HDDM_W_Test moa = new HDDM_W_Test();
                                    moa.driftConfidenceOption.setValue(g[0]);
                                    moa.warningConfidenceOption.setValue(g[1]);
                                    moa.lambdaOption.setValue(g[2]);
                                    moa.oneSidedTestOption.setChosenIndex(g[3] == 1 ? 1 : 0);
                                    moa.prepareForUse();
                                    return moa;
                                })))));
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void runsExerciseDriftsAndWarnings() {
        EVENTS.forEach((detector, counts) -> {
            assertTrue(counts[0] > 20, detector + " drifts in all runs: " + counts[0]);
            assertTrue(counts[1] > 20, detector + " warning values in all runs: " + counts[1]);
        });
        EVENTS.clear();
    }

    /**
     * Feeds {@code values} to Driftline's detector and MOA's side by side and fails at the first value where
     * the state or the estimate (beyond 1e-9) differs; with {@code restoreMidway}, Driftline's detector is
     * replaced at the middle of the stream by a fresh one restored from its snapshot.
     *
     * @return the number of drifts and of warning values, in that order
     */
    static int[] assertSameAsMoa(String detector, String stream, double[] values, boolean restoreMidway,
            Supplier<DriftDetector> ours, Supplier<ChangeDetector> theirs) {
        DriftDetector d = ours.get();
        ChangeDetector moa = theirs.get();
        int drifts = 0;
        int warnings = 0;
        for (int i = 0; i < values.length; i++) {
            if (restoreMidway && i == values.length / 2) {
                DriftDetector restored = ours.get();
                restored.restore(d.snapshot());
                d = restored;
            }
            DetectorState state = d.update(values[i]);
            moa.input(values[i]);
            DetectorState expected = moa.getChange() ? DetectorState.DRIFT
                    : moa.getWarningZone() ? DetectorState.WARNING : DetectorState.STABLE;
            if (state != expected) {
                fail(detector + " on " + stream + ": state at index " + i + " was " + state + ", MOA " + expected);
            }
            double estimate = moa.getEstimation();
            if (!(Math.abs(d.estimate() - estimate) <= 1e-9)) {
                fail(detector + " on " + stream + ": estimate at index " + i + " was " + d.estimate() + ", MOA " + estimate);
            }
            drifts += state == DetectorState.DRIFT ? 1 : 0;
            warnings += state == DetectorState.WARNING ? 1 : 0;
        }
        assertEquals(values.length, d.observations());
        return new int[] {drifts, warnings};
    }

    private static void count(String detector, int[] events) {
        int[] counts = EVENTS.computeIfAbsent(detector, k -> new int[2]);
        counts[0] += events[0];
        counts[1] += events[1];
    }
}
