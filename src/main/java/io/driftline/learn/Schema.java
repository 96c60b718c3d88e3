package io.driftline.learn;

import java.util.List;

/** The input attributes and the target of a stream; a nominal target means classification. */
public record Schema(List<Attribute> inputs, Attribute target) {

    public Schema {
        inputs = List.copyOf(inputs);
    }

    public boolean isClassification() {
        return target.isNominal();
    }

    public int numInputs() {
        return inputs.size();
    }

    /** Classes known so far; grows as unseen labels arrive. */
    public int numClasses() {
        return target.numValues();
    }
}
