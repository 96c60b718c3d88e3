package io.driftline.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Counts of each nominal value per class, as MOA's {@code NominalAttributeClassObserver}: a per-class
 * count vector as long as the highest value index seen with that class, Laplace-corrected likelihoods
 * {@code (count + 1) / (classTotal + vectorLength)}, and multiway plus one-vs-rest binary split candidates.
 */
final class NominalObserver extends AttributeObserver {
    private static final GrowingVector[] NONE = new GrowingVector[0];

    private double totalWeight;
    private double missingWeight;
    /** Indexed by class; null where the class was never seen; length = highest class seen + 1. */
    private GrowingVector[] perClass = NONE;

    @Override
    void observe(double value, int classIndex, double weight) {
        if (Double.isNaN(value)) {
            missingWeight += weight;
        } else {
            if (classIndex >= perClass.length) {
                GrowingVector[] a = new GrowingVector[classIndex + 1];
                System.arraycopy(perClass, 0, a, 0, perClass.length);
                perClass = a;
            }
            GrowingVector counts = perClass[classIndex];
            if (counts == null) {
                counts = new GrowingVector();
                perClass[classIndex] = counts;
            }
            counts.add((int) value, weight);
        }
        totalWeight += weight;
    }

    @Override
    double probability(double value, int classIndex) {
        GrowingVector counts = classIndex < perClass.length ? perClass[classIndex] : null;
        return counts != null ? (counts.get((int) value) + 1.0) / (counts.sum() + counts.size()) : 0.0;
    }

    @Override
    SplitSuggestion bestSplit(double[] preSplit, int attribute) {
        int maxValues = 0;
        for (GrowingVector counts : perClass) {
            if (counts != null && counts.size() > maxValues) {
                maxValues = counts.size();
            }
        }
        double[][] multiway = multiwayDistributions(maxValues);
        SplitSuggestion best = new SplitSuggestion(SplitSuggestion.Kind.NOMINAL_MULTIWAY, attribute, Double.NaN,
                multiway, SplitCriterion.merit(preSplit, multiway));
        for (int v = 0; v < maxValues; v++) {
            double[][] binary = binaryDistributions(v);
            double merit = SplitCriterion.merit(preSplit, binary);
            if (merit > best.merit) {
                best = new SplitSuggestion(SplitSuggestion.Kind.NOMINAL_BINARY, attribute, v, binary, merit);
            }
        }
        return best;
    }

    private double[][] multiwayDistributions(int maxValues) {
        GrowingVector[] branches = new GrowingVector[maxValues];
        for (int i = 0; i < maxValues; i++) {
            branches[i] = new GrowingVector();
        }
        for (int c = 0; c < perClass.length; c++) {
            GrowingVector counts = perClass[c];
            if (counts != null) {
                for (int v = 0; v < counts.size(); v++) {
                    branches[v].add(c, counts.get(v));
                }
            }
        }
        double[][] out = new double[maxValues][];
        for (int i = 0; i < maxValues; i++) {
            out[i] = branches[i].copy();
        }
        return out;
    }

    private double[][] binaryDistributions(int value) {
        GrowingVector equal = new GrowingVector();
        GrowingVector other = new GrowingVector();
        for (int c = 0; c < perClass.length; c++) {
            GrowingVector counts = perClass[c];
            if (counts != null) {
                for (int v = 0; v < counts.size(); v++) {
                    if (v == value) {
                        equal.add(c, counts.get(v));
                    } else {
                        other.add(c, counts.get(v));
                    }
                }
            }
        }
        return new double[][] {equal.copy(), other.copy()};
    }

    @Override
    void write(DataOutput out) throws IOException {
        out.writeDouble(totalWeight);
        out.writeDouble(missingWeight);
        out.writeInt(perClass.length);
        for (GrowingVector counts : perClass) {
            out.writeBoolean(counts != null);
            if (counts != null) {
                counts.write(out);
            }
        }
    }

    static NominalObserver readBody(DataInput in) throws IOException {
        NominalObserver o = new NominalObserver();
        o.totalWeight = in.readDouble();
        o.missingWeight = in.readDouble();
        int n = in.readInt();
        o.perClass = n == 0 ? NONE : new GrowingVector[n];
        for (int i = 0; i < n; i++) {
            o.perClass[i] = in.readBoolean() ? GrowingVector.read(in) : null;
        }
        return o;
    }
}
