package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact KS p-value and statistic, checked independently of scipy (not installed here): the p-value
 * against a brute-force count over all C(2n, n) orderings of two samples of size n, the statistic against
 * a direct evaluation of both empirical CDFs at every observed value.
 */
class KswinKsPValueTest {

    /** P(D >= h/n) for h = 0..n by enumerating every interleaving of two n-samples (equally likely under H0). */
    static double[] bruteForce(int n) {
        long total = 0;
        long[] withMax = new long[n + 1];
        for (int mask = 0; mask < (1 << (2 * n)); mask++) {
            if (Integer.bitCount(mask) != n) {
                continue;
            }
            total++;
            int diff = 0;
            int max = 0;
            for (int pos = 0; pos < 2 * n; pos++) {
                diff += (mask & (1 << pos)) != 0 ? 1 : -1;
                max = Math.max(max, Math.abs(diff));
            }
            withMax[max]++;
        }
        double[] p = new double[n + 1];
        long atLeast = 0;
        for (int h = n; h >= 0; h--) {
            atLeast += withMax[h];
            p[h] = (double) atLeast / total;
        }
        return p;
    }

    @Test
    void pValueEqualsBruteForcePathCount() {
        for (int n = 1; n <= 10; n++) {
            double[] expected = bruteForce(n);
            for (int h = 0; h <= n; h++) {
                assertEquals(expected[h], KsTest.pValue(n, h), 1e-13, "n=" + n + " h=" + h);
            }
        }
    }

    @Test
    void knownSmallValues() {
        // n=3, h=3: only the 2 orderings aaabbb and bbbaaa of C(6,3)=20
        assertEquals(0.1, KsTest.pValue(3, 3), 1e-15);
        // n=30, h=30: 2 / C(60,30)
        assertEquals(2 / 118264581564861424.0, KsTest.pValue(30, 30), 1e-27);
        assertEquals(1.0, KsTest.pValue(30, 0));
        assertEquals(1.0, KsTest.pValue(30, 1)); // scipy's exact value rounds to 1.0000000000000004: clipped
    }

    @Test
    void pValueDecreasesWithTheStatistic() {
        double previous = 2;
        for (int h = 0; h <= 30; h++) {
            double p = KsTest.pValue(30, h);
            assertTrue(p <= previous && p >= 0 && p <= 1, "h=" + h + " p=" + p);
            previous = p;
        }
    }

    @Test
    void statisticMatchesDirectEcdfEvaluationWithTies() {
        Random r = new Random(5);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + r.nextInt(40);
            double[] a = new double[n];
            double[] b = new double[n];
            boolean ties = trial % 2 == 0;
            for (int i = 0; i < n; i++) {
                a[i] = ties ? r.nextInt(5) : r.nextGaussian();
                b[i] = ties ? r.nextInt(5) + (trial % 3 == 0 ? 1 : 0) : r.nextGaussian() + 0.5;
            }
            int expected = 0;
            for (double v : concat(a, b)) {
                expected = Math.max(expected, Math.abs(countAtMost(a, v) - countAtMost(b, v)));
            }
            assertEquals(expected, KsTest.maxCountDifference(a.clone(), b.clone(), n), "trial " + trial);
        }
    }

    @Test
    void signedZerosAreEqualAndNanSortsLast() {
        assertEquals(0, KsTest.maxCountDifference(new double[] {-0.0, 1}, new double[] {0.0, 1}, 2));
        assertEquals(1, KsTest.maxCountDifference(new double[] {Double.NaN, 1}, new double[] {2, 1}, 2));
        assertEquals(0, KsTest.maxCountDifference(new double[] {Double.NaN, 1}, new double[] {1, Double.NaN}, 2));
    }

    @Test
    void statisticIsHOverN() {
        assertEquals(0.1, KsTest.statistic(30, 3));
        assertTrue(KsTest.statistic(30, 4) > Kswin.MIN_STATISTIC);
        assertTrue(!(KsTest.statistic(30, 3) > Kswin.MIN_STATISTIC));
    }

    private static int countAtMost(double[] x, double v) {
        int c = 0;
        for (double d : x) {
            if (d <= v) {
                c++;
            }
        }
        return c;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
