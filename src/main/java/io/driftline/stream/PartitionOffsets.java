package io.driftline.stream;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The next offset to process of every input topic-partition, kept with the state it produced. A record below it is
 * already in the state and is skipped: after a checkpoint is restored and the consumer seeks back, a batch fetched
 * before the seek cannot be applied twice. A released partition admits nothing until it is assigned again: records
 * fetched before a revocation and handed over after it belong to the partition's new owner. Not thread-safe: used
 * under the pipeline's lock.
 */
final class PartitionOffsets {
    private static final long UNKNOWN = -1;

    private final Map<String, long[]> nextByTopic = new HashMap<>();
    private final BitSet released = new BitSet();

    /** True when the record at {@code offset} is new for this state, which then counts it as processed. */
    boolean admit(String topic, int partition, long offset) {
        if (released.get(partition)) {
            return false;
        }
        long[] next = nextByTopic.get(topic);
        if (next == null || partition >= next.length) {
            next = grow(topic, partition);
        }
        if (offset < next[partition]) {
            return false;
        }
        next[partition] = offset + 1;
        return true;
    }

    /** The next offset of each topic for {@code partition}; topics not seen yet are absent. */
    Map<String, Long> of(int partition) {
        Map<String, Long> offsets = new HashMap<>();
        for (Map.Entry<String, long[]> e : nextByTopic.entrySet()) {
            if (partition < e.getValue().length && e.getValue()[partition] != UNKNOWN) {
                offsets.put(e.getKey(), e.getValue()[partition]);
            }
        }
        return offsets;
    }

    /**
     * Where the consumer starts in a topic-partition this state has no offset for yet: a checkpoint then names it
     * even before any of its records was processed, so that a restore replays it from there too.
     */
    void startAt(String topic, int partition, long offset) {
        long[] next = nextByTopic.get(topic);
        if (next == null || partition >= next.length) {
            next = grow(topic, partition);
        }
        if (next[partition] == UNKNOWN) {
            next[partition] = offset;
        }
    }

    /** Replaces the offsets of {@code partition} with a checkpoint's (topics it does not name become unknown). */
    void reset(int partition, Map<String, Long> offsets) {
        for (long[] next : nextByTopic.values()) {
            if (partition < next.length) {
                next[partition] = UNKNOWN;
            }
        }
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            long[] next = nextByTopic.get(e.getKey());
            if (next == null || partition >= next.length) {
                next = grow(e.getKey(), partition);
            }
            next[partition] = e.getValue();
        }
    }

    /** Forgets the offsets of {@code partition}, revoked from this consumer, and admits none of its records. */
    void release(int partition) {
        reset(partition, Map.of());
        released.set(partition);
    }

    /** Admits the records of {@code partition} again: it is assigned to this consumer. */
    void assign(int partition) {
        released.clear(partition);
    }

    private long[] grow(String topic, int partition) {
        long[] old = nextByTopic.get(topic);
        long[] next = Arrays.copyOf(old == null ? new long[0] : old, partition + 1);
        Arrays.fill(next, old == null ? 0 : old.length, next.length, UNKNOWN);
        nextByTopic.put(topic, next);
        return next;
    }
}
