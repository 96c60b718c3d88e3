package io.driftline.learn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A vector of weights indexed by class or nominal value that grows when an index beyond its end is
 * written. Its length is exactly one past the highest index ever written, as in MOA's
 * {@code DoubleVector}: the learners depend on that length (Laplace correction, merit range, vote length),
 * so it must not be padded. Allocation happens only on growth.
 */
final class GrowingVector {
    private static final double[] EMPTY = new double[0];

    private double[] values;

    GrowingVector() {
        values = EMPTY;
    }

    GrowingVector(double[] toCopy) {
        values = toCopy.length == 0 ? EMPTY : toCopy.clone();
    }

    int size() {
        return values.length;
    }

    /** 0 outside the vector. */
    double get(int i) {
        return i >= 0 && i < values.length ? values[i] : 0.0;
    }

    void add(int i, double v) {
        if (i >= values.length) {
            grow(i + 1);
        }
        values[i] += v;
    }

    void set(int i, double v) {
        if (i >= values.length) {
            grow(i + 1);
        }
        values[i] = v;
    }

    /** Adds element-wise, growing to the other's length first. */
    void addAll(double[] other) {
        if (other.length > values.length) {
            grow(other.length);
        }
        for (int i = 0; i < other.length; i++) {
            values[i] += other[i];
        }
    }

    /** Sum in index order. */
    double sum() {
        double s = 0.0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** The first index holding the maximum, -1 when empty. */
    int maxIndex() {
        int max = -1;
        for (int i = 0; i < values.length; i++) {
            if (max < 0 || values[i] > values[max]) {
                max = i;
            }
        }
        return max;
    }

    int nonZeroCount() {
        int n = 0;
        for (double v : values) {
            if (v != 0.0) {
                n++;
            }
        }
        return n;
    }

    double[] copy() {
        return values.length == 0 ? EMPTY : values.clone();
    }

    /** The backing array; its length is the vector's size. Callers must not write to it. */
    double[] view() {
        return values;
    }

    private void grow(int length) {
        double[] a = new double[length];
        System.arraycopy(values, 0, a, 0, values.length);
        values = a;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static GrowingVector read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 24)) {
            throw new IOException("bad vector length " + n);
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        GrowingVector v = new GrowingVector();
        v.values = n == 0 ? EMPTY : a;
        return v;
    }
}
