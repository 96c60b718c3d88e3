package io.driftline.detect;

/**
 * Turns the per-value states of a detector into the events of MOA's expected files and of drift events:
 * {@code warning_on} when a warning zone starts, {@code warning_off} when it ends (also at the value that
 * drifts out of it, before the drift), and {@code drift}. Allocation-free: events are returned as bit flags.
 */
public final class DetectionEvents {
    public static final int NONE = 0;
    public static final int WARNING_ON = 1;
    public static final int WARNING_OFF = 2;
    public static final int DRIFT = 4;

    private DetectorState previous = DetectorState.STABLE;

    /** The events raised by the value whose update returned {@code state}, as a combination of the flags. */
    public int next(DetectorState state) {
        int events = NONE;
        if (previous == DetectorState.WARNING && state != DetectorState.WARNING) {
            events |= WARNING_OFF;
        }
        if (state == DetectorState.WARNING && previous != DetectorState.WARNING) {
            events |= WARNING_ON;
        }
        if (state == DetectorState.DRIFT) {
            events |= DRIFT;
        }
        previous = state;
        return events;
    }

    /** The state of the last value (for restoring a tracker from a checkpoint). */
    public DetectorState previous() {
        return previous;
    }

    public void restore(DetectorState previousState) {
        previous = previousState;
    }
}
