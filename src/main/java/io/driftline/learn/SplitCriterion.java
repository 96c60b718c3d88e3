package io.driftline.learn;

/**
 * Information gain split criterion of the Hoeffding trees, as MOA's {@code InfoGainSplitCriterion}
 * computes it: entropy before minus weighted entropy after, negative infinity unless at least two
 * branches hold more than {@link #MIN_BRANCH_FRACTION} of the weight. Logarithms are base 2.
 */
final class SplitCriterion {
    /** MOA's {@code minBranchFrac} default. */
    static final double MIN_BRANCH_FRACTION = 0.01;
    private static final double LN2 = Math.log(2);

    private SplitCriterion() {
    }

    static double log2(double a) {
        return Math.log(a) / LN2;
    }

    static double merit(double[] preSplit, double[][] postSplit) {
        if (subsetsAboveFraction(postSplit, MIN_BRANCH_FRACTION) < 2) {
            return Double.NEGATIVE_INFINITY;
        }
        return entropy(preSplit) - entropy(postSplit);
    }

    /** The range of the merit: log2 of the number of classes in the distribution, at least 2. */
    static double rangeOfMerit(double[] preSplit) {
        return log2(Math.max(preSplit.length, 2));
    }

    static double entropy(double[] dist) {
        double entropy = 0.0;
        double sum = 0.0;
        for (double d : dist) {
            if (d > 0.0) {
                entropy -= d * log2(d);
                sum += d;
            }
        }
        return sum > 0.0 ? (entropy + sum * log2(sum)) / sum : 0.0;
    }

    static double entropy(double[][] dists) {
        double total = 0.0;
        double[] weights = new double[dists.length];
        for (int i = 0; i < dists.length; i++) {
            weights[i] = sum(dists[i]);
            total += weights[i];
        }
        double entropy = 0.0;
        for (int i = 0; i < dists.length; i++) {
            entropy += weights[i] * entropy(dists[i]);
        }
        return entropy / total;
    }

    static int subsetsAboveFraction(double[][] dists, double minFraction) {
        double total = 0.0;
        double[] sums = new double[dists.length];
        for (int i = 0; i < dists.length; i++) {
            for (int j = 0; j < dists[i].length; j++) {
                sums[i] += dists[i][j];
            }
            total += sums[i];
        }
        int n = 0;
        for (double d : sums) {
            if (d / total > minFraction) {
                n++;
            }
        }
        return n;
    }

    static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
