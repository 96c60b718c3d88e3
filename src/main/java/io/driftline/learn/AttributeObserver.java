package io.driftline.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Per-class statistics of one input attribute at a leaf: the naive Bayes likelihood and split candidates. */
abstract sealed class AttributeObserver permits NominalObserver, GaussianNumericObserver {

    abstract void observe(double value, int classIndex, double weight);

    /** P(value | class) as MOA computes it (Laplace-corrected frequency or Gaussian density). */
    abstract double probability(double value, int classIndex);

    /** The best split on this attribute, or {@code null} when there is no candidate. */
    abstract SplitSuggestion bestSplit(double[] preSplit, int attribute);

    abstract void write(DataOutput out) throws IOException;

    static AttributeObserver read(DataInput in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> NominalObserver.readBody(in);
            case 2 -> GaussianNumericObserver.readBody(in);
            default -> throw new IOException("bad observer tag " + tag);
        };
    }

    static void write(AttributeObserver o, DataOutput out) throws IOException {
        if (o == null) {
            out.writeByte(0);
        } else {
            out.writeByte(o instanceof NominalObserver ? 1 : 2);
            o.write(out);
        }
    }

    /** Attribute observers of a leaf, created on first use by attribute type. */
    static AttributeObserver create(Attribute attribute) {
        return attribute.isNominal() ? new NominalObserver() : new GaussianNumericObserver();
    }
}
