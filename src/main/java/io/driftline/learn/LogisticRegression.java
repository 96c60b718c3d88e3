package io.driftline.learn;

import io.driftline.detect.Params;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * One-vs-rest logistic regression trained by stochastic gradient descent on the log loss with L2
 * regularisation.
 *
 * <p>Method: for each class k with label y = +1 (true class) or -1, and z = y (w_k . x + b_k): the weights
 * first decay by {@code 1 - learningRate * lambda / t} (t = instances seen, from 1), then
 * {@code w_k += learningRate * y * dloss(z) * x} and {@code b_k += learningRate * y * dloss(z)}, with
 * {@code dloss(z) = 1 / (1 + exp(z))}. The vote of class k is the sigmoid of {@code w_k . x + b_k}. Sums run
 * in attribute order as in MOA, so predictions are identical. Inputs are not normalised; nominal inputs
 * enter as value indices; missing inputs (NaN) are skipped. Unseen classes add zero-weight units.
 *
 * <p>Parameters: {@code learningRate} (1e-4, &gt; 0), {@code lambda} (1e-4, &gt;= 0).
 *
 * <pre>{@code
 * OnlineLearner lr = LearnerType.LOGISTIC_REGRESSION.create(schema, Map.of("learningRate", 1e-3));
 * int predicted = Votes.argmax(lr.predict(x));
 * lr.learn(x, trueClass);
 * }</pre>
 *
 * <p>Reference: T. Zhang, Solving large scale linear prediction problems using stochastic gradient descent
 * algorithms, ICML 2004; D. R. Cox, The regression analysis of binary sequences, JRSS B 1958. Matches MOA
 * {@code moa.classifiers.functions.SGDMultiClass -o LOGLOSS}.
 */
public final class LogisticRegression implements OnlineLearner {
    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    public static final double DEFAULT_LAMBDA = 1e-4;
    static final Set<String> PARAMETERS = Set.of("learningRate", "lambda");

    private final Schema schema;
    private final double learningRate;
    private final double lambda;
    private final int numInputs;

    /** Null until the first training instance. */
    private double[][] weights;
    private double[] bias;
    private double t = 1;
    private double[] votes = new double[0];

    public LogisticRegression(Schema schema) {
        this(schema, Map.of());
    }

    public LogisticRegression(Schema schema, Map<String, ?> params) {
        this.schema = NaiveBayes.requireClassification(schema);
        Params p = Params.of(params, PARAMETERS);
        this.learningRate = Params.requirePositive("learningRate", p.getDouble("learningRate", DEFAULT_LEARNING_RATE));
        this.lambda = Params.requireNonNegative("lambda", p.getDouble("lambda", DEFAULT_LAMBDA));
        this.numInputs = schema.numInputs();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    private double dot(double[] x, double[] w) {
        double result = 0;
        for (int i = 0; i < numInputs; i++) {
            double v = x[i];
            if (!Double.isNaN(v)) {
                result += v * w[i];
            }
        }
        return result;
    }

    private static double dloss(double z) {
        if (z < 0) {
            return 1.0 / (Math.exp(z) + 1.0);
        }
        double e = Math.exp(-z);
        return e / (e + 1);
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
        for (int c = 0; c < k; c++) {
            double z = dot(x, weights[c]) + bias[c];
            votes[c] = z <= 0 ? 1.0 - 1.0 / (1.0 + Math.exp(z)) : 1.0 / (1.0 + Math.exp(-z));
        }
        return votes;
    }

    @Override
    public void learn(double[] x, double target) {
        if (Double.isNaN(target)) {
            return;
        }
        int actual = NaiveBayes.classIndex(target);
        int needed = Math.max(weights == null ? schema.numClasses() : weights.length, actual + 1);
        if (weights == null || needed > weights.length) {
            int old = weights == null ? 0 : weights.length;
            weights = weights == null ? new double[needed][] : Arrays.copyOf(weights, needed);
            bias = bias == null ? new double[needed] : Arrays.copyOf(bias, needed);
            for (int c = old; c < needed; c++) {
                weights[c] = new double[numInputs];
            }
        }
        for (int c = 0; c < weights.length; c++) {
            double[] w = weights[c];
            double wx = dot(x, w);
            double y = actual != c ? -1 : 1;
            double z = y * (wx + bias[c]);
            double multiplier = 1.0 - (learningRate * lambda) / t;
            for (int i = 0; i < numInputs; i++) {
                w[i] = w[i] * multiplier;
            }
            double factor = learningRate * y * dloss(z);
            for (int i = 0; i < numInputs; i++) {
                double v = x[i];
                if (!Double.isNaN(v)) {
                    w[i] += factor * v;
                }
            }
            bias[c] += factor;
        }
        t++;
    }

    @Override
    public byte[] snapshot() {
        return SnapshotFormat.write(type(), out -> {
            out.writeDouble(t);
            out.writeBoolean(weights != null);
            if (weights != null) {
                out.writeInt(weights.length);
                out.writeInt(numInputs);
                for (int c = 0; c < weights.length; c++) {
                    out.writeDouble(bias[c]);
                    for (double v : weights[c]) {
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
            double tt = in.readDouble();
            if (!in.readBoolean()) {
                t = tt;
                weights = null;
                bias = null;
                return;
            }
            int k = in.readInt();
            int n = in.readInt();
            if (n != numInputs || k < 0 || k > (1 << 20)) {
                throw new IllegalArgumentException("snapshot does not fit this schema");
            }
            double[][] w = new double[k][n];
            double[] b = new double[k];
            for (int c = 0; c < k; c++) {
                b[c] = in.readDouble();
                for (int i = 0; i < n; i++) {
                    w[c][i] = in.readDouble();
                }
            }
            t = tt;
            weights = w;
            bias = b;
        } catch (IOException e) {
            throw SnapshotFormat.corrupt(e);
        }
    }

    @Override
    public LearnerType type() {
        return LearnerType.LOGISTIC_REGRESSION;
    }
}
