package io.driftline.stream;

/**
 * A record that cannot be used, with a bounded {@link #reason()} code (a metric label and dead-letter header)
 * and a human-readable detail.
 */
public final class InvalidRecordException extends RuntimeException {
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_TYPE = "invalid_type";
    public static final String INVALID_VALUE = "invalid_value";

    private final String reason;

    public InvalidRecordException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
