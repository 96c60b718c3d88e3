package io.driftline.learn;

/** Turning a learner's votes into a class, the way MOA's evaluators do. */
public final class Votes {
    private Votes() {
    }

    /**
     * The index of the first maximum vote; 0 for an empty array. A NaN at index 0 wins, as in MOA's
     * {@code Utils.maxIndex}, so predictions match MOA's even in degenerate cases.
     */
    public static int argmax(double[] votes) {
        double max = 0;
        int best = 0;
        for (int i = 0; i < votes.length; i++) {
            if (i == 0 || votes[i] > max) {
                best = i;
                max = votes[i];
            }
        }
        return best;
    }
}
