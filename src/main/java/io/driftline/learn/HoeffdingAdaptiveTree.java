package io.driftline.learn;

import io.driftline.detect.AdaptiveWindowDetector;
import io.driftline.detect.DetectorType;
import io.driftline.detect.DriftDetector;
import io.driftline.detect.Params;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Hoeffding adaptive tree (HAT-ADWIN): a Hoeffding tree that watches the error of every node with ADWIN,
 * grows an alternate subtree where the error rises, and swaps it in once it is significantly better.
 *
 * <p>Method: each node feeds its 0/1 prediction error to its own ADWIN. When a decision node's window is
 * cut with the error rising, a fresh alternate leaf starts learning beside it; once both windows hold more
 * than 300 values the alternate replaces the node if its error is lower by more than
 * {@code sqrt(2 e (1 - e) ln(2/0.05) (1/n_alt + 1/n))}, or is dropped if higher by that much. Leaves train on
 * each instance with weight k ~ Poisson(1) drawn from the leaf's own generator seeded with {@code seed}
 * (weight unchanged when k = 0, as in MOA), and their votes are scaled by the inverse of their squared error
 * estimate; the tree's votes sum the votes of every leaf the instance reaches. The node logic, including
 * MOA's quirks (an alternate leaf that splits replaces its owner's place in the tree), follows MOA's
 * {@code HoeffdingAdaptiveTree}; results match MOA's accuracy, not necessarily each prediction.
 *
 * <p>Parameters: those of {@link HoeffdingTree} ({@code gracePeriod} 200, {@code splitConfidence} 1e-7,
 * {@code tieThreshold} 0.05, {@code leafPrediction} NBA) and {@code seed} (1): the seed of every node's
 * Poisson generator. The error detectors come from a supplier; the default is ADWIN with delta 0.002,
 * which must implement {@link AdaptiveWindowDetector}.
 *
 * <pre>{@code
 * OnlineLearner hat = new HoeffdingAdaptiveTree(schema, Map.of("seed", 1), () -> myAdwin(0.002));
 * int predicted = Votes.argmax(hat.predict(x));
 * hat.learn(x, trueClass);
 * }</pre>
 *
 * <p>Reference: A. Bifet and R. Gavaldà, Adaptive learning from evolving data streams, IDA 2009.
 * Matches MOA {@code moa.classifiers.trees.HoeffdingAdaptiveTree}.
 */
public final class HoeffdingAdaptiveTree extends AbstractHoeffdingTree {
    public static final int DEFAULT_SEED = 1;
    public static final double DEFAULT_ADWIN_DELTA = 0.002;
    static final Set<String> HAT_PARAMETERS;

    static {
        Set<String> s = new HashSet<>(PARAMETERS);
        s.add("seed");
        HAT_PARAMETERS = Set.copyOf(s);
    }

    private final int seed;
    private final Supplier<? extends DriftDetector> detectors;

    /** With ADWIN (delta 0.002) from {@link DetectorType#ADWIN} on every node. */
    public HoeffdingAdaptiveTree(Schema schema, Map<String, ?> params) {
        this(schema, params, () -> DetectorType.ADWIN.create(Map.of("delta", DEFAULT_ADWIN_DELTA)));
    }

    /**
     * @param detectors a new error detector per node; each must implement {@link AdaptiveWindowDetector}
     */
    public HoeffdingAdaptiveTree(Schema schema, Map<String, ?> params, Supplier<? extends DriftDetector> detectors) {
        this(schema, params(params, HAT_PARAMETERS), detectors);
    }

    private HoeffdingAdaptiveTree(Schema schema, Params p, Supplier<? extends DriftDetector> detectors) {
        super(schema, p);
        this.seed = p.getInt("seed", DEFAULT_SEED);
        if (detectors == null) {
            throw new IllegalArgumentException("detectors must not be null");
        }
        this.detectors = detectors;
    }

    private AdaptiveWindowDetector newDetector() {
        DriftDetector d = detectors.get();
        if (d instanceof AdaptiveWindowDetector a) {
            return a;
        }
        throw new IllegalStateException("the node error detector " + d.getClass().getName()
                + " must implement AdaptiveWindowDetector (setInput, width)");
    }

    @Override
    Leaf newLeaf(double[] initial) {
        Leaf leaf = super.newLeaf(initial);
        leaf.rng = new SeededRandom(seed);
        return leaf;
    }

    @Override
    Split newSplit(SplitSuggestion s, double[] dist) {
        Split split = super.newSplit(s, dist);
        split.rng = new SeededRandom(seed);
        return split;
    }

    /** MOA's adaptive tree would fail on an inactive leaf; here "no split" simply leaves the leaf as it is. */
    @Override
    void deactivate(Leaf leaf) {
    }

    // ------------------------------------------------------------------ prediction

    @Override
    public double[] predict(double[] x) {
        GrowingVector result = new GrowingVector();
        if (root != null) {
            collectVotes(root, null, -1, x, result);
        }
        return result.view();
    }

    private void collectVotes(Node n, Split parent, int branch, double[] x, GrowingVector result) {
        if (n instanceof Split s) {
            int b = s.branch(x);
            if (b >= 0) {
                Node child = s.child(b);
                if (child != null) {
                    collectVotes(child, s, b, x, result);
                } else {
                    result.addAll(copyInto(s.dist));
                }
            }
            if (s.alternate != null) {
                collectVotes(s.alternate, s, -999, x, result);
            }
        } else if (branch != -999) {
            result.addAll(adaptiveLeafVotes((Leaf) n, x));
        }
    }

    private static double errorEstimate(Node n) {
        return n.detector != null ? n.detector.estimate() : 0;
    }

    /** MOA's AdaLearningNode.getClassVotes: the leaf's votes divided by (sum of votes x error^2). */
    private double[] adaptiveLeafVotes(Leaf leaf, double[] x) {
        double[] dist = leafVotes(leaf, x);
        double sum = SplitCriterion.sum(dist);
        double e = errorEstimate(leaf);
        double norm = sum * e * e;
        if (norm > 0.0) {
            for (int i = 0; i < dist.length; i++) {
                dist[i] /= norm;
            }
        }
        return dist;
    }

    // ------------------------------------------------------------------ learning

    @Override
    public void learn(double[] x, double target) {
        if (Double.isNaN(target)) {
            return;
        }
        int c = NaiveBayes.classIndex(target);
        if (root == null) {
            root = newLeaf(new double[0]);
        }
        learnNode(root, x, c, 1.0, null, -1);
    }

    private void learnNode(Node n, double[] x, int c, double weight, Split parent, int parentBranch) {
        if (n instanceof Split s) {
            learnSplit(s, x, c, weight, parent, parentBranch);
        } else {
            learnAdaptiveLeaf((Leaf) n, x, c, weight, parent, parentBranch);
        }
    }

    private void learnAdaptiveLeaf(Leaf leaf, double[] x, int c, double weight, Split parent, int parentBranch) {
        int k = leaf.rng.poisson(1.0);
        double w = k > 0 ? weight * k : weight;
        int predicted = Votes.argmax(adaptiveLeafVotes(leaf, x));
        if (leaf.detector == null) {
            leaf.detector = newDetector();
        }
        leaf.detector.setInput(predicted == c ? 0.0 : 1.0);
        learnLeaf(leaf, x, c, w);
        double weightSeen = leaf.dist.sum();
        if (weightSeen - leaf.weightSeenAtLastSplitEvaluation >= gracePeriod) {
            attemptToSplit(leaf, parent, parentBranch);
            leaf.weightSeenAtLastSplitEvaluation = weightSeen;
        }
    }

    private void learnSplit(Split s, double[] x, int c, double weight, Split parent, int parentBranch) {
        s.rng.poisson(1.0); // drawn and unused by MOA's decision nodes; kept for the same sequence
        int predicted = 0;
        Node reached = reach(s, x);
        if (reached != null) {
            predicted = Votes.argmax(reached instanceof Leaf l ? adaptiveLeafVotes(l, x) : copyInto(reached.dist));
        }
        if (s.detector == null) {
            s.detector = newDetector();
        }
        double oldError = s.detector.estimate();
        boolean change = s.detector.setInput(predicted == c ? 0.0 : 1.0);
        if (change && oldError > s.detector.estimate()) {
            change = false;
        }
        if (change) {
            s.alternate = newLeaf(new double[0]);
        } else if (s.alternate != null && s.alternate.detector != null) {
            int width = s.detector.width();
            int altWidth = s.alternate.detector.width();
            if (width > 300 && altWidth > 300) {
                double oldRate = s.detector.estimate();
                double altRate = s.alternate.detector.estimate();
                double fDelta = .05;
                double fN = 1.0 / ((double) altWidth) + 1.0 / ((double) width);
                double bound = Math.sqrt(2.0 * oldRate * (1.0 - oldRate) * Math.log(2.0 / fDelta) * fN);
                if (bound < oldRate - altRate) {
                    if (parent != null) {
                        parent.setChild(parentBranch, s.alternate);
                    } else {
                        root = ((Split) root).alternate;
                    }
                } else if (bound < altRate - oldRate && s.alternate instanceof Leaf) {
                    s.alternate = null; // MOA leaves a worse alternate subtree in place
                }
            }
        }
        if (s.alternate != null) {
            learnNode(s.alternate, x, c, weight, parent, parentBranch);
        }
        int b = s.branch(x);
        Node child = s.child(b);
        if (b >= 0 && child == null) {
            child = newLeaf(new double[0]);
            s.setChild(b, child);
        }
        if (child != null) {
            learnNode(child, x, c, weight, s, b);
        }
    }

    /** MOA's HoeffdingTree filterInstanceToLeaf from a node: the leaf, the node itself on a missing value, or null. */
    private static Node reach(Node n, double[] x) {
        while (n instanceof Split s) {
            int b = s.branch(x);
            if (b < 0) {
                return s;
            }
            Node child = s.child(b);
            if (child == null) {
                return null;
            }
            n = child;
        }
        return n;
    }

    // ------------------------------------------------------------------ snapshot

    @Override
    void writeAdaptive(Node n, DataOutput out) throws IOException {
        out.writeBoolean(n.rng != null);
        if (n.rng != null) {
            out.writeLong(n.rng.state());
        }
        out.writeBoolean(n.detector != null);
        if (n.detector != null) {
            byte[] b = n.detector.snapshot();
            out.writeInt(b.length);
            out.write(b);
        }
    }

    @Override
    void readAdaptive(Node n, DataInput in) throws IOException {
        if (in.readBoolean()) {
            n.rng = SeededRandom.fromState(in.readLong());
        }
        if (in.readBoolean()) {
            int len = in.readInt();
            if (len < 0 || len > (1 << 26)) {
                throw new IOException("bad detector snapshot length " + len);
            }
            byte[] b = new byte[len];
            in.readFully(b);
            AdaptiveWindowDetector d = newDetector();
            d.restore(b);
            n.detector = d;
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
        return LearnerType.HOEFFDING_ADAPTIVE_TREE;
    }
}
