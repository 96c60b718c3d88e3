package io.driftline.learn;

import io.driftline.detect.Params;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Single-layer perceptron with one sigmoid unit per class, trained online by the delta rule.
 *
 * <p>Method: the output of class k is {@code s_k = 1 / (1 + exp(-(w_k . x + b_k)))}; after each instance,
 * every unit moves by {@code learningRatio * (t_k - s_k) s_k (1 - s_k)} times the input (target t_k is 1 for
 * the true class, 0 otherwise). Weights start uniform in [-0.1, 0.1) from {@code java.util.Random(seed)},
 * drawn class by class with the bias last, as MOA draws them. Votes are the outputs normalised to sum 1.
 * Inputs are not normalised and a nominal input enters as its value index, as in MOA; a missing input
 * (NaN) contributes nothing (MOA would propagate NaN). Unseen classes add units with fresh random weights.
 *
 * <p>Parameters: {@code learningRatio} (1.0, &gt; 0), {@code seed} (1).
 *
 * <pre>{@code
 * OnlineLearner p = LearnerType.PERCEPTRON.create(schema, Map.of("learningRatio", 1.0));
 * int predicted = Votes.argmax(p.predict(x));
 * p.learn(x, trueClass);
 * }</pre>
 *
 * <p>Reference: F. Rosenblatt, The perceptron: a probabilistic model for information storage and
 * organization in the brain, Psychological Review 65(6), 1958. Matches MOA
 * {@code moa.classifiers.functions.Perceptron}.
 */
public final class Perceptron implements OnlineLearner {
    public static final double DEFAULT_LEARNING_RATIO = 1.0;
    public static final int DEFAULT_SEED = 1;
    static final Set<String> PARAMETERS = Set.of("learningRatio", "seed");

    private final Schema schema;
    private final double learningRatio;
    private final int seed;
    private final int numInputs;

    private SeededRandom rng;
    /** Null until the first training instance; row k = class k, the bias at index numInputs. */
    private double[][] weights;
    private double[] outputs = new double[0];
    private double[] votes = new double[0];

    public Perceptron(Schema schema) {
        this(schema, Map.of());
    }

    public Perceptron(Schema schema, Map<String, ?> params) {
        this.schema = NaiveBayes.requireClassification(schema);
        Params p = Params.of(params, PARAMETERS);
        this.learningRatio = Params.requirePositive("learningRatio", p.getDouble("learningRatio", DEFAULT_LEARNING_RATIO));
        this.seed = p.getInt("seed", DEFAULT_SEED);
        this.numInputs = schema.numInputs();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    private void addClasses(int count) {
        int old = weights == null ? 0 : weights.length;
        double[][] w = weights == null ? new double[count][] : Arrays.copyOf(weights, count);
        for (int k = old; k < count; k++) {
            w[k] = new double[numInputs + 1];
            for (int j = 0; j <= numInputs; j++) {
                w[k][j] = 0.2 * rng.nextDouble() - 0.1;
            }
        }
        weights = w;
        outputs = new double[count];
    }

    private double output(double[] x, int k) {
        double[] w = weights[k];
        double sum = 0.0;
        for (int i = 0; i < numInputs; i++) {
            double v = x[i];
            if (!Double.isNaN(v)) {
                sum += w[i] * v;
            }
        }
        sum += w[numInputs];
        return 1.0 / (1.0 + Math.exp(-sum));
    }

    @Override
    public double[] predict(double[] x) {
        int k = weights == null ? schema.numClasses() : weights.length;
        if (votes.length != k) {
            votes = new double[k];
        }
        if (weights == null) {
            Arrays.fill(votes, 0.0);
            return votes;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            votes[c] = output(x, c);
            sum += votes[c];
        }
        if (!Double.isNaN(sum) && sum != 0) {
            for (int c = 0; c < k; c++) {
                votes[c] /= sum;
            }
        }
        return votes;
    }

    @Override
    public void learn(double[] x, double target) {
        if (Double.isNaN(target)) {
            return;
        }
        int actual = NaiveBayes.classIndex(target);
        if (weights == null) {
            rng = new SeededRandom(seed);
            addClasses(Math.max(schema.numClasses(), actual + 1));
        } else if (actual >= weights.length) {
            addClasses(actual + 1);
        }
        int k = weights.length;
        for (int c = 0; c < k; c++) {
            outputs[c] = output(x, c);
        }
        for (int c = 0; c < k; c++) {
            double t = c == actual ? 1.0 : 0.0;
            double delta = (t - outputs[c]) * outputs[c] * (1 - outputs[c]);
            double[] w = weights[c];
            for (int j = 0; j < numInputs; j++) {
                double v = x[j];
                if (!Double.isNaN(v)) {
                    w[j] += learningRatio * delta * v;
                }
            }
            w[numInputs] += learningRatio * delta;
        }
    }

    @Override
    public byte[] snapshot() {
        return SnapshotFormat.write(type(), out -> {
            out.writeBoolean(weights != null);
            if (weights != null) {
                out.writeLong(rng.state());
                out.writeInt(weights.length);
                out.writeInt(numInputs + 1);
                for (double[] row : weights) {
                    for (double v : row) {
                        out.writeDouble(v);
                    }
                }
            }
        });
    }

    @Override
    public void restore(byte[] snapshot) {
        DataInputStream in = SnapshotFormat.open(type(), snapshot);
        try {
            if (!in.readBoolean()) {
                weights = null;
                rng = null;
                return;
            }
            SeededRandom r = SeededRandom.fromState(in.readLong());
            int k = in.readInt();
            int n = in.readInt();
            if (n != numInputs + 1 || k < 0 || k > (1 << 20)) {
                throw new IllegalArgumentException("snapshot does not fit this schema");
            }
            double[][] w = new double[k][n];
            for (double[] row : w) {
                for (int j = 0; j < n; j++) {
                    row[j] = in.readDouble();
                }
            }
            rng = r;
            weights = w;
            outputs = new double[k];
        } catch (IOException e) {
            throw SnapshotFormat.corrupt(e);
        }
    }

    @Override
    public LearnerType type() {
        return LearnerType.PERCEPTRON;
    }
}
