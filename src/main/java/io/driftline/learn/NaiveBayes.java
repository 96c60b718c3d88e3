package io.driftline.learn;

import io.driftline.detect.Params;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Incremental naive Bayes classifier.
 *
 * <p>Method: the class prior is the observed class frequency; each input is assumed independent given
 * the class. A nominal input contributes the Laplace-corrected frequency
 * {@code (count(value, class) + 1) / (count(class) + number of values seen with that class)}; a numeric
 * input contributes the density of a per-class Gaussian kept with Welford's update. Missing inputs (NaN)
 * are skipped. Votes are the unnormalised products, computed in MOA's order, so predictions match MOA's.
 *
 * <p>Parameters: none.
 *
 * <pre>{@code
 * OnlineLearner nb = LearnerType.NAIVE_BAYES.create(schema, Map.of());
 * int predicted = Votes.argmax(nb.predict(x));
 * nb.learn(x, trueClass);
 * }</pre>
 *
 * <p>Reference: Duda &amp; Hart, Pattern Classification and Scene Analysis, Wiley 1973; John &amp; Langley,
 * Estimating continuous distributions in Bayesian classifiers, UAI 1995. Matches MOA
 * {@code moa.classifiers.bayes.NaiveBayes}.
 */
public final class NaiveBayes implements OnlineLearner {
    static final Set<String> PARAMETERS = Set.of();

    private final Schema schema;
    private GrowingVector classCounts;
    private AttributeObserver[] observers;
    private double[] votes = new double[0];

    public NaiveBayes(Schema schema) {
        this(schema, Map.of());
    }

    public NaiveBayes(Schema schema, Map<String, ?> params) {
        Params.of(params, PARAMETERS);
        this.schema = requireClassification(schema);
        reset();
    }

    static Schema requireClassification(Schema schema) {
        if (schema == null || !schema.isClassification()) {
            throw new IllegalArgumentException("this learner needs a nominal (class) target");
        }
        return schema;
    }

    private void reset() {
        classCounts = new GrowingVector();
        observers = new AttributeObserver[schema.numInputs()];
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public double[] predict(double[] x) {
        votes = predict(x, classCounts, observers, votes);
        return votes;
    }

    @Override
    public void learn(double[] x, double target) {
        if (Double.isNaN(target)) {
            return;
        }
        int c = classIndex(target);
        classCounts.add(c, 1.0);
        int n = Math.min(x.length, observers.length);
        for (int a = 0; a < n; a++) {
            AttributeObserver obs = observers[a];
            if (obs == null) {
                obs = AttributeObserver.create(schema.inputs().get(a));
                observers[a] = obs;
            }
            obs.observe(x[a], c, 1.0);
        }
    }

    static int classIndex(double target) {
        if (!(target >= 0) || target != Math.rint(target) || target > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("class index must be a non-negative integer, was " + target);
        }
        return (int) target;
    }

    /**
     * MOA's {@code doNaiveBayesPrediction}: one vote per class of {@code classCounts}, reusing
     * {@code reuse} when it has that length.
     */
    static double[] predict(double[] x, GrowingVector classCounts, AttributeObserver[] observers, double[] reuse) {
        int numClasses = classCounts.size();
        double[] out = reuse != null && reuse.length == numClasses ? reuse : new double[numClasses];
        double total = classCounts.sum();
        int n = Math.min(x.length, observers.length);
        for (int c = 0; c < numClasses; c++) {
            double v = classCounts.get(c) / total;
            for (int a = 0; a < n; a++) {
                AttributeObserver obs = observers[a];
                if (obs != null && !Double.isNaN(x[a])) {
                    v *= obs.probability(x[a], c);
                }
            }
            out[c] = v;
        }
        return out;
    }

    @Override
    public byte[] snapshot() {
        return SnapshotFormat.write(type(), out -> {
            classCounts.write(out);
            out.writeInt(observers.length);
            for (AttributeObserver o : observers) {
                AttributeObserver.write(o, out);
            }
        });
    }

    @Override
    public void restore(byte[] snapshot) {
        DataInputStream in = SnapshotFormat.open(type(), snapshot);
        try {
            GrowingVector counts = GrowingVector.read(in);
            int n = in.readInt();
            if (n != schema.numInputs()) {
                throw new IllegalArgumentException("snapshot has " + n + " inputs, schema has " + schema.numInputs());
            }
            AttributeObserver[] obs = new AttributeObserver[n];
            for (int i = 0; i < n; i++) {
                obs[i] = AttributeObserver.read(in);
            }
            classCounts = counts;
            observers = obs;
        } catch (IOException e) {
            throw SnapshotFormat.corrupt(e);
        }
    }

    @Override
    public LearnerType type() {
        return LearnerType.NAIVE_BAYES;
    }
}
