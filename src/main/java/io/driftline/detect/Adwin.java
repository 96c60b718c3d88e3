package io.driftline.detect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/**
 * ADWIN (ADaptive WINdowing): a change detector that keeps the longest recent window whose mean is
 * statistically consistent with "no change".
 *
 * <p>Values go into an exponential histogram of buckets (at most 5 per size
 * {@code 2^i}). Every 32 values, each split of the window into an older part
 * W0 and a newer part W1 (both longer than 6 values) is tested with the Hoeffding/Bernstein bound
 * {@code |mean(W0) - mean(W1)| > sqrt(2 m v dd) + 2/3 dd m}, {@code m = 1/(n0-4) + 1/(n1-4)},
 * {@code dd = ln(2 ln|W| / delta)}, {@code v} the window variance; while a split passes, the oldest bucket
 * is dropped. As in MOA, the detector is not reset after a detection: it keeps the shrunk window and may
 * cut again at the next check, so a change typically gives a short cascade of detections 32 values apart.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code delta} — confidence of the cut test, in (0,1); default {@value #DEFAULT_DELTA} (MOA
 *       {@code -a 0.002}). Smaller values give fewer, later detections.</li>
 *   <li>{@code direction} — which window cuts are reported as {@link DetectorState#DRIFT}: {@code BOTH}
 *       (default: every cut, MOA {@code ADWIN.setInput(x)}), {@code INCREASE} (only when the window mean
 *       rose, MOA {@code ADWINChangeDetector}, for error rates), {@code DECREASE} (only when it fell). The
 *       window is cut identically in every mode; only the reporting differs.</li>
 * </ul>
 *
 * <p>The estimate is the mean of the current window. ADWIN never warns.
 *
 * <pre>{@code
 * Adwin adwin = Adwin.fromParams(Map.of("delta", 0.002));
 * java.util.Random random = new java.util.Random(7);
 * int firstDrift = -1;
 * for (int i = 0; i < 2000; i++) {
 *     double x = (i < 1000 ? 0.0 : 1.0) + random.nextGaussian() * 0.5;
 *     if (adwin.update(x) == DetectorState.DRIFT && firstDrift < 0) {
 *         firstDrift = i;          // shortly after 1000, at the end of a 32-value clock period
 *     }
 * }
 * double mean = adwin.estimate();  // close to 1.0: the window has dropped the old concept
 * }</pre>
 *
 * <p>Reference: A. Bifet and R. Gavaldà, "Learning from Time-Changing Data with Adaptive Windowing",
 * SIAM International Conference on Data Mining (SDM), 2007. Matches MOA 2024.07
 * {@code moa.classifiers.core.driftdetection.ADWIN} (direction {@code BOTH}) and
 * {@code ADWINChangeDetector} (direction {@code INCREASE}) position for position and bit for bit in the
 * estimate.
 */
public final class Adwin implements AdaptiveWindowDetector {

    /** Which cuts of the window are reported as a drift. */
    public enum Direction { BOTH, INCREASE, DECREASE }

    public static final double DEFAULT_DELTA = 0.002;
    public static final Direction DEFAULT_DIRECTION = Direction.BOTH;

    static final String DELTA = "delta";
    static final String DIRECTION = "direction";
    private static final Set<String> PARAMETERS = Set.of(DELTA, DIRECTION);
    private static final Set<String> DIRECTIONS = Set.of("BOTH", "INCREASE", "DECREASE");

    private static final int FORMAT_VERSION = 1;

    private final double delta;
    private final Direction direction;
    private final AdwinWindow window;
    private long observations;

    public Adwin() {
        this(DEFAULT_DELTA, DEFAULT_DIRECTION);
    }

    public Adwin(double delta, Direction direction) {
        this.delta = Params.requireOpenUnit(DELTA, delta);
        if (direction == null) {
            throw new InvalidParameterException(DIRECTION, "direction must be one of BOTH, DECREASE, INCREASE, was null");
        }
        this.direction = direction;
        this.window = new AdwinWindow(delta);
    }

    /** Builds from user parameters {@code delta} and {@code direction}; missing ones take the defaults. */
    public static Adwin fromParams(Map<String, ?> params) {
        Params p = Params.of(params, PARAMETERS);
        double delta = p.getDouble(DELTA, DEFAULT_DELTA);
        Direction direction = Direction.valueOf(p.getChoice(DIRECTION, DEFAULT_DIRECTION.name(), DIRECTIONS));
        return new Adwin(delta, direction);
    }

    public double delta() {
        return delta;
    }

    public Direction direction() {
        return direction;
    }

    /**
     * MOA's {@code ADWIN.setInput}, whatever {@link #direction()} says: true when the window was cut either way.
     * The Hoeffding adaptive tree drives its node detectors through this.
     */
    @Override
    public boolean setInput(double x) {
        observations++;
        return window.add(x);
    }

    /** Number of values in the current window. */
    @Override
    public int width() {
        return window.width();
    }

    @Override
    public DetectorState update(double x) {
        observations++;
        double before = window.mean(); // NaN while empty: then no comparison holds, as in MOA
        if (!window.add(x)) {
            return DetectorState.STABLE;
        }
        return switch (direction) {
            case BOTH -> DetectorState.DRIFT;
            case INCREASE -> window.mean() > before ? DetectorState.DRIFT : DetectorState.STABLE;
            case DECREASE -> window.mean() < before ? DetectorState.DRIFT : DetectorState.STABLE;
        };
    }

    /** The mean of the current window (0 before the first value). */
    @Override
    public double estimate() {
        return window.width() == 0 ? 0.0 : window.mean();
    }

    @Override
    public long observations() {
        return observations;
    }

    @Override
    public void reset() {
        window.clear();
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + window.serializedSize());
        out.put((byte) FORMAT_VERSION).putLong(observations);
        window.write(out);
        return out.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        try {
            int version = in.get();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported ADWIN snapshot version " + version);
            }
            long obs = in.getLong();
            window.read(in);
            observations = obs;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated ADWIN snapshot", e);
        }
    }

    @Override
    public DetectorType type() {
        return DetectorType.ADWIN;
    }

    @Override
    public String toString() {
        return "Adwin[delta=" + delta + ", direction=" + direction + ", width=" + window.width() + "]";
    }
}
