package io.driftline.detect;

/**
 * A streaming change detector: one value in, the state after that value out.
 *
 * <p>Implementations are single-threaded, allocation-free in {@link #update(double)}, and restartable
 * from {@link #snapshot()}, whose bytes start with a format version so later releases can read them.
 */
public interface DriftDetector {

    /** Feeds one value; after a {@link DetectorState#DRIFT} the next call starts from a reset state. */
    DetectorState update(double x);

    /** The detector's current estimate (the mean of its window, error rate, …), as MOA reports it. */
    double estimate();

    /** Values seen since construction (not reset by a drift). */
    long observations();

    /** Forgets everything learned, keeping the parameters. */
    void reset();

    /** The full mutable state in a compact, versioned byte form. */
    byte[] snapshot();

    /** Replaces the state with one produced by {@link #snapshot()} of a detector with the same parameters. */
    void restore(byte[] snapshot);

    /** The config and API name of this detector. */
    DetectorType type();
}
