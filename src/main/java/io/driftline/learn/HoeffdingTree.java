package io.driftline.learn;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Hoeffding tree (VFDT): an incremental decision tree that splits a leaf once the Hoeffding bound shows,
 * with confidence {@code 1 - splitConfidence}, that the best attribute beats the second best.
 *
 * <p>Method: every leaf keeps per-class statistics of each input (value counts for nominal inputs, a
 * Gaussian per class for numeric inputs). Every {@code gracePeriod} instances a leaf scores the candidate
 * splits by information gain (numeric candidates: 10 equally spaced thresholds inside the observed range;
 * nominal: multiway, or one-vs-rest if strictly better) and splits when the gain difference exceeds
 * {@code sqrt(R^2 ln(1/splitConfidence) / 2n)} or that bound falls below {@code tieThreshold}. If "no split"
 * wins, the leaf is deactivated and predicts its majority class. Leaves predict by majority class (MC),
 * naive Bayes (NB), or adaptively whichever of the two has been right more often at that leaf (NBA).
 * Operations follow MOA's order, so predictions are identical to MOA's.
 *
 * <p>Parameters (defaults are MOA's):
 * <ul>
 *   <li>{@code gracePeriod} (200): instances a leaf sees between split attempts; &gt;= 1.</li>
 *   <li>{@code splitConfidence} (1e-7): allowed error of a split decision; in (0,1).</li>
 *   <li>{@code tieThreshold} (0.05): bound below which a tie is broken by splitting; in [0,1].</li>
 *   <li>{@code leafPrediction} (NBA): MC, NB or NBA.</li>
 * </ul>
 * No memory management, binary-only splits, poor-attribute removal or disabled pre-pruning (MOA's
 * defaults). Unseen classes and nominal values grow the statistics; a nominal value not seen when its
 * multiway split was made gets a new leaf.
 *
 * <pre>{@code
 * OnlineLearner ht = LearnerType.HOEFFDING_TREE.create(schema, Map.of("gracePeriod", 100));
 * int predicted = Votes.argmax(ht.predict(x));
 * ht.learn(x, trueClass);
 * }</pre>
 *
 * <p>Reference: P. Domingos and G. Hulten, Mining high-speed data streams, KDD 2000; naive Bayes
 * adaptive leaves from G. Holmes, R. Kirkby and B. Pfahringer, Stress-testing Hoeffding trees, PKDD 2005.
 * Matches MOA {@code moa.classifiers.trees.HoeffdingTree}.
 */
public final class HoeffdingTree extends AbstractHoeffdingTree {

    public HoeffdingTree(Schema schema) {
        this(schema, Map.of());
    }

    public HoeffdingTree(Schema schema, Map<String, ?> params) {
        super(schema, params(params, PARAMETERS));
    }

    @Override
    public double[] predict(double[] x) {
        if (root == null) {
            int k = schema.numClasses();
            if (votes.length != k) {
                votes = new double[k];
            }
            java.util.Arrays.fill(votes, 0.0);
            return votes;
        }
        Node n = root;
        while (n instanceof Split s) {
            int b = s.branch(x);
            if (b < 0) {
                return copyInto(s.dist);
            }
            Node child = s.child(b);
            if (child == null) {
                return copyInto(s.dist);
            }
            n = child;
        }
        return leafVotes((Leaf) n, x);
    }

    @Override
    public void learn(double[] x, double target) {
        if (Double.isNaN(target)) {
            return;
        }
        int c = NaiveBayes.classIndex(target);
        if (root == null) {
            root = newLeaf(new double[0]);
        }
        Node n = root;
        Split parent = null;
        int parentBranch = -1;
        while (n instanceof Split s) {
            int b = s.branch(x);
            if (b < 0) {
                return; // the instance stops at a decision node: nothing learns from it, as in MOA
            }
            Node child = s.child(b);
            parent = s;
            parentBranch = b;
            if (child == null) {
                child = newLeaf(new double[0]);
                s.setChild(b, child);
            }
            n = child;
        }
        Leaf leaf = (Leaf) n;
        learnLeaf(leaf, x, c, 1.0);
        if (leaf.active) {
            double weightSeen = leaf.dist.sum();
            if (weightSeen - leaf.weightSeenAtLastSplitEvaluation >= gracePeriod) {
                attemptToSplit(leaf, parent, parentBranch);
                leaf.weightSeenAtLastSplitEvaluation = weightSeen;
            }
        }
    }

    @Override
    public byte[] snapshot() {
        return SnapshotFormat.write(type(), out -> writeNode(root, out));
    }

    @Override
    public void restore(byte[] snapshot) {
        DataInputStream in = SnapshotFormat.open(type(), snapshot);
        try {
            root = readNode(in);
        } catch (IOException e) {
            throw SnapshotFormat.corrupt(e);
        }
    }

    @Override
    public LearnerType type() {
        return LearnerType.HOEFFDING_TREE;
    }
}
