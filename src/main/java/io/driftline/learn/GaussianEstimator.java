package io.driftline.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A weighted running mean and variance (Welford's update) with the normal density and cumulative
 * probability derived from it, matching MOA's {@code moa.core.GaussianEstimator} operation for operation.
 * The normal CDF is the Cephes {@code ndtr} rational approximation, as in MOA's {@code Statistics}.
 */
final class GaussianEstimator {
    static final double NORMAL_CONSTANT = Math.sqrt(2 * Math.PI);

    private double weightSum;
    private double mean;
    private double varianceSum;

    void add(double value, double weight) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return;
        }
        if (weightSum > 0.0) {
            weightSum += weight;
            double lastMean = mean;
            mean += weight * (value - lastMean) / weightSum;
            varianceSum += weight * (value - lastMean) * (value - mean);
        } else {
            mean = value;
            weightSum = weight;
        }
    }

    double weight() {
        return weightSum;
    }

    double mean() {
        return mean;
    }

    double variance() {
        return weightSum > 1.0 ? varianceSum / (weightSum - 1.0) : 0.0;
    }

    double stdDev() {
        return Math.sqrt(variance());
    }

    double density(double value) {
        if (weightSum > 0.0) {
            double stdDev = stdDev();
            if (stdDev > 0.0) {
                double diff = value - mean;
                return (1.0 / (NORMAL_CONSTANT * stdDev)) * Math.exp(-(diff * diff / (2.0 * stdDev * stdDev)));
            }
            return value == mean ? 1.0 : 0.0;
        }
        return 0.0;
    }

    /** Fills {@code out} with the estimated weight below, at and above {@code value}. */
    void weightLessEqualGreater(double value, double[] out) {
        double equal = density(value) * weightSum;
        double stdDev = stdDev();
        double less = stdDev > 0.0
                ? normalProbability((value - mean) / stdDev) * weightSum - equal
                : (value < mean ? weightSum - equal : 0.0);
        double greater = weightSum - equal - less;
        if (greater < 0.0) {
            greater = 0.0;
        }
        out[0] = less;
        out[1] = equal;
        out[2] = greater;
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(weightSum);
        out.writeDouble(mean);
        out.writeDouble(varianceSum);
    }

    static GaussianEstimator read(DataInput in) throws IOException {
        GaussianEstimator g = new GaussianEstimator();
        g.weightSum = in.readDouble();
        g.mean = in.readDouble();
        g.varianceSum = in.readDouble();
        return g;
    }

    // ---- Cephes normal distribution (ndtr, erf, erfc), public-domain coefficients by S. L. Moshier ----

    private static final double SQRTH = 7.07106781186547524401E-1;
    private static final double MAXLOG = 7.09782712893383996732E2;
    private static final double[] ERF_T = {9.60497373987051638749E0, 9.00260197203842689217E1,
            2.23200534594684319226E3, 7.00332514112805075473E3, 5.55923013010394962768E4};
    private static final double[] ERF_U = {3.35617141647503099647E1, 5.21357949780152679795E2,
            4.59432382970980127987E3, 2.26290000613890934246E4, 4.92673942608635921086E4};
    private static final double[] ERFC_P = {2.46196981473530512524E-10, 5.64189564831068821977E-1,
            7.46321056442269912687E0, 4.86371970985681366614E1, 1.96520832956077098242E2,
            5.26445194995477358631E2, 9.34528527171957607540E2, 1.02755188689515710272E3,
            5.57535335369399327526E2};
    private static final double[] ERFC_Q = {1.32281951154744992508E1, 8.67072140885989742329E1,
            3.54937778887819891062E2, 9.75708501743205489753E2, 1.82390916687909736289E3,
            2.24633760818710981792E3, 1.65666309194161350182E3, 5.57535340817727675546E2};
    private static final double[] ERFC_R = {5.64189583547755073984E-1, 1.27536670759978104416E0,
            5.01905042251180477414E0, 6.16021097993053585195E0, 7.40974269950448939160E0,
            2.97886665372100240670E0};
    private static final double[] ERFC_S = {2.26052863220117276590E0, 9.39603524938001434673E0,
            1.20489539808096656605E1, 1.70814450747565897222E1, 9.60896809063285878198E0,
            3.36907645100081516050E0};

    /** The standard normal cumulative probability of {@code a}. */
    static double normalProbability(double a) {
        double x = a * SQRTH;
        double z = Math.abs(x);
        if (z < SQRTH) {
            return 0.5 + 0.5 * erf(x);
        }
        double y = 0.5 * erfc(z);
        return x > 0 ? 1.0 - y : y;
    }

    static double erf(double x) {
        if (Math.abs(x) > 1.0) {
            return 1.0 - erfc(x);
        }
        double z = x * x;
        return x * polynomial(z, ERF_T) / monicPolynomial(z, ERF_U);
    }

    static double erfc(double a) {
        double x = a < 0.0 ? -a : a;
        if (x < 1.0) {
            return 1.0 - erf(a);
        }
        double z = -a * a;
        if (z < -MAXLOG) {
            return a < 0 ? 2.0 : 0.0;
        }
        z = Math.exp(z);
        double p;
        double q;
        if (x < 8.0) {
            p = polynomial(x, ERFC_P);
            q = monicPolynomial(x, ERFC_Q);
        } else {
            p = polynomial(x, ERFC_R);
            q = monicPolynomial(x, ERFC_S);
        }
        double y = (z * p) / q;
        if (a < 0) {
            y = 2.0 - y;
        }
        if (y == 0.0) {
            return a < 0 ? 2.0 : 0.0;
        }
        return y;
    }

    /** Horner evaluation of c[0] x^n + ... + c[n]. */
    private static double polynomial(double x, double[] c) {
        double ans = c[0];
        for (int i = 1; i < c.length; i++) {
            ans = ans * x + c[i];
        }
        return ans;
    }

    /** Horner evaluation of x^n + c[0] x^(n-1) + ... + c[n-1] (leading coefficient 1). */
    private static double monicPolynomial(double x, double[] c) {
        double ans = x + c[0];
        for (int i = 1; i < c.length; i++) {
            ans = ans * x + c[i];
        }
        return ans;
    }
}
