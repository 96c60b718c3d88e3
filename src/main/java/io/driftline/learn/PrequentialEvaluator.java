package io.driftline.learn;

import io.driftline.detect.Params;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Test-then-train (prequential) evaluation of an online learner.
 *
 * <p>Feed each instance's prediction before the learner trains on it. Classification keeps the overall
 * accuracy and Cohen's kappa exactly as MOA's {@code BasicClassificationPerformanceEvaluator} computes them
 * (kappa = (p0 - pc) / (1 - pc), pc = sum over classes of predicted-share times true-share), the temporal
 * kappa against the "same class as last time" classifier, the accuracy of each consecutive block of
 * {@code windowSize} instances, and accuracy and kappa over a sliding window of the last
 * {@code slidingWindowSize} instances for live metrics. Regression keeps the mean absolute error overall and
 * over the sliding window. Adding a result allocates nothing except when a new class appears or the list of
 * block accuracies grows.
 *
 * <pre>{@code
 * PrequentialEvaluator eval = new PrequentialEvaluator(1000, 1000);
 * for (int i = 0; i < xs.length; i++) {
 *     eval.addClassification(ys[i], learner.predict(xs[i]));
 *     learner.learn(xs[i], ys[i]);
 * }
 * double accuracy = eval.accuracy(), kappa = eval.kappa();
 * }</pre>
 */
public final class PrequentialEvaluator {
    public static final int DEFAULT_WINDOW_SIZE = 1000;

    private final int windowSize;
    private final int slidingSize;

    // classification, whole stream
    private long n;
    private long correct;
    private long[] predictedCounts = new long[2];
    private long[] trueCounts = new long[2];
    private long noChangeCorrect;
    private int lastSeenClass;

    // blocks of windowSize
    private long blockCorrect;
    private int blockCount;
    private double[] blockAccuracies = new double[16];
    private int blocks;

    // sliding window ring
    private final int[] ringTrue;
    private final int[] ringPredicted;
    private int ringStart;
    private int ringSize;
    private long slidingCorrect;
    private long[] slidingPredictedCounts = new long[2];
    private long[] slidingTrueCounts = new long[2];

    // regression
    private long regressionN;
    private double absErrorSum;
    private final double[] ringAbsError;
    private int regStart;
    private int regSize;
    private double slidingAbsErrorSum;

    public PrequentialEvaluator() {
        this(DEFAULT_WINDOW_SIZE, DEFAULT_WINDOW_SIZE);
    }

    /**
     * @param windowSize        instances per block of {@link #windowAccuracies()} (default 1000)
     * @param slidingWindowSize instances in the sliding window of the live metrics (default 1000)
     */
    public PrequentialEvaluator(int windowSize, int slidingWindowSize) {
        this.windowSize = Params.requireAtLeast("windowSize", windowSize, 1);
        this.slidingSize = Params.requireAtLeast("slidingWindowSize", slidingWindowSize, 1);
        ringTrue = new int[slidingSize];
        ringPredicted = new int[slidingSize];
        ringAbsError = new double[slidingSize];
    }

    /** Records one classification from the learner's votes; returns the predicted class (MOA's argmax). */
    public int addClassification(int trueClass, double[] votes) {
        int predicted = Votes.argmax(votes);
        addClassification(trueClass, predicted);
        return predicted;
    }

    public void addClassification(int trueClass, int predictedClass) {
        if (trueClass < 0 || predictedClass < 0) {
            throw new IllegalArgumentException("class indices must be >= 0, were " + trueClass + " and " + predictedClass);
        }
        ensureClasses(Math.max(trueClass, predictedClass) + 1);
        n++;
        boolean hit = trueClass == predictedClass;
        if (hit) {
            correct++;
        }
        predictedCounts[predictedClass]++;
        trueCounts[trueClass]++;
        if (lastSeenClass == trueClass) {
            noChangeCorrect++;
        }
        lastSeenClass = trueClass;

        if (hit) {
            blockCorrect++;
        }
        if (++blockCount == windowSize) {
            if (blocks == blockAccuracies.length) {
                blockAccuracies = Arrays.copyOf(blockAccuracies, blocks * 2);
            }
            blockAccuracies[blocks++] = (double) blockCorrect / windowSize;
            blockCorrect = 0;
            blockCount = 0;
        }

        if (ringSize == slidingSize) {
            int t = ringTrue[ringStart];
            int p = ringPredicted[ringStart];
            if (t == p) {
                slidingCorrect--;
            }
            slidingTrueCounts[t]--;
            slidingPredictedCounts[p]--;
            ringStart = (ringStart + 1) % slidingSize;
            ringSize--;
        }
        int slot = (ringStart + ringSize) % slidingSize;
        ringTrue[slot] = trueClass;
        ringPredicted[slot] = predictedClass;
        ringSize++;
        if (hit) {
            slidingCorrect++;
        }
        slidingTrueCounts[trueClass]++;
        slidingPredictedCounts[predictedClass]++;
    }

    public void addRegression(double truth, double prediction) {
        double err = Math.abs(truth - prediction);
        regressionN++;
        absErrorSum += err;
        if (regSize == slidingSize) {
            slidingAbsErrorSum -= ringAbsError[regStart];
            regStart = (regStart + 1) % slidingSize;
            regSize--;
        }
        ringAbsError[(regStart + regSize) % slidingSize] = err;
        regSize++;
        slidingAbsErrorSum += err;
    }

    /** Every counter and window, for a checkpoint; {@link #readFrom} continues exactly here. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(windowSize);
        out.writeInt(slidingSize);
        out.writeLong(n);
        out.writeLong(correct);
        writeLongs(out, predictedCounts);
        writeLongs(out, trueCounts);
        out.writeLong(noChangeCorrect);
        out.writeInt(lastSeenClass);
        out.writeLong(blockCorrect);
        out.writeInt(blockCount);
        out.writeInt(blocks);
        for (int i = 0; i < blocks; i++) {
            out.writeDouble(blockAccuracies[i]);
        }
        out.writeInt(ringStart);
        out.writeInt(ringSize);
        for (int i = 0; i < slidingSize; i++) {
            out.writeInt(ringTrue[i]);
            out.writeInt(ringPredicted[i]);
            out.writeDouble(ringAbsError[i]);
        }
        out.writeLong(slidingCorrect);
        writeLongs(out, slidingPredictedCounts);
        writeLongs(out, slidingTrueCounts);
        out.writeLong(regressionN);
        out.writeDouble(absErrorSum);
        out.writeInt(regStart);
        out.writeInt(regSize);
        out.writeDouble(slidingAbsErrorSum);
    }

    /** Continues from {@link #writeTo} of an evaluator with the same window sizes. */
    public void readFrom(DataInput in) throws IOException {
        int w = in.readInt();
        int sw = in.readInt();
        if (w != windowSize || sw != slidingSize) {
            throw new IOException("evaluator windows " + w + "/" + sw + " do not fit " + windowSize + "/" + slidingSize);
        }
        n = in.readLong();
        correct = in.readLong();
        predictedCounts = readLongs(in);
        trueCounts = readLongs(in);
        noChangeCorrect = in.readLong();
        lastSeenClass = in.readInt();
        blockCorrect = in.readLong();
        blockCount = in.readInt();
        blocks = in.readInt();
        blockAccuracies = new double[Math.max(16, blocks)];
        for (int i = 0; i < blocks; i++) {
            blockAccuracies[i] = in.readDouble();
        }
        ringStart = in.readInt();
        ringSize = in.readInt();
        for (int i = 0; i < slidingSize; i++) {
            ringTrue[i] = in.readInt();
            ringPredicted[i] = in.readInt();
            ringAbsError[i] = in.readDouble();
        }
        slidingCorrect = in.readLong();
        slidingPredictedCounts = readLongs(in);
        slidingTrueCounts = readLongs(in);
        regressionN = in.readLong();
        absErrorSum = in.readDouble();
        regStart = in.readInt();
        regSize = in.readInt();
        slidingAbsErrorSum = in.readDouble();
    }

    private static void writeLongs(DataOutput out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInput in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private void ensureClasses(int k) {
        if (k > predictedCounts.length) {
            int len = Math.max(k, predictedCounts.length * 2);
            predictedCounts = Arrays.copyOf(predictedCounts, len);
            trueCounts = Arrays.copyOf(trueCounts, len);
            slidingPredictedCounts = Arrays.copyOf(slidingPredictedCounts, len);
            slidingTrueCounts = Arrays.copyOf(slidingTrueCounts, len);
        }
    }

    /** Classification instances recorded. */
    public long instances() {
        return n;
    }

    public double accuracy() {
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** Cohen's kappa over the whole stream, as MOA reports it (0 before any instance). */
    public double kappa() {
        return kappa(n, correct, predictedCounts, trueCounts);
    }

    /** Kappa against the classifier that predicts the previous instance's true class (MOA's kappa-temporal). */
    public double kappaTemporal() {
        if (n == 0) {
            return 0;
        }
        double p0 = (double) correct / n;
        double pc = (double) noChangeCorrect / n;
        return (p0 - pc) / (1.0 - pc);
    }

    /** Accuracy of each complete block of {@code windowSize} instances, in order. */
    public double[] windowAccuracies() {
        return Arrays.copyOf(blockAccuracies, blocks);
    }

    public double slidingAccuracy() {
        return ringSize == 0 ? Double.NaN : (double) slidingCorrect / ringSize;
    }

    public double slidingKappa() {
        return kappa(ringSize, slidingCorrect, slidingPredictedCounts, slidingTrueCounts);
    }

    public long regressionInstances() {
        return regressionN;
    }

    public double mae() {
        return regressionN == 0 ? Double.NaN : absErrorSum / regressionN;
    }

    public double slidingMae() {
        return regSize == 0 ? Double.NaN : slidingAbsErrorSum / regSize;
    }

    private static double kappa(long total, long hits, long[] predicted, long[] actual) {
        if (total == 0) {
            return 0;
        }
        double p0 = (double) hits / total;
        double pc = 0.0;
        for (int i = 0; i < predicted.length; i++) {
            pc += ((double) predicted[i] / total) * ((double) actual[i] / total);
        }
        return (p0 - pc) / (1.0 - pc);
    }
}
