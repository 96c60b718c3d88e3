package io.driftline.stream;

/**
 * One input record as the consumer's poll thread left it: the parsed event of its stream, or why it cannot be used
 * together with its bytes, which are kept only in that case so that the dead-letter topic gets them unchanged.
 */
public final class ParsedInput {
    private final InputStream stream;
    private final InputEvent event;
    private final InvalidRecordException error;
    private final byte[] value;

    private ParsedInput(InputStream stream, InputEvent event, InvalidRecordException error, byte[] value) {
        this.stream = stream;
        this.event = event;
        this.error = error;
        this.value = value;
    }

    static ParsedInput parsed(InputStream stream, InputEvent event) {
        return new ParsedInput(stream, event, null, null);
    }

    static ParsedInput invalid(InputStream stream, InvalidRecordException error, byte[] value) {
        return new ParsedInput(stream, null, error, value);
    }

    public InputStream stream() {
        return stream;
    }

    /** A {@link FeatureEvent}, {@link PredictionEvent} or {@link FeedbackEvent} as {@link #stream()} says; null if invalid. */
    public InputEvent event() {
        return event;
    }

    /** Why the record cannot be used, or null. */
    public InvalidRecordException error() {
        return error;
    }

    /** The record's value as it arrived, for an invalid record only (null otherwise, and for a tombstone). */
    public byte[] value() {
        return value;
    }
}
