package io.driftline.learn;

/**
 * A candidate split of a Hoeffding tree leaf: the test, the class distribution of each branch and the
 * merit. A {@code null} test ({@link Kind#NONE}) is the "do not split" candidate of pre-pruning.
 */
final class SplitSuggestion {
    enum Kind { NONE, NUMERIC, NOMINAL_MULTIWAY, NOMINAL_BINARY }

    final Kind kind;
    final int attribute;
    /** Numeric threshold (value &lt;= goes left) or the nominal value of a binary test. */
    final double value;
    final double[][] branchDistributions;
    final double merit;

    SplitSuggestion(Kind kind, int attribute, double value, double[][] branchDistributions, double merit) {
        this.kind = kind;
        this.attribute = attribute;
        this.value = value;
        this.branchDistributions = branchDistributions;
        this.merit = merit;
    }

    int numSplits() {
        return branchDistributions.length;
    }
}
