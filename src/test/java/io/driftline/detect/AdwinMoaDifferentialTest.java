package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import moa.classifiers.core.driftdetection.ADWIN;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against MOA 2024.07.0 itself: on random streams of many shapes, every update gives the
 * same change flag and a bit-identical window mean, for ADWIN.setInput (BOTH), ADWINChangeDetector
 * (INCREASE) and the mirrored DECREASE rule.
 */
class AdwinMoaDifferentialTest {

    static final double[] DELTAS = {0.002, 0.0001, 0.01, 0.1, 0.5};

    record Case(String name, double[] values) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            for (Case c : streams(seed)) {
                for (double delta : DELTAS) {
                    args.add(Arguments.of(c, delta));
                }
            }
        }
        return args.stream();
    }

    static List<Case> streams(long seed) {
        Random r = new Random(seed);
        List<Case> cases = new ArrayList<>();
        int n = 6000;
        cases.add(new Case("gauss-nochange-" + seed, gen(n, i -> r.nextGaussian())));
        cases.add(new Case("gauss-abrupt-up-" + seed, gen(n, i -> (i < 3000 ? 0 : 0.8) + r.nextGaussian())));
        cases.add(new Case("gauss-abrupt-down-" + seed, gen(n, i -> (i < 3000 ? 1 : 0) + r.nextGaussian())));
        cases.add(new Case("gauss-multi-" + seed, gen(n, i -> new double[] {0, 2, -1, 3, 3, 0}[i / 1000] + r.nextGaussian())));
        cases.add(new Case("gauss-gradual-" + seed, gen(n, i -> Math.max(0, Math.min(1, (i - 2000) / 2000.0)) * 1.5 + r.nextGaussian())));
        cases.add(new Case("large-offset-" + seed, gen(n, i -> 1e6 + (i < 3000 ? 0 : 3) + r.nextGaussian() * 10)));
        cases.add(new Case("tiny-" + seed, gen(n, i -> (i < 3000 ? 1e-9 : 2e-9) * r.nextDouble())));
        cases.add(new Case("bern-nochange-" + seed, gen(n, i -> r.nextDouble() < 0.3 ? 1 : 0)));
        cases.add(new Case("bern-up-" + seed, gen(n, i -> r.nextDouble() < (i < 2500 ? 0.1 : 0.35) ? 1 : 0)));
        cases.add(new Case("bern-down-" + seed, gen(n, i -> r.nextDouble() < (i < 2500 ? 0.6 : 0.3) ? 1 : 0)));
        cases.add(new Case("bern-multi-" + seed, gen(n, i -> r.nextDouble() < new double[] {0.1, 0.5, 0.2, 0.9, 0.05, 0.5}[i / 1000] ? 1 : 0)));
        cases.add(new Case("constant-then-step-" + seed, gen(n, i -> i < 3000 ? 0 : 1)));
        return cases;
    }

    interface Gen {
        double at(int i);
    }

    static double[] gen(int n, Gen g) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = g.at(i);
        }
        return v;
    }

    @ParameterizedTest(name = "{0} delta={1}")
    @MethodSource("cases")
    void sameAsMoa(Case c, double delta) {
        compareAll(c.values(), delta);
    }

    /** Long enough for merges of 2^16-value buckets, where MOA's int product n1 * n2 wraps around to 0. */
    @Test
    void longStableStreamReachesHighRows() {
        Random r = new Random(99);
        double[] v = gen(1_000_000, i -> r.nextDouble() < 0.25 ? 1 : 0);
        compareAll(v, 1e-7);
        Adwin adwin = new Adwin(1e-7, Adwin.Direction.BOTH);
        for (double x : v) {
            adwin.update(x);
        }
        assertTrue(adwin.width() > 1 << 19, "window of " + adwin.width() + " values spans rows of 2^16 and more");
    }

    static int compareAll(double[] values, double delta) {
        ADWIN moaCore = new ADWIN(delta);
        ADWIN moaDecrease = new ADWIN(delta);
        ADWINChangeDetector moaIncrease = new ADWINChangeDetector();
        moaIncrease.deltaAdwinOption.setValue(delta);
        Adwin both = new Adwin(delta, Adwin.Direction.BOTH);
        Adwin increase = new Adwin(delta, Adwin.Direction.INCREASE);
        Adwin decrease = new Adwin(delta, Adwin.Direction.DECREASE);
        int detections = 0;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            boolean core = moaCore.setInput(x);
            DetectorState b = both.update(x);
            check(core == (b == DetectorState.DRIFT), "BOTH change flag", i);
            check(moaCore.getWidth() == both.width(), "width", i);
            check(bitEqual(moaCore.getEstimation(), both.estimate()), "BOTH estimate", i);

            moaIncrease.input(x);
            DetectorState inc = increase.update(x);
            check(moaIncrease.getChange() == (inc == DetectorState.DRIFT), "INCREASE change flag", i);
            check(bitEqual(moaIncrease.getEstimation(), increase.estimate()), "INCREASE estimate", i);

            double before = moaDecrease.getEstimation();
            boolean cut = moaDecrease.setInput(x);
            boolean moaDec = cut && moaDecrease.getEstimation() < before;
            check(moaDec == (decrease.update(x) == DetectorState.DRIFT), "DECREASE change flag", i);
            if (core) {
                detections++;
            }
        }
        return detections;
    }

    static boolean bitEqual(double expected, double actual) {
        return Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual);
    }

    static void check(boolean same, String what, int index) {
        if (!same) {
            throw new AssertionError(what + " differs from MOA at index " + index);
        }
    }
}
