package io.driftline.detect;

import static io.driftline.detect.ReferenceStreams.bernoulli;
import static io.driftline.detect.ReferenceStreams.gaussian;
import static io.driftline.detect.ReferenceStreams.ramp;
import static io.driftline.detect.ReferenceStreams.steps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import moa.classifiers.core.driftdetection.CusumDM;
import moa.classifiers.core.driftdetection.PageHinkleyDM;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Driftline's Page-Hinkley and CUSUM tests against MOA 2024.07.0's {@code PageHinkleyDM} and {@code CusumDM} on
 * random Gaussian streams (no change, abrupt, gradual, several change points up and down) and Bernoulli
 * streams: every value gives the same state and the same estimate within 1e-9, for several seeds and
 * parameter values. Each seed-13 run also snapshots and restores Driftline's detector mid-stream.
 */
class MeanDetectorsMoaDifferentialTest {
    static final int LENGTH = 6000;
    static final long[] SEEDS = {21, 22, 23};

    private static final Map<String, int[]> DRIFTS = new LinkedHashMap<>();

    static Map<String, double[]> streams(long seed) {
        Map<String, double[]> streams = new LinkedHashMap<>();
        streams.put("gauss-nochange-" + seed, gaussian(seed, LENGTH, i -> 0, 1));
        streams.put("gauss-abrupt-" + seed, gaussian(seed, LENGTH, steps(new int[] {0, 3000}, 0, 1), 1));
        streams.put("gauss-gradual-" + seed, gaussian(seed, LENGTH, ramp(2000, 4000, 0, 1.5), 1));
        streams.put("gauss-multi-" + seed,
                gaussian(seed, LENGTH, steps(new int[] {0, 1500, 3000, 4500}, 0, 2, -0.5, 3), 2));
        streams.put("gauss-offset-" + seed, gaussian(seed, LENGTH, steps(new int[] {0, 3000}, 100, 99.5), 0.5));
        streams.put("bern-abrupt-" + seed, bernoulli(seed, LENGTH, steps(new int[] {0, 3000}, 0.2, 0.6)));
        return streams;
    }

    @TestFactory
    Stream<DynamicTest> pageHinkleyMatchesMoa() {
        double[][] grid = {{30, 0.005, 50, 0.9999}, {10, 0.1, 10, 0.99}, {50, 0.0, 25, 1.0}, {0, 0.05, 5, 0.999},
            {100, 0.5, 100, 0.9}};
        List<DynamicTest> tests = new ArrayList<>();
        for (double[] g : grid) {
            for (long seed : SEEDS) {
                streams(seed).forEach((name, values) -> tests.add(DynamicTest.dynamicTest(
                        "PageHinkley" + java.util.Arrays.toString(g) + " " + name,
                        () -> count("PageHinkley", BinaryDetectorsMoaDifferentialTest.assertSameAsMoa("PageHinkley", name, values, seed == 23,
                                    () -> new PageHinkley((int) g[0], g[1], g[2], g[3]),
                                    () -> {
                                        PageHinkleyDM moa = new PageHinkleyDM();
                                        moa.minNumInstancesOption.setValue((int) g[0]);
                                        moa.deltaOption.setValue(g[1]);
                                        moa.lambdaOption.setValue(g[2]);
                                        moa.alphaOption.setValue(g[3]);
                                        moa.prepareForUse();
                                        return moa;
                                    })))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> cusumMatchesMoa() {
        double[][] grid = {{30, 0.005, 50}, {10, 0.1, 10}, {0, 0.5, 5}, {100, 0.0, 20}, {30, 1.0, 100}};
        List<DynamicTest> tests = new ArrayList<>();
        for (double[] g : grid) {
            for (long seed : SEEDS) {
                streams(seed).forEach((name, values) -> tests.add(DynamicTest.dynamicTest(
                        "CUSUM" + java.util.Arrays.toString(g) + " " + name,
                        () -> count("CUSUM", BinaryDetectorsMoaDifferentialTest.assertSameAsMoa("CUSUM", name, values, seed == 23,
                                    () -> new Cusum((int) g[0], g[1], g[2]),
                                    () -> {
                                        CusumDM moa = new CusumDM();
                                        moa.minNumInstancesOption.setValue((int) g[0]);
                                        moa.deltaOption.setValue(g[1]);
                                        moa.lambdaOption.setValue(g[2]);
                                        moa.prepareForUse();
                                        return moa;
                                    })))));
            }
        }
        return tests.stream();
    }

    private static void count(String detector, int[] events) {
        DRIFTS.computeIfAbsent(detector, k -> new int[1])[0] += events[0];
    }

    @AfterAll
    static void runsExerciseDrifts() {
        DRIFTS.forEach((detector, n) -> assertTrue(n[0] > 20, detector + " drifts in all runs: " + n[0]));
        DRIFTS.clear();
    }
}
