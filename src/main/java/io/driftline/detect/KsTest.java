package io.driftline.detect;

/**
 * The exact two-sided two-sample Kolmogorov–Smirnov test for two samples of the same size {@code n}, as
 * {@code scipy.stats.ks_2samp(a, b, method="auto")} computes it for {@code n <= 10000} (where "auto"
 * selects the exact method).
 *
 * <p>The statistic is {@code D = h / n}, where {@code h} is the largest difference between the numbers
 * of values of each sample at or below any observed value (right-continuous empirical CDFs, so ties are
 * handled as scipy's {@code searchsorted(..., side="right")}). The p-value {@code P(D_{n,n} >= h/n)} is
 * the reflection-principle series {@code 2 * sum_k (-1)^(k+1) C(2n, n - k h) / C(2n, n)} evaluated in
 * scipy's Horner-like product form (its {@code _compute_prob_outside_square}), with the same floating-point
 * operations in the same order. When rounding puts that value just above 1 (only for p-values within
 * a few ulps of 1), scipy switches to an asymptotic distribution; here it is clipped to 1.0 instead.
 *
 * <p>The samples are sorted in place (insertion sort up to 64 values, so KSWIN's default sizes allocate
 * nothing).
 */
public final class KsTest {
    /** scipy's {@code MAX_AUTO_N}: above it, "auto" is no longer exact. */
    public static final int MAX_EXACT_N = 10000;

    private KsTest() {
    }

    /**
     * Sorts {@code a[0..n)} and {@code b[0..n)} in place and returns
     * {@code h = max_v |#{a <= v} - #{b <= v}|} over all observed values {@code v}. NaN sorts last and
     * equals NaN, -0.0 equals 0.0 (NumPy's ordering).
     */
    public static int maxCountDifference(double[] a, double[] b, int n) {
        sort(a, n);
        sort(b, n);
        int i = 0;
        int j = 0;
        int h = 0;
        while (i < n || j < n) {
            double v;
            if (j >= n || (i < n && !less(b[j], a[i]))) {
                v = a[i];
            } else {
                v = b[j];
            }
            while (i < n && same(a[i], v)) {
                i++;
            }
            while (j < n && same(b[j], v)) {
                j++;
            }
            int d = i > j ? i - j : j - i;
            if (d > h) {
                h = d;
            }
        }
        return h;
    }

    /** The statistic {@code h / n} as scipy returns it ({@code h * 1.0 / lcm(n, n)}). */
    public static double statistic(int n, int h) {
        return h * 1.0 / n;
    }

    /** Exact {@code P(D_{n,n} >= h/n)} for two samples of size {@code n}; 1 for {@code h == 0}. */
    public static double pValue(int n, int h) {
        if (n <= 0 || h < 0 || h > n) {
            throw new IllegalArgumentException("need 0 <= h <= n, n > 0; was n=" + n + ", h=" + h);
        }
        if (h == 0) {
            return 1.0;
        }
        double p = 0.0;
        for (int k = n / h; k >= 0; k--) {
            double term = 1.0;
            int kh = k * h;
            for (int j = 0; j < h; j++) {
                term = (n - kh - j) * term / (n + kh + j + 1);
            }
            p = term * (1.0 - p);
        }
        p = 2 * p;
        return p > 1.0 ? 1.0 : (p < 0.0 ? 0.0 : p);
    }

    /** NumPy order: NaN is largest. */
    private static boolean less(double x, double y) {
        return x < y || (y != y && x == x);
    }

    private static boolean same(double x, double y) {
        return x == y || (x != x && y != y);
    }

    private static void sort(double[] a, int n) {
        if (n > 64) {
            java.util.Arrays.sort(a, 0, n); // NaN last, -0.0 next to 0.0: the walk above treats them as NumPy does
            return;
        }
        for (int i = 1; i < n; i++) {
            double x = a[i];
            int j = i - 1;
            while (j >= 0 && less(x, a[j])) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }
}
