package io.driftline.stream;

import io.driftline.DriftlineMetrics;
import io.micrometer.core.instrument.Counter;

/**
 * {@code driftline_records_total} of one monitor (or of the unmonitored records) per input stream, counted in plain
 * fields on the record path and added to the counters by {@link #flush}, once per batch: an increment per record
 * (an atomic add in every registry) cost more than the detectors did. Not thread-safe: used under the pipeline lock.
 */
final class RecordCounts {
    private static final InputStream[] STREAMS = InputStream.values();

    private final String monitor;
    private final long[] pending = new long[STREAMS.length];
    private final Counter[] counters = new Counter[STREAMS.length]; // looked up at the first flush that needs one

    RecordCounts(String monitor) {
        this.monitor = monitor;
    }

    void count(InputStream stream) {
        pending[stream.ordinal()]++;
    }

    /** Adds the records counted since the last call to the counters. */
    void flush(DriftlineMetrics metrics) {
        for (int i = 0; i < STREAMS.length; i++) {
            if (pending[i] == 0) {
                continue;
            }
            if (counters[i] == null) {
                counters[i] = metrics.counter(DriftlineMetrics.RECORDS, "stream", STREAMS[i].label(), "monitor", monitor);
            }
            counters[i].increment(pending[i]);
            pending[i] = 0;
        }
    }
}
