package io.driftline.monitor;

import io.driftline.detect.DetectionEvents;
import io.driftline.detect.DetectorState;
import io.driftline.detect.DetectorType;
import io.driftline.detect.DriftDetector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live detector of a monitor: the detector, the position of the next value in its own input sequence,
 * and the warning-zone tracker that turns states into one WARNING event per zone and DRIFT events.
 * The last estimate and state are published for gauges and the state endpoint.
 */
public final class DetectorTrack {
    private final String feature;
    private final DetectorType type;
    private final DriftDetector detector;
    private final DetectionEvents events = new DetectionEvents();
    private long position;
    /**
     * The last estimate (raw bits) and state, read by gauges and the state endpoint on other threads. Written with
     * lazySet, a release store (a plain store on x86), where a volatile write was a full fence per detector and
     * record ({@code FeatureDetectorsBenchmark}, {@code impl=track}); readers need only a recent value.
     */
    private final AtomicLong estimate = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
    private final AtomicInteger state = new AtomicInteger();

    private DetectorTrack(String feature, DetectorType type, DriftDetector detector) {
        this.feature = feature;
        this.type = type;
        this.detector = detector;
    }

    /** A track for {@code feature} (null for the concept-drift error stream). */
    public static DetectorTrack create(String feature, DetectorType type, Map<String, Object> params) {
        return new DetectorTrack(feature, type, type.create(params));
    }

    /** Feeds the next value; returns the {@link DetectionEvents} flags it raised at {@link #lastPosition()}. */
    public int update(double value) {
        DetectorState s = detector.update(value);
        position++;
        estimate.lazySet(Double.doubleToRawLongBits(detector.estimate()));
        state.lazySet(s.code());
        return events.next(s);
    }

    /** Writes what {@link #readFrom} needs to continue exactly here: the detector's snapshot, position, warning zone. */
    public void writeTo(DataOutput out) throws IOException {
        byte[] snapshot = detector.snapshot();
        out.writeInt(snapshot.length);
        out.write(snapshot);
        out.writeLong(position);
        out.writeByte(events.previous().code());
        out.writeDouble(estimate());
        out.writeByte(state());
    }

    /** Continues from what {@link #writeTo} wrote for a track of the same type and parameters. */
    public void readFrom(DataInput in) throws IOException {
        byte[] snapshot = new byte[in.readInt()];
        in.readFully(snapshot);
        detector.restore(snapshot);
        position = in.readLong();
        events.restore(DetectorState.values()[in.readByte()]);
        estimate.set(Double.doubleToRawLongBits(in.readDouble()));
        state.set(in.readByte());
    }

    /** The position of the value last fed (0-based), -1 before any. */
    public long lastPosition() {
        return position - 1;
    }

    public String feature() {
        return feature;
    }

    public DetectorType type() {
        return type;
    }

    public double estimate() {
        return Double.longBitsToDouble(estimate.get());
    }

    public int state() {
        return state.get();
    }

    public long observations() {
        return position;
    }
}
