package io.driftline.learn;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a schema's instance {@code double[]} to the dense input vector of a neural learner, learning its
 * statistics online.
 *
 * <p><b>Method.</b> A numeric attribute takes one slot holding its z-score {@code (x − mean) / sd}, with
 * {@code mean} and the population variance {@code M2 / n} kept by Welford's online algorithm; the z-score
 * is clipped to ±{@value #Z_CLIP} so that the first few instances (a tiny, noisy standard deviation) cannot
 * blow up a network's weights. Before two values are seen, or while the variance is 0, the slot is 0.
 * A nominal attribute is one-hot: every value gets its own slot holding 1 when the instance has that value
 * and 0 otherwise. Missing values (NaN; for numeric attributes also ±∞) encode as 0: the mean for a numeric
 * attribute, the all-zero one-hot block for a nominal one.
 *
 * <p><b>Growing width.</b> Slots are laid out in schema order at construction (one per numeric attribute,
 * one per <em>declared</em> value of each nominal attribute); a nominal value first met later (an index
 * at or past the values known to the encoder) gets a new slot <em>appended at the end</em> of the vector
 * by {@link #admit}, so the width grows and existing slots never move. A learner thus only has to append
 * input columns (the first layer of {@link HedgeBackpropNetwork} appends zero weights, which leaves its
 * predictions unchanged). {@link #encode} never grows: a value not admitted yet encodes as missing.
 *
 * <p><b>Test-then-train.</b> {@link #encode} uses the statistics as they are, and {@link #update} folds an
 * instance in; a learner calls {@code update} after training on the instance, so the vector a prediction
 * saw and the vector the following training step uses are the same.
 *
 * <pre>{@code
 * Schema schema = new Schema(List.of(Attribute.numeric("t"), Attribute.nominal("color", List.of("red"))),
 *         Attribute.nominal("class", List.of("a", "b")));
 * OnlineFeatureEncoder enc = new OnlineFeatureEncoder(schema);   // width 2: [z(t), red]
 * enc.admit(new double[] {20.0, 1});                            // "blue" (index 1) is new: width 3
 * double[] v = new double[enc.width()];
 * enc.encode(new double[] {20.0, 1}, v);                        // [0, 0, 1]
 * enc.update(new double[] {20.0, 1});
 * }</pre>
 *
 * <p>Single-threaded; {@code encode} and {@code update} do not allocate.
 */
public final class OnlineFeatureEncoder {

    /** Z-scores are clipped to [−Z_CLIP, Z_CLIP]. */
    public static final double Z_CLIP = 10.0;
    /** A nominal value index at or above this is rejected (it would allocate a slot per index). */
    public static final int MAX_NOMINAL_VALUES = 1 << 16;

    private static final int FORMAT_VERSION = 1;

    private final List<Attribute> inputs;
    private final int numInputs;
    private final boolean[] nominal;
    /** Numeric attribute: its slot; nominal: -1. */
    private final int[] numericSlot;
    /** Nominal attribute: value index → slot, -1 for a value not admitted yet; numeric: null. */
    private final int[][] slotOf;
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    private int width;

    public OnlineFeatureEncoder(Schema schema) {
        inputs = schema.inputs();
        numInputs = inputs.size();
        nominal = new boolean[numInputs];
        numericSlot = new int[numInputs];
        slotOf = new int[numInputs][];
        count = new long[numInputs];
        mean = new double[numInputs];
        m2 = new double[numInputs];
        reset();
    }

    /** Forgets all statistics and discovered values: back to the slots of the schema's declared values. */
    public void reset() {
        width = 0;
        for (int a = 0; a < numInputs; a++) {
            Attribute attr = inputs.get(a);
            nominal[a] = attr.isNominal();
            if (nominal[a]) {
                numericSlot[a] = -1;
                slotOf[a] = new int[attr.numValues()];
                for (int v = 0; v < slotOf[a].length; v++) {
                    slotOf[a][v] = width++;
                }
            } else {
                numericSlot[a] = width++;
                slotOf[a] = null;
            }
        }
        Arrays.fill(count, 0);
        Arrays.fill(mean, 0);
        Arrays.fill(m2, 0);
    }

    /** The current length of the encoded vector. */
    public int width() {
        return width;
    }

    public int numInputs() {
        return numInputs;
    }

    /**
     * Gives a slot to every nominal value of {@code x} not met before (appended at the end).
     *
     * @return true when the width grew
     * @throws IllegalArgumentException on a nominal value that is not a non-negative integer index below
     *     {@link #MAX_NOMINAL_VALUES}
     */
    public boolean admit(double[] x) {
        checkLength(x);
        boolean grew = false;
        for (int a = 0; a < numInputs; a++) {
            if (!nominal[a] || Double.isNaN(x[a])) {
                continue;
            }
            int v = valueIndex(a, x[a]);
            int[] slots = slotOf[a];
            if (v >= slots.length) {
                int old = slots.length;
                slots = Arrays.copyOf(slots, v + 1);
                Arrays.fill(slots, old, v + 1, -1);
                slotOf[a] = slots;
            }
            if (slots[v] < 0) {
                slots[v] = width++;
                grew = true;
            }
        }
        return grew;
    }

    /**
     * Writes the encoding of {@code x} into {@code out[0 .. width())}; a nominal value not admitted yet is
     * treated as missing.
     */
    public void encode(double[] x, double[] out) {
        checkLength(x);
        if (out.length < width) {
            throw new IllegalArgumentException("output length " + out.length + " < width " + width);
        }
        Arrays.fill(out, 0, width, 0.0);
        for (int a = 0; a < numInputs; a++) {
            double xa = x[a];
            if (nominal[a]) {
                if (!Double.isNaN(xa)) {
                    int v = valueIndex(a, xa);
                    int[] slots = slotOf[a];
                    if (v < slots.length && slots[v] >= 0) {
                        out[slots[v]] = 1.0;
                    }
                }
            } else {
                out[numericSlot[a]] = standardize(a, xa);
            }
        }
    }

    /** Folds the numeric values of {@code x} into the running means and variances (missing ones skipped). */
    public void update(double[] x) {
        checkLength(x);
        for (int a = 0; a < numInputs; a++) {
            double xa = x[a];
            if (!nominal[a] && Double.isFinite(xa)) {
                long n = ++count[a];
                double d = xa - mean[a];
                mean[a] += d / n;
                m2[a] += d * (xa - mean[a]);
            }
        }
    }

    /** The z-score of a numeric value under the current statistics (clipped; 0 when missing or undefined). */
    public double standardize(int attribute, double value) {
        if (!Double.isFinite(value) || count[attribute] < 2) {
            return 0.0;
        }
        double var = m2[attribute] / count[attribute];
        if (!(var > 0)) {
            return 0.0;
        }
        double z = (value - mean[attribute]) / Math.sqrt(var);
        return z > Z_CLIP ? Z_CLIP : (z < -Z_CLIP ? -Z_CLIP : z);
    }

    /** Non-missing values seen by {@link #update} for a numeric attribute. */
    public long count(int attribute) {
        return count[attribute];
    }

    public double mean(int attribute) {
        return mean[attribute];
    }

    /** The population variance {@code M2 / n} (0 before any value). */
    public double variance(int attribute) {
        return count[attribute] == 0 ? 0.0 : m2[attribute] / count[attribute];
    }

    /** The slot of a nominal value, or -1 when it has none yet. */
    public int slot(int attribute, int valueIndex) {
        int[] slots = slotOf[attribute];
        if (slots == null) {
            throw new IllegalArgumentException("attribute " + attribute + " is numeric");
        }
        return valueIndex < slots.length ? slots[valueIndex] : -1;
    }

    // ----- snapshot -----

    /** Bytes {@link #writeTo} will write. */
    int snapshotSize() {
        int size = 4 + 4 + 4;
        for (int a = 0; a < numInputs; a++) {
            size += 1 + 8 + 8 + 8;
            if (nominal[a]) {
                size += 4 + 4 * slotOf[a].length;
            }
        }
        return size;
    }

    void writeTo(ByteBuffer buf) {
        buf.putInt(FORMAT_VERSION).putInt(numInputs).putInt(width);
        for (int a = 0; a < numInputs; a++) {
            buf.put((byte) (nominal[a] ? 1 : 0)).putLong(count[a]).putDouble(mean[a]).putDouble(m2[a]);
            if (nominal[a]) {
                buf.putInt(slotOf[a].length);
                for (int s : slotOf[a]) {
                    buf.putInt(s);
                }
            }
        }
    }

    void readFrom(ByteBuffer buf) {
        try {
            int version = buf.getInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported encoder snapshot version " + version);
            }
            int n = buf.getInt();
            if (n != numInputs) {
                throw new IllegalArgumentException("encoder snapshot has " + n + " inputs, schema has " + numInputs);
            }
            int w = buf.getInt();
            for (int a = 0; a < numInputs; a++) {
                boolean nom = buf.get() == 1;
                if (nom != nominal[a]) {
                    throw new IllegalArgumentException("encoder snapshot attribute " + a + " type differs from the schema");
                }
                count[a] = buf.getLong();
                mean[a] = buf.getDouble();
                m2[a] = buf.getDouble();
                if (nom) {
                    int len = buf.getInt();
                    if (len < 0 || len > MAX_NOMINAL_VALUES) {
                        throw new IllegalArgumentException("corrupt encoder snapshot");
                    }
                    int[] slots = new int[len];
                    for (int v = 0; v < len; v++) {
                        slots[v] = buf.getInt();
                    }
                    slotOf[a] = slots;
                }
            }
            width = w;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated encoder snapshot", e);
        }
    }

    private int valueIndex(int a, double v) {
        if (!(v >= 0 && v < MAX_NOMINAL_VALUES) || v != Math.rint(v)) {
            throw new IllegalArgumentException(
                    "nominal input " + a + " must be a value index in [0," + MAX_NOMINAL_VALUES + "), was " + v);
        }
        return (int) v;
    }

    private void checkLength(double[] x) {
        if (x.length != numInputs) {
            throw new IllegalArgumentException("instance has " + x.length + " values, schema has " + numInputs + " inputs");
        }
    }
}
