package io.driftline.stream;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The predictions and feedback of one model waiting for each other, matched by id in either order. Bounded by
 * a time-to-live and a size: what leaves unmatched is reported as expired, never dropped silently.
 * Not thread-safe: used under the pipeline's lock.
 */
final class ConceptDriftJoin {
    enum Outcome { JOINED, EXPIRED_PREDICTION, EXPIRED_FEEDBACK, DUPLICATE, PENDING }

    /** A waiting side: a class label, or a number when {@code label} is null. */
    static final class Side {
        final String label;
        final double value;
        final long arrivedAtMillis;

        Side(String label, double value, long arrivedAtMillis) {
            this.label = label;
            this.value = value;
            this.arrivedAtMillis = arrivedAtMillis;
        }
    }

    interface Listener {
        void joined(Side prediction, Side feedback);

        void outcome(Outcome outcome, int count);
    }

    private final Map<String, Side> predictions = new LinkedHashMap<>();
    private final Map<String, Side> feedback = new LinkedHashMap<>();
    private final long ttlMillis;
    private final int maxSize;

    ConceptDriftJoin(long ttlMillis, int maxSize) {
        this.ttlMillis = ttlMillis;
        this.maxSize = maxSize;
    }

    void offerPrediction(String id, Side prediction, Listener listener) {
        offer(id, prediction, predictions, feedback, true, listener);
    }

    void offerFeedback(String id, Side label, Listener listener) {
        offer(id, label, feedback, predictions, false, listener);
    }

    private void offer(String id, Side side, Map<String, Side> mine, Map<String, Side> other, boolean isPrediction, Listener listener) {
        Side match = other.remove(id);
        if (match != null) {
            listener.joined(isPrediction ? side : match, isPrediction ? match : side);
            listener.outcome(Outcome.JOINED, 1);
            return;
        }
        if (mine.containsKey(id)) {
            // The first one stays: a replayed or duplicated record must not change the joined error.
            listener.outcome(Outcome.DUPLICATE, 1);
            return;
        }
        mine.put(id, side);
        if (mine.size() > maxSize) {
            Iterator<Side> eldest = mine.values().iterator();
            eldest.next();
            eldest.remove();
            listener.outcome(isPrediction ? Outcome.EXPIRED_PREDICTION : Outcome.EXPIRED_FEEDBACK, 1);
        }
    }

    /** Removes what waited longer than the time-to-live and reports it. */
    void expire(long nowMillis, Listener listener) {
        int p = expire(predictions, nowMillis);
        int f = expire(feedback, nowMillis);
        if (p > 0) {
            listener.outcome(Outcome.EXPIRED_PREDICTION, p);
        }
        if (f > 0) {
            listener.outcome(Outcome.EXPIRED_FEEDBACK, f);
        }
    }

    private int expire(Map<String, Side> waiting, long nowMillis) {
        int removed = 0;
        Iterator<Side> it = waiting.values().iterator();
        while (it.hasNext() && nowMillis - it.next().arrivedAtMillis >= ttlMillis) {
            it.remove();
            removed++;
        }
        return removed;
    }

    /** Both waiting sides in arrival order, with their arrival times: the time-to-live runs on after a restore. */
    void writeTo(DataOutput out) throws IOException {
        writeSide(out, predictions);
        writeSide(out, feedback);
    }

    void readFrom(DataInput in) throws IOException {
        readSide(in, predictions);
        readSide(in, feedback);
    }

    private static void writeSide(DataOutput out, Map<String, Side> waiting) throws IOException {
        out.writeInt(waiting.size());
        for (Map.Entry<String, Side> e : waiting.entrySet()) {
            CheckpointFormat.writeString(out, e.getKey());
            CheckpointFormat.writeString(out, e.getValue().label);
            out.writeDouble(e.getValue().value);
            out.writeLong(e.getValue().arrivedAtMillis);
        }
    }

    private static void readSide(DataInput in, Map<String, Side> waiting) throws IOException {
        waiting.clear();
        for (int i = in.readInt(); i > 0; i--) {
            String id = CheckpointFormat.readString(in);
            waiting.put(id, new Side(CheckpointFormat.readString(in), in.readDouble(), in.readLong()));
        }
    }

    int pendingPredictions() {
        return predictions.size();
    }

    int pendingFeedback() {
        return feedback.size();
    }
}
