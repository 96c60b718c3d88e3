package io.driftline.detect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The bucket kernel of {@link Adwin}: an exponential histogram over flat primitive arrays.
 *
 * <p>Row {@code i} holds buckets that summarise {@code 2^i} values each (their total and their variance
 * sum). Rows are stored one after the other in {@link #totals} / {@link #variances}, each row a small ring of
 * {@link #ROW_CAPACITY} slots, oldest bucket first; row 0 holds the newest values. The arithmetic (order
 * of operations, {@code int} products, the lazily merged variance) is the same as MOA's {@code ADWIN} so
 * that both give bit-identical window totals, variances and cut decisions. What differs is the layout
 * (no linked list of row objects, no array shifting), the cut check (the threshold's logarithms are
 * computed once per pass instead of once per bucket, and the sub-window variances that MOA computes but
 * never uses are skipped), and bucket sizes read from a table instead of {@code Math.pow}.
 *
 * <p>Package-private: not thread-safe, allocation-free after construction.
 */
final class AdwinWindow {
    /** MOA {@code ADWIN.MAXBUCKETS}: a row is compressed when it reaches {@code MAX_BUCKETS + 1} buckets. */
    static final int MAX_BUCKETS = 5;
    /** MOA's {@code mintClock}: the window is checked for a cut every 32 values. */
    static final int CLOCK = 32;
    /** MOA's {@code mintMinWinLength}: both sub-windows need more than {@code MIN_SUB_WINDOW + 1} values. */
    static final int MIN_SUB_WINDOW = 5;
    /** MOA's {@code mintMinimLongitudWindow}: the window is checked only when it holds more values. */
    static final int MIN_WINDOW_FOR_CHECK = 10;

    private static final int ROW_CAPACITY = 8; // >= MAX_BUCKETS + 1, a power of two for cheap ring indexing
    private static final int RING_MASK = ROW_CAPACITY - 1;
    /** Rows 0..31 cover any window whose width fits in an int (MOA's WIDTH is an int). */
    static final int MAX_ROWS = 32;
    private static final int[] BUCKET_SIZE = new int[MAX_ROWS];

    static {
        for (int i = 0; i < MAX_ROWS; i++) {
            BUCKET_SIZE[i] = (int) Math.pow(2, i); // as MOA: 2^31 saturates to Integer.MAX_VALUE
        }
    }

    private final double delta;

    private final double[] totals = new double[MAX_ROWS * ROW_CAPACITY];
    private final double[] variances = new double[MAX_ROWS * ROW_CAPACITY];
    private final int[] rowCount = new int[MAX_ROWS];
    private final int[] rowStart = new int[MAX_ROWS];
    private int lastRow;

    private int time;
    private int width;
    private double total;
    private double variance;

    AdwinWindow(double delta) {
        this.delta = delta;
        clear();
    }

    void clear() {
        for (int i = 0; i < MAX_ROWS; i++) {
            rowCount[i] = 0;
            rowStart[i] = 0;
        }
        lastRow = 0;
        time = 0;
        width = 0;
        total = 0;
        variance = 0;
    }

    int width() {
        return width;
    }

    double total() {
        return total;
    }

    /** MOA {@code getEstimation()}: {@code total / width}, NaN while empty. */
    double mean() {
        return total / width;
    }

    /** MOA {@code getVariance()}. */
    double variance() {
        return variance / width;
    }

    /**
     * Adds one value and, every {@link #CLOCK} values, drops old buckets while the two sub-windows differ
     * significantly. Returns true when at least one bucket was dropped (MOA {@code ADWIN.setInput}).
     */
    boolean add(double x) {
        time++;
        insert(x);
        if (time % CLOCK == 0 && width > MIN_WINDOW_FOR_CHECK) {
            return reduce();
        }
        return false;
    }

    private void insert(double x) {
        width++;
        appendBucket(0, x, 0.0);
        double inc = 0;
        if (width > 1) {
            double d = x - total / (width - 1);
            inc = (width - 1) * d * d / width;
        }
        variance += inc;
        total += x;
        compress();
    }

    private void appendBucket(int row, double bucketTotal, double bucketVariance) {
        int slot = row * ROW_CAPACITY + ((rowStart[row] + rowCount[row]) & RING_MASK);
        totals[slot] = bucketTotal;
        variances[slot] = bucketVariance;
        rowCount[row]++;
    }

    private int slot(int row, int k) {
        return row * ROW_CAPACITY + ((rowStart[row] + k) & RING_MASK);
    }

    private void dropOldest(int row, int buckets) {
        rowStart[row] = (rowStart[row] + buckets) & RING_MASK;
        rowCount[row] -= buckets;
    }

    private void compress() {
        int i = 0;
        while (rowCount[i] == MAX_BUCKETS + 1) {
            if (i == lastRow) {
                if (lastRow + 1 >= MAX_ROWS) {
                    throw new IllegalStateException("ADWIN window exceeds 2^31 values");
                }
                lastRow++;
                rowCount[lastRow] = 0;
                rowStart[lastRow] = 0;
            }
            int n = BUCKET_SIZE[i];
            int s0 = slot(i, 0);
            int s1 = slot(i, 1);
            double t0 = totals[s0];
            double t1 = totals[s1];
            double u1 = t0 / n;
            double u2 = t1 / n;
            // MOA: n1 * n2 * (u1 - u2) * (u1 - u2) / (n1 + n2), with the int product n1 * n2 (it may wrap)
            double inc = n * n * (u1 - u2) * (u1 - u2) / (n + n);
            appendBucket(i + 1, t0 + t1, variances[s0] + variances[s1] + inc);
            dropOldest(i, 2);
            if (rowCount[i + 1] <= MAX_BUCKETS) {
                break;
            }
            i++;
        }
    }

    /** Removes the oldest bucket; returns how many values it held (MOA {@code deleteElement}). */
    private int deleteOldest() {
        int row = lastRow;
        int s = slot(row, 0);
        int n1 = BUCKET_SIZE[row];
        width -= n1;
        total -= totals[s];
        double u1 = totals[s] / n1;
        double d = u1 - total / width;
        double inc = variances[s] + n1 * width * d * d / (n1 + width);
        variance -= inc;
        dropOldest(row, 1);
        if (rowCount[row] == 0) {
            lastRow--;
        }
        return n1;
    }

    /** MOA's cut loop: scan from the oldest bucket, cut at the first split point found, repeat. */
    private boolean reduce() {
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            // Constant during one pass: the window only changes when the pass ends with a deletion.
            double dd = Math.log(2 * Math.log(width) / delta);
            double v = variance / width;
            int n0 = 0;
            int n1 = width;
            double u0 = 0;
            double u1 = total;
            boolean exit = false;
            for (int i = lastRow; i >= 0 && !exit; i--) {
                int count = rowCount[i];
                int size = BUCKET_SIZE[i];
                int base = i * ROW_CAPACITY;
                int start = rowStart[i];
                for (int k = 0; k < count; k++) {
                    double u2 = totals[base + ((start + k) & RING_MASK)];
                    n0 += size;
                    n1 -= size;
                    u0 += u2;
                    u1 -= u2;
                    if (i == 0 && k == count - 1) {
                        exit = true;
                        break;
                    }
                    if (n1 > MIN_SUB_WINDOW + 1 && n0 > MIN_SUB_WINDOW + 1) {
                        double absValue = u0 / n0 - u1 / n1;
                        double m = 1.0 / (n0 - MIN_SUB_WINDOW + 1) + 1.0 / (n1 - MIN_SUB_WINDOW + 1);
                        double epsilon = Math.sqrt(2 * m * v * dd) + 2.0 / 3 * dd * m;
                        if (Math.abs(absValue) > epsilon) {
                            again = true;
                            changed = true;
                            if (width > 0) {
                                deleteOldest();
                                exit = true;
                                break;
                            }
                        }
                    }
                }
            }
        }
        return changed;
    }

    /** Bytes needed by {@link #write}. */
    int serializedSize() {
        int size = 4 + 4 + 8 + 8 + 4;
        for (int i = 0; i <= lastRow; i++) {
            size += 1 + rowCount[i] * 16;
        }
        return size;
    }

    void write(ByteBuffer out) {
        out.putInt(time).putInt(width).putDouble(total).putDouble(variance).putInt(lastRow);
        for (int i = 0; i <= lastRow; i++) {
            out.put((byte) rowCount[i]);
            for (int k = 0; k < rowCount[i]; k++) {
                int s = slot(i, k);
                out.putDouble(totals[s]).putDouble(variances[s]);
            }
        }
    }

    void read(ByteBuffer in) {
        try {
            int t = in.getInt();
            int w = in.getInt();
            double tot = in.getDouble();
            double var = in.getDouble();
            int last = in.getInt();
            if (w < 0 || last < 0 || last >= MAX_ROWS) {
                throw new IllegalArgumentException("corrupt ADWIN snapshot: width " + w + ", rows " + (last + 1));
            }
            clear();
            long counted = 0;
            for (int i = 0; i <= last; i++) {
                int count = in.get();
                if (count < 0 || count > MAX_BUCKETS + 1) {
                    throw new IllegalArgumentException("corrupt ADWIN snapshot: row " + i + " holds " + count + " buckets");
                }
                for (int k = 0; k < count; k++) {
                    appendBucket(i, in.getDouble(), in.getDouble());
                }
                counted += (long) count * BUCKET_SIZE[i];
            }
            if (counted != w) {
                throw new IllegalArgumentException("corrupt ADWIN snapshot: buckets hold " + counted + " values, width is " + w);
            }
            time = t;
            width = w;
            total = tot;
            variance = var;
            lastRow = last;
        } catch (BufferUnderflowException e) {
            clear();
            throw new IllegalArgumentException("truncated ADWIN snapshot", e);
        }
    }
}
