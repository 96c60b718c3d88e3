package io.driftline.stream;

import java.util.Locale;

/** The three input streams of a monitored model; the lower-case name is the {@code stream} metric label. */
public enum InputStream {
    FEATURES, PREDICTIONS, FEEDBACK;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
