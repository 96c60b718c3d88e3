package io.driftline.detect;

/** What a detector concluded after one value: the warning tier sits between stable and drift. */
public enum DetectorState {
    STABLE, WARNING, DRIFT;

    /** The numeric code of the {@code driftline_detector_state} gauge: 0 stable, 1 warning, 2 drift. */
    public int code() {
        return ordinal();
    }
}
