package io.driftline.detect;

/**
 * A running sum of doubles that carries its rounding error (Knuth's two-sum), so that {@code value() / n} is the
 * mean of the values to within an ulp however long the stream and whatever its offset. The mean detectors use it
 * in place of MOA's incremental {@code mean += (x - mean) / n}: that update puts a division on the path from one
 * value to the next, while these additions keep the division off it.
 */
final class CompensatedSum {
    private double sum;
    private double error;

    void add(double x) {
        double t = sum + x;
        double xPart = t - sum;
        error += (sum - (t - xPart)) + (x - xPart);
        sum = t;
    }

    double value() {
        return sum + error;
    }

    void clear() {
        sum = 0;
        error = 0;
    }

    /** Continues from a mean of {@code count} values, as the snapshots of format version 1 held it. */
    void setToMean(double mean, double count) {
        sum = mean * count;
        error = 0;
    }

    double sum() {
        return sum;
    }

    double error() {
        return error;
    }

    void set(double sum, double error) {
        this.sum = sum;
        this.error = error;
    }
}
