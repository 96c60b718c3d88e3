package io.driftline.stream;

/**
 * One input record as the deserializer leaves it, its stream and bytes, parsed when first asked for its event: by the
 * poll thread for its share of a poll ({@link PollThreadParseShare}), after the next fetch has been sent, or else by
 * the event loop, beside the poll thread's next fetch instead of between two fetches. Once parsed it holds the event
 * of its stream, or why the record cannot be used together with its bytes (kept only in that case, so that the
 * dead-letter topic gets them unchanged). Used by one thread at a time: created (and perhaps parsed) on the poll
 * thread, read on the event loop after SmallRye's queue has handed it over.
 */
public final class ParsedInput {
    private final InputStream stream;
    private byte[] value;
    private boolean parsed;
    private InputEvent event;
    private InvalidRecordException error;

    private ParsedInput(InputStream stream, byte[] value) {
        this.stream = stream;
        this.value = value;
    }

    static ParsedInput unparsed(InputStream stream, byte[] value) {
        return new ParsedInput(stream, value);
    }

    /** A record without a value: Kafka calls no deserializer for it, and it is no event ("empty record"). */
    static ParsedInput tombstone(InputStream stream) {
        return new ParsedInput(stream, null);
    }

    private void parseOnce(EventParser.Scratch scratch) {
        if (parsed) {
            return;
        }
        parsed = true;
        try {
            event = EventParser.parse(stream, value, scratch);
            value = null;
        } catch (InvalidRecordException e) {
            error = e;
        }
    }

    /** Whether the record has been parsed (by either thread). */
    boolean parsed() {
        return parsed;
    }

    public InputStream stream() {
        return stream;
    }

    /** A {@link FeatureEvent}, {@link PredictionEvent} or {@link FeedbackEvent} as {@link #stream()} says; null if invalid. */
    public InputEvent event() {
        return event(null);
    }

    /** As {@link #event()}, parsed (if not yet) into the caller's scratch arrays. */
    InputEvent event(EventParser.Scratch scratch) {
        parseOnce(scratch);
        return event;
    }

    /** Why the record cannot be used, or null. */
    public InvalidRecordException error() {
        parseOnce(null);
        return error;
    }

    /** The record's value as it arrived, for an invalid record only (null otherwise, and for a tombstone). */
    public byte[] value() {
        parseOnce(null);
        return value;
    }
}
