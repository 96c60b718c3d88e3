package io.driftline.learn;

/**
 * A model that predicts first and learns when the true target arrives (test-then-train).
 *
 * <p>An instance is a {@code double[]} aligned with {@link Schema#inputs()}: numbers as they are, nominal
 * values as their index in the attribute, NaN when missing. Implementations are single-threaded.
 */
public interface OnlineLearner {

    Schema schema();

    /**
     * Classification: one vote or probability per class index known so far (may be shorter than
     * {@link Schema#numClasses()} if the model has not seen every class yet; all zero before any training).
     * Regression: an array of length 1 holding the predicted value.
     * The returned array may be reused by the next call.
     */
    double[] predict(double[] x);

    /** Trains on one instance; {@code target} is the class index or the regression value. */
    void learn(double[] x, double target);

    /** The full state in a compact, versioned byte form. */
    byte[] snapshot();

    /** Replaces the state with one produced by {@link #snapshot()} of a learner built with the same config. */
    void restore(byte[] snapshot);

    LearnerType type();
}
