package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrequentialEvaluatorTest {

    @Test
    void accuracyKappaAndWindows() {
        PrequentialEvaluator e = new PrequentialEvaluator(2, 3);
        int[][] pairs = {{0, 0}, {1, 0}, {1, 1}, {0, 0}, {1, 1}};
        for (int[] p : pairs) {
            e.addClassification(p[0], p[1]);
        }
        assertEquals(0.8, e.accuracy(), 1e-12);
        // predicted shares 0.6/0.4, true shares 0.4/0.6 -> pc = 0.48
        assertEquals((0.8 - 0.48) / (1 - 0.48), e.kappa(), 1e-12);
        assertArrayEquals(new double[] {0.5, 1.0}, e.windowAccuracies(), 0.0);
        assertEquals(1.0, e.slidingAccuracy(), 0.0);
        assertEquals(1.0, e.slidingKappa(), 1e-12);
    }

    @Test
    void argmaxIsMoaTieBreakAndEmptyVotesAreClassZero() {
        PrequentialEvaluator e = new PrequentialEvaluator();
        assertEquals(0, e.addClassification(0, new double[0]));
        assertEquals(1, e.addClassification(1, new double[] {0.2, 0.4, 0.4}));
        assertEquals(0, e.addClassification(1, new double[] {Double.NaN, 0.4}));
    }

    @Test
    void meanAbsoluteError() {
        PrequentialEvaluator e = new PrequentialEvaluator(10, 2);
        e.addRegression(1, 2);
        e.addRegression(3, 1);
        e.addRegression(0, 0);
        assertEquals(1.0, e.mae(), 1e-12);
        assertEquals(1.0, e.slidingMae(), 1e-12);
    }
}
