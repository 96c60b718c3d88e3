package io.driftline.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Gaussian per class for one numeric attribute plus the per-class minimum and maximum, as MOA's
 * {@code GaussianNumericAttributeClassObserver}: split candidates are the {@link #NUM_BINS} equally spaced
 * points strictly inside the observed range, each scored by the Gaussian estimate of the weight on each side.
 */
final class GaussianNumericObserver extends AttributeObserver {
    /** MOA's {@code numBins} default. */
    static final int NUM_BINS = 10;
    private static final GaussianEstimator[] NONE = new GaussianEstimator[0];

    private final GrowingVector minPerClass;
    private final GrowingVector maxPerClass;
    /** Indexed by class; null where the class was never seen with a value. */
    private GaussianEstimator[] perClass = NONE;

    GaussianNumericObserver() {
        this(new GrowingVector(), new GrowingVector());
    }

    private GaussianNumericObserver(GrowingVector min, GrowingVector max) {
        this.minPerClass = min;
        this.maxPerClass = max;
    }

    @Override
    void observe(double value, int classIndex, double weight) {
        if (Double.isNaN(value)) {
            return;
        }
        if (classIndex >= perClass.length) {
            GaussianEstimator[] a = new GaussianEstimator[classIndex + 1];
            System.arraycopy(perClass, 0, a, 0, perClass.length);
            perClass = a;
        }
        GaussianEstimator g = perClass[classIndex];
        if (g == null) {
            g = new GaussianEstimator();
            perClass[classIndex] = g;
            minPerClass.set(classIndex, value);
            maxPerClass.set(classIndex, value);
        } else {
            if (value < minPerClass.get(classIndex)) {
                minPerClass.set(classIndex, value);
            }
            if (value > maxPerClass.get(classIndex)) {
                maxPerClass.set(classIndex, value);
            }
        }
        g.add(value, weight);
    }

    @Override
    double probability(double value, int classIndex) {
        GaussianEstimator g = classIndex < perClass.length ? perClass[classIndex] : null;
        return g != null ? g.density(value) : 0.0;
    }

    @Override
    SplitSuggestion bestSplit(double[] preSplit, int attribute) {
        SplitSuggestion best = null;
        double[] buffer = new double[3];
        for (double splitValue : splitPoints()) {
            double[][] post = binaryDistributions(splitValue, buffer);
            double merit = SplitCriterion.merit(preSplit, post);
            if (best == null || merit > best.merit) {
                best = new SplitSuggestion(SplitSuggestion.Kind.NUMERIC, attribute, splitValue, post, merit);
            }
        }
        return best;
    }

    /** Distinct candidate thresholds in ascending order. */
    double[] splitPoints() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] != null) {
                if (minPerClass.get(c) < min) {
                    min = minPerClass.get(c);
                }
                if (maxPerClass.get(c) > max) {
                    max = maxPerClass.get(c);
                }
            }
        }
        if (!(min < Double.POSITIVE_INFINITY)) {
            return new double[0];
        }
        double range = max - min;
        double[] points = new double[NUM_BINS];
        int n = 0;
        for (int i = 0; i < NUM_BINS; i++) {
            double split = range / (NUM_BINS + 1.0) * (i + 1) + min;
            if (split > min && split < max) {
                points[n++] = split;
            }
        }
        Arrays.sort(points, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || Double.compare(points[i], points[distinct - 1]) != 0) {
                points[distinct++] = points[i];
            }
        }
        return Arrays.copyOf(points, distinct);
    }

    /** Values equal to the threshold go left. */
    private double[][] binaryDistributions(double splitValue, double[] buffer) {
        GrowingVector lhs = new GrowingVector();
        GrowingVector rhs = new GrowingVector();
        for (int c = 0; c < perClass.length; c++) {
            GaussianEstimator g = perClass[c];
            if (g != null) {
                if (splitValue < minPerClass.get(c)) {
                    rhs.add(c, g.weight());
                } else if (splitValue >= maxPerClass.get(c)) {
                    lhs.add(c, g.weight());
                } else {
                    g.weightLessEqualGreater(splitValue, buffer);
                    lhs.add(c, buffer[0] + buffer[1]);
                    rhs.add(c, buffer[2]);
                }
            }
        }
        return new double[][] {lhs.copy(), rhs.copy()};
    }

    @Override
    void write(DataOutput out) throws IOException {
        minPerClass.write(out);
        maxPerClass.write(out);
        out.writeInt(perClass.length);
        for (GaussianEstimator g : perClass) {
            out.writeBoolean(g != null);
            if (g != null) {
                g.write(out);
            }
        }
    }

    static GaussianNumericObserver readBody(DataInput in) throws IOException {
        GaussianNumericObserver o = new GaussianNumericObserver(GrowingVector.read(in), GrowingVector.read(in));
        int n = in.readInt();
        o.perClass = n == 0 ? NONE : new GaussianEstimator[n];
        for (int i = 0; i < n; i++) {
            o.perClass[i] = in.readBoolean() ? GaussianEstimator.read(in) : null;
        }
        return o;
    }
}
