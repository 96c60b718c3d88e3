package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Eq. 2 and Eq. 3 against central finite differences of J = Σ_j α(j)·CE(f(j)(x), y) with α held fixed.
 * The analytic gradient is the update of the single O(L) backward sweep: (w_before − w_after) / η.
 */
class HedgeBackpropNetworkGradientTest {

    private static final int LAYERS = 4;
    private static final double H = 1e-6;

    private static Schema schema() {
        return new Schema(List.of(Attribute.numeric("a"), Attribute.numeric("b"), Attribute.numeric("c")),
                Attribute.nominal("class", List.of("x", "y", "z")));
    }

    private static double[] randomInstance(SplittableRandom rnd) {
        return new double[] {rnd.nextGaussian(), 3 + 2 * rnd.nextGaussian(), rnd.nextDouble() * 10};
    }

    @Test
    void singleSweepEqualsFiniteDifferencesOfAlphaWeightedLoss() {
        checkGradient(true);
    }

    @Test
    void baselineGradientIsDeepestHeadOnly() {
        checkGradient(false);
    }

    private void checkGradient(boolean hedge) {
        HedgeBackpropNetwork net = new HedgeBackpropNetwork(schema(), LAYERS, 5, 0.05, 0.99, 0.2, hedge, 7);
        SplittableRandom rnd = new SplittableRandom(3);
        // warm up: non-trivial encoder statistics, weights and a non-uniform α
        for (int t = 0; t < 200; t++) {
            double[] x = randomInstance(rnd);
            net.learn(x, x[0] + x[2] / 5 > 1 ? 2 : (x[1] > 3 ? 1 : 0));
        }
        double[] alpha = net.hedgeWeights();
        if (hedge) {
            assertTrue(alpha[0] != alpha[LAYERS - 1], "alpha should have moved during warm-up");
        } else {
            assertArrayEquals(new double[] {0, 0, 0, 1}, alpha);
        }
        double[] x = randomInstance(rnd);
        int y = 1;

        double[][] params = net.parameterArrays();
        double[][] numeric = new double[params.length][];
        for (int p = 0; p < params.length; p++) {
            numeric[p] = new double[params[p].length];
            for (int i = 0; i < params[p].length; i++) {
                double w = params[p][i];
                params[p][i] = w + H;
                double plus = net.alphaWeightedLoss(x, y);
                params[p][i] = w - H;
                double minus = net.alphaWeightedLoss(x, y);
                params[p][i] = w;
                numeric[p][i] = (plus - minus) / (2 * H);
            }
        }
        assertArrayEquals(alpha, net.hedgeWeights(), "the loss probe must not move alpha");

        double[][] before = new double[params.length][];
        for (int p = 0; p < params.length; p++) {
            before[p] = params[p].clone();
        }
        net.learn(x, y);
        double[][] after = net.parameterArrays();
        double lr = net.learningRate();

        double diff2 = 0;
        double norm2 = 0;
        int nonZero = 0;
        for (int p = 0; p < params.length; p++) {
            boolean layerMoved = false;
            for (int i = 0; i < before[p].length; i++) {
                double analytic = (before[p][i] - after[p][i]) / lr;
                double fd = numeric[p][i];
                double scale = Math.max(Math.abs(analytic), Math.abs(fd));
                assertTrue(Math.abs(analytic - fd) <= 1e-5 * scale + 1e-8,
                        "array " + p + " (layer " + (p / 4 + 1) + ", kind " + (p % 4) + ") index " + i
                                + ": analytic " + analytic + " vs finite difference " + fd);
                diff2 += (analytic - fd) * (analytic - fd);
                norm2 += analytic * analytic + fd * fd;
                if (Math.abs(analytic) > 1e-8) {
                    nonZero++;
                    layerMoved = true;
                }
            }
            int layer = p / 4;
            boolean usedHead = hedge || layer == LAYERS - 1;
            if (p % 4 == 0) {
                // Eq. 3: every hidden layer, the first included, gets gradient from the heads above it
                assertTrue(layerMoved, "hidden layer " + (layer + 1) + " got no gradient");
            }
            if (p % 4 == 2) {
                assertEquals(usedHead, layerMoved, "head " + (layer + 1) + " gradient presence");
            }
        }
        assertTrue(Math.sqrt(diff2 / norm2) < 1e-6, "relative error " + Math.sqrt(diff2 / norm2));
        assertTrue(nonZero > 50, "too few non-zero gradients to be a check: " + nonZero);
    }
}
