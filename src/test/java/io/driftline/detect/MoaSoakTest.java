package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import moa.classifiers.core.driftdetection.CusumDM;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.EDDM;
import moa.classifiers.core.driftdetection.PageHinkleyDM;
import org.junit.jupiter.api.Test;

/**
 * DDM, EDDM, Page-Hinkley and CUSUM against MOA on streams drawn at random, stream shape and parameters included:
 * Bernoulli error streams with up to four abrupt or gradual changes of rate (rates also round ones such as 1/3 and
 * 0.5), Gaussian streams with changes of mean, offsets up to several thousand and scales from 0.02 to 50, with
 * random and default parameters. Every value must give MOA's state, and an estimate within 1e-9.
 *
 * <p>DDM, Page-Hinkley and CUSUM compute their means from sums rather than with MOA's incremental update (see
 * their class comments), so this is where a rounding difference would show. {@code -Ddriftline.soak.streams=N}
 * (default 600) sets the number of streams per family; the figures in the README come from 100 000.
 */
class MoaSoakTest {
    private static final int STREAMS = Integer.getInteger("driftline.soak.streams", 600);
    private static final double[] ROUND_RATES = {0.1, 0.2, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75};

    @Test
    void binaryDetectorsDecideAsMoaOnRandomBernoulliStreams() {
        Random meta = new Random(101);
        int drifts = 0;
        for (int t = 0; t < STREAMS; t++) {
            long seed = meta.nextLong();
            Random r = new Random(seed);
            double[] values = bernoulli(r);
            String name = "bernoulli seed " + seed;
            int minInstances = r.nextBoolean() ? 30 : 5 + r.nextInt(60);
            double warning = r.nextBoolean() ? 2.0 : 1 + r.nextDouble() * 2;
            double drift = r.nextBoolean() ? warning + 1 : warning + r.nextDouble() * 2;
            drifts += BinaryDetectorsMoaDifferentialTest.assertSameAsMoa("DDM", name, values, false,
                    () -> new Ddm(minInstances, warning, drift), () -> {
                        DDM moa = new DDM();
                        moa.minNumInstancesOption.setValue(minInstances);
                        moa.warningLevelOption.setValue(warning);
                        moa.outcontrolLevelOption.setValue(drift);
                        moa.prepareForUse();
                        return moa;
                    })[0];
            drifts += BinaryDetectorsMoaDifferentialTest.assertSameAsMoa("EDDM", name, values, false, Eddm::new, () -> {
                EDDM moa = new EDDM();
                moa.prepareForUse();
                return moa;
            })[0];
            drifts += assertMeanDetectorsSameAsMoa(name, values, 30, 0.005, 50, 0.9999);
        }
        assertTrue(drifts > STREAMS, "the streams drift: " + drifts);
    }

    @Test
    void meanDetectorsDecideAsMoaOnRandomGaussianStreams() {
        Random meta = new Random(202);
        int drifts = 0;
        for (int t = 0; t < STREAMS; t++) {
            long seed = meta.nextLong();
            Random r = new Random(seed);
            double scale = Math.exp(r.nextGaussian() * 1.3);
            double offset = r.nextBoolean() ? 0 : r.nextGaussian() * 1000;
            double[] values = gaussian(r, offset, scale);
            boolean defaults = r.nextBoolean();
            int minInstances = defaults ? 30 : r.nextInt(100);
            double delta = defaults ? 0.005 : Math.min(1, r.nextDouble() * scale);
            double lambda = defaults ? 50 : 1 + r.nextDouble() * 100 * scale;
            double alpha = defaults ? 0.9999 : r.nextBoolean() ? 1 : 1 - Math.pow(10, -1 - r.nextInt(5));
            drifts += assertMeanDetectorsSameAsMoa("gaussian seed " + seed, values, minInstances, delta, lambda, alpha);
        }
        assertTrue(drifts > STREAMS, "the streams drift: " + drifts);
    }

    private static int assertMeanDetectorsSameAsMoa(String name, double[] values, int minInstances, double delta,
            double lambda, double alpha) {
        int drifts = BinaryDetectorsMoaDifferentialTest.assertSameAsMoa("PageHinkley", name, values, false,
                () -> new PageHinkley(minInstances, delta, lambda, alpha), () -> {
                    PageHinkleyDM moa = new PageHinkleyDM();
                    moa.minNumInstancesOption.setValue(minInstances);
                    moa.deltaOption.setValue(delta);
                    moa.lambdaOption.setValue(lambda);
                    moa.alphaOption.setValue(alpha);
                    moa.prepareForUse();
                    return moa;
                })[0];
        return drifts + BinaryDetectorsMoaDifferentialTest.assertSameAsMoa("CUSUM", name, values, false,
                () -> new Cusum(minInstances, delta, lambda), () -> {
                    CusumDM moa = new CusumDM();
                    moa.minNumInstancesOption.setValue(minInstances);
                    moa.deltaOption.setValue(delta);
                    moa.lambdaOption.setValue(lambda);
                    moa.prepareForUse();
                    return moa;
                })[0];
    }

    /** 1 000 to 21 000 Bernoulli values with up to four abrupt or 500-value gradual changes of the error rate. */
    private static double[] bernoulli(Random r) {
        double[] rates = new double[5];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = r.nextBoolean() ? ROUND_RATES[r.nextInt(ROUND_RATES.length)] : 0.01 + r.nextDouble() * 0.6;
        }
        double[] levels = levels(r, rates);
        for (int i = 0; i < levels.length; i++) {
            levels[i] = r.nextDouble() < levels[i] ? 1 : 0;
        }
        return levels;
    }

    private static double[] gaussian(Random r, double offset, double scale) {
        double[] means = new double[5];
        for (int i = 0; i < means.length; i++) {
            means[i] = offset + r.nextGaussian() * 2 * scale;
        }
        double[] levels = levels(r, means);
        for (int i = 0; i < levels.length; i++) {
            levels[i] += r.nextGaussian() * scale;
        }
        return levels;
    }

    /** A piecewise level per position: {@code segments[0]} then up to four changes, each abrupt or over 500 values. */
    private static double[] levels(Random r, double[] segments) {
        int length = 1000 + r.nextInt(20000);
        int changes = r.nextInt(segments.length);
        int[] cuts = r.ints(changes, 0, length).sorted().toArray();
        boolean gradual = r.nextBoolean();
        double[] levels = new double[length];
        int segment = 0;
        for (int i = 0; i < length; i++) {
            while (segment < changes && i >= cuts[segment]) {
                segment++;
            }
            double level = segments[segment];
            int since = segment == 0 ? Integer.MAX_VALUE : i - cuts[segment - 1];
            if (gradual && since < 500) {
                double w = since / 500.0;
                level = segments[segment - 1] * (1 - w) + level * w;
            }
            levels[i] = level;
        }
        return levels;
    }
}
