package io.driftline.learn;

import io.driftline.detect.AdaptiveWindowDetector;
import io.driftline.detect.Params;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the Hoeffding tree and the Hoeffding adaptive tree share: parameters, nodes, leaf learning and
 * prediction, the split decision with the Hoeffding bound, and the snapshot of the node graph. The
 * arithmetic and the order of operations follow MOA's {@code HoeffdingTree} so that both trees take the
 * same split decisions as MOA.
 */
abstract sealed class AbstractHoeffdingTree implements OnlineLearner permits HoeffdingTree, HoeffdingAdaptiveTree {
    public static final int DEFAULT_GRACE_PERIOD = 200;
    public static final double DEFAULT_SPLIT_CONFIDENCE = 1e-7;
    public static final double DEFAULT_TIE_THRESHOLD = 0.05;
    public static final String DEFAULT_LEAF_PREDICTION = "NBA";

    enum LeafPrediction { MC, NB, NBA }

    static final Set<String> PARAMETERS = Set.of("gracePeriod", "splitConfidence", "tieThreshold", "leafPrediction");

    final Schema schema;
    final int gracePeriod;
    final double splitConfidence;
    final double tieThreshold;
    final LeafPrediction leafPrediction;

    Node root;
    double[] votes = new double[0];

    AbstractHoeffdingTree(Schema schema, Params p) {
        this.schema = NaiveBayes.requireClassification(schema);
        this.gracePeriod = Params.requireAtLeast("gracePeriod", p.getInt("gracePeriod", DEFAULT_GRACE_PERIOD), 1);
        this.splitConfidence = Params.requireOpenUnit("splitConfidence", p.getDouble("splitConfidence", DEFAULT_SPLIT_CONFIDENCE));
        double tie = p.getDouble("tieThreshold", DEFAULT_TIE_THRESHOLD);
        if (!(tie >= 0 && tie <= 1)) {
            throw new io.driftline.detect.InvalidParameterException("tieThreshold", "tieThreshold must be in [0,1], was " + tie);
        }
        this.tieThreshold = tie;
        String lp = p.getChoice("leafPrediction", DEFAULT_LEAF_PREDICTION, Set.of("MC", "NB", "NBA", "NBADAPTIVE"));
        this.leafPrediction = lp.equals("NBADAPTIVE") ? LeafPrediction.NBA : LeafPrediction.valueOf(lp.toUpperCase(Locale.ROOT));
    }

    static Params params(Map<String, ?> raw, Set<String> known) {
        return Params.of(raw, known);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    // ------------------------------------------------------------------ nodes

    abstract static class Node {
        GrowingVector dist;
        /** Adaptive tree only: the node's own Poisson source and error-rate detector. */
        SeededRandom rng;
        AdaptiveWindowDetector detector;

        Node(GrowingVector dist) {
            this.dist = dist;
        }
    }

    static final class Split extends Node {
        final SplitSuggestion.Kind kind;
        final int attribute;
        final double value;
        Node[] children;
        /** Adaptive tree only. */
        Node alternate;

        Split(SplitSuggestion.Kind kind, int attribute, double value, GrowingVector dist, int size) {
            super(dist);
            this.kind = kind;
            this.attribute = attribute;
            this.value = value;
            this.children = new Node[size];
        }

        /** The branch of x, -1 when the tested value is missing. */
        int branch(double[] x) {
            double v = attribute < x.length ? x[attribute] : Double.NaN;
            if (Double.isNaN(v)) {
                return -1;
            }
            return switch (kind) {
                case NUMERIC -> v == value ? 0 : (v < value ? 0 : 1);
                case NOMINAL_MULTIWAY -> (int) v;
                case NOMINAL_BINARY -> (int) v == (int) value ? 0 : 1;
                case NONE -> throw new IllegalStateException();
            };
        }

        Node child(int branch) {
            return branch >= 0 && branch < children.length ? children[branch] : null;
        }

        void setChild(int branch, Node child) {
            if (branch >= children.length) {
                Node[] a = new Node[branch + 1];
                System.arraycopy(children, 0, a, 0, children.length);
                children = a;
            }
            children[branch] = child;
        }
    }

    static final class Leaf extends Node {
        boolean active = true;
        AttributeObserver[] observers;
        double weightSeenAtLastSplitEvaluation;
        double mcCorrectWeight;
        double nbCorrectWeight;

        Leaf(GrowingVector dist, int numInputs) {
            super(dist);
            this.observers = new AttributeObserver[numInputs];
            this.weightSeenAtLastSplitEvaluation = dist.sum();
        }
    }

    Leaf newLeaf(double[] initial) {
        return new Leaf(new GrowingVector(initial), schema.numInputs());
    }

    Split newSplit(SplitSuggestion s, double[] dist) {
        return new Split(s.kind, s.attribute, s.value, new GrowingVector(dist), s.numSplits());
    }

    // ------------------------------------------------------------------ leaves

    /** Trains a leaf on one instance (MOA's learnFromInstance of the leaf's kind). */
    void learnLeaf(Leaf leaf, double[] x, int c, double weight) {
        if (!leaf.active) {
            leaf.dist.add(c, weight);
            return;
        }
        if (leafPrediction == LeafPrediction.NBA) {
            if (leaf.dist.maxIndex() == c) {
                leaf.mcCorrectWeight += weight;
            }
            votes = NaiveBayes.predict(x, leaf.dist, leaf.observers, votes);
            if (Votes.argmax(votes) == c) {
                leaf.nbCorrectWeight += weight;
            }
        }
        leaf.dist.add(c, weight);
        AttributeObserver[] obs = leaf.observers;
        int n = Math.min(x.length, obs.length);
        for (int a = 0; a < n; a++) {
            AttributeObserver o = obs[a];
            if (o == null) {
                o = AttributeObserver.create(schema.inputs().get(a));
                obs[a] = o;
            }
            o.observe(x[a], c, weight);
        }
    }

    /** A leaf's votes (MOA's getClassVotes of the leaf's kind) into the shared buffer. */
    double[] leafVotes(Leaf leaf, double[] x) {
        if (!leaf.active || leafPrediction == LeafPrediction.MC
                || (leafPrediction == LeafPrediction.NBA && leaf.mcCorrectWeight > leaf.nbCorrectWeight)) {
            return copyInto(leaf.dist);
        }
        votes = NaiveBayes.predict(x, leaf.dist, leaf.observers, votes);
        return votes;
    }

    double[] copyInto(GrowingVector dist) {
        double[] src = dist.view();
        if (votes.length != src.length) {
            votes = new double[src.length];
        }
        System.arraycopy(src, 0, votes, 0, src.length);
        return votes;
    }

    // ------------------------------------------------------------------ splitting

    static double hoeffdingBound(double range, double confidence, double n) {
        return Math.sqrt(((range * range) * Math.log(1.0 / confidence)) / (2.0 * n));
    }

    /** The split decision of MOA's {@code attemptToSplit}; replaces the leaf in its parent (or the root). */
    void attemptToSplit(Leaf leaf, Split parent, int parentBranch) {
        if (leaf.dist.nonZeroCount() < 2) {
            return;
        }
        double[] pre = leaf.dist.copy();
        List<SplitSuggestion> suggestions = new ArrayList<>(leaf.observers.length + 1);
        suggestions.add(new SplitSuggestion(SplitSuggestion.Kind.NONE, -1, Double.NaN, new double[0][],
                SplitCriterion.merit(pre, new double[][] {pre})));
        for (int i = 0; i < leaf.observers.length; i++) {
            AttributeObserver o = leaf.observers[i];
            if (o != null) {
                SplitSuggestion s = o.bestSplit(pre, i);
                if (s != null) {
                    suggestions.add(s);
                }
            }
        }
        suggestions.sort((a, b) -> Double.compare(a.merit, b.merit)); // stable, as MOA's Arrays.sort of objects
        int k = suggestions.size();
        boolean shouldSplit;
        if (k < 2) {
            shouldSplit = k > 0;
        } else {
            double bound = hoeffdingBound(SplitCriterion.rangeOfMerit(pre), splitConfidence, leaf.dist.sum());
            SplitSuggestion best = suggestions.get(k - 1);
            SplitSuggestion second = suggestions.get(k - 2);
            shouldSplit = best.merit - second.merit > bound || bound < tieThreshold;
        }
        if (!shouldSplit) {
            return;
        }
        SplitSuggestion decision = suggestions.get(k - 1);
        if (decision.kind == SplitSuggestion.Kind.NONE) {
            deactivate(leaf);
            return;
        }
        Split split = newSplit(decision, leaf.dist.copy());
        for (int i = 0; i < decision.numSplits(); i++) {
            split.setChild(i, newLeaf(decision.branchDistributions[i].clone()));
        }
        replace(parent, parentBranch, split);
    }

    /** Pre-pruning chose "no split": the leaf stops collecting statistics and predicts its majority class. */
    void deactivate(Leaf leaf) {
        leaf.active = false;
        leaf.observers = new AttributeObserver[0];
        leaf.mcCorrectWeight = 0;
        leaf.nbCorrectWeight = 0;
    }

    void replace(Split parent, int parentBranch, Node node) {
        if (parent == null) {
            root = node;
        } else {
            parent.setChild(parentBranch, node);
        }
    }

    // ------------------------------------------------------------------ introspection

    /** Decision nodes plus leaves reachable from the root (alternate trees excluded). */
    public int nodeCount() {
        return count(root, false);
    }

    public int leafCount() {
        return count(root, true);
    }

    private static int count(Node n, boolean leavesOnly) {
        if (n == null) {
            return 0;
        }
        if (n instanceof Split s) {
            int c = leavesOnly ? 0 : 1;
            for (Node child : s.children) {
                c += count(child, leavesOnly);
            }
            return c;
        }
        return 1;
    }

    // ------------------------------------------------------------------ snapshot

    void writeNode(Node n, DataOutput out) throws IOException {
        if (n == null) {
            out.writeByte(0);
            return;
        }
        if (n instanceof Split s) {
            out.writeByte(1);
            out.writeByte(s.kind.ordinal());
            out.writeInt(s.attribute);
            out.writeDouble(s.value);
            s.dist.write(out);
            writeAdaptive(s, out);
            out.writeInt(s.children.length);
            for (Node c : s.children) {
                writeNode(c, out);
            }
            writeNode(s.alternate, out);
        } else {
            Leaf l = (Leaf) n;
            out.writeByte(2);
            out.writeBoolean(l.active);
            l.dist.write(out);
            writeAdaptive(l, out);
            out.writeDouble(l.weightSeenAtLastSplitEvaluation);
            out.writeDouble(l.mcCorrectWeight);
            out.writeDouble(l.nbCorrectWeight);
            out.writeInt(l.observers.length);
            for (AttributeObserver o : l.observers) {
                AttributeObserver.write(o, out);
            }
        }
    }

    Node readNode(DataInput in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0:
                return null;
            case 1: {
                int kind = in.readByte();
                if (kind < 0 || kind >= SplitSuggestion.Kind.values().length) {
                    throw new IOException("bad split kind " + kind);
                }
                int att = in.readInt();
                double value = in.readDouble();
                GrowingVector dist = GrowingVector.read(in);
                Split s = new Split(SplitSuggestion.Kind.values()[kind], att, value, dist, 0);
                readAdaptive(s, in);
                int nc = in.readInt();
                if (nc < 0 || nc > (1 << 20)) {
                    throw new IOException("bad child count " + nc);
                }
                s.children = new Node[nc];
                for (int i = 0; i < nc; i++) {
                    s.children[i] = readNode(in);
                }
                s.alternate = readNode(in);
                return s;
            }
            case 2: {
                boolean active = in.readBoolean();
                GrowingVector dist = GrowingVector.read(in);
                Leaf l = new Leaf(dist, 0);
                l.active = active;
                readAdaptive(l, in);
                l.weightSeenAtLastSplitEvaluation = in.readDouble();
                l.mcCorrectWeight = in.readDouble();
                l.nbCorrectWeight = in.readDouble();
                int no = in.readInt();
                if (no < 0 || no > (1 << 20)) {
                    throw new IOException("bad observer count " + no);
                }
                l.observers = new AttributeObserver[no];
                for (int i = 0; i < no; i++) {
                    l.observers[i] = AttributeObserver.read(in);
                }
                return l;
            }
            default:
                throw new IOException("bad node tag " + tag);
        }
    }

    /** The adaptive tree's per-node state; nothing for the plain tree. */
    void writeAdaptive(Node n, DataOutput out) throws IOException {
    }

    void readAdaptive(Node n, DataInput in) throws IOException {
    }
}
