package io.driftline.bench;

import io.driftline.detect.Cusum;
import io.driftline.detect.Ddm;
import io.driftline.detect.DriftDetector;
import io.driftline.detect.Eddm;
import io.driftline.detect.HddmA;
import io.driftline.detect.HddmW;
import io.driftline.detect.PageHinkley;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import moa.classifiers.core.driftdetection.ChangeDetector;
import moa.classifiers.core.driftdetection.CusumDM;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.EDDM;
import moa.classifiers.core.driftdetection.HDDM_A_Test;
import moa.classifiers.core.driftdetection.HDDM_W_Test;
import moa.classifiers.core.driftdetection.PageHinkleyDM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Updates per second of Driftline's detectors beside MOA 2024.07.0's own classes, in the same JVM, on the same
 * pre-generated stream: a Bernoulli error stream whose rate steps from 0.2 to 0.5 and back for DDM, EDDM and
 * HDDM_*, a N(0,1) stream whose mean steps to 1 and back for Page-Hinkley and CUSUM, so drifts and restarts
 * happen as in real use. One operation is one {@code update}; run with {@code -prof gc} for the bytes
 * allocated per update. Run: {@code scripts/jmh DetectorsBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectorsBenchmark {
    static final int LENGTH = 1 << 16;

    @Param({"DDM", "EDDM", "HDDM_A", "HDDM_W", "PAGE_HINKLEY", "CUSUM"})
    public String detector;

    @Param({"driftline", "moa"})
    public String impl;

    private double[] stream;
    private DriftDetector driftline;
    private ChangeDetector moa;

    @Setup(Level.Trial)
    public void setUp() {
        stream = stream(detector, LENGTH);
        if (impl.equals("driftline")) {
            driftline = driftline(detector);
        } else {
            moa = moa(detector); // MOA's HDDM_W keeps static state: the only instance in this fork
        }
    }

    /**
     * The benchmark stream: a Bernoulli error stream whose rate steps from 0.2 to 0.5 and back for the error-rate
     * detectors, a N(0,1) stream whose mean steps to 1 and back for Page-Hinkley and CUSUM; seeded.
     */
    static double[] stream(String detector, int length) {
        boolean real = detector.equals("PAGE_HINKLEY") || detector.equals("CUSUM");
        Random rng = new Random(42);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            boolean shifted = (i / (length / 4)) % 2 == 1;
            values[i] = real ? (shifted ? 1 : 0) + rng.nextGaussian()
                    : rng.nextDouble() < (shifted ? 0.5 : 0.2) ? 1 : 0;
        }
        return values;
    }

    static DriftDetector driftline(String detector) {
        return switch (detector) {
            case "DDM" -> new Ddm();
            case "EDDM" -> new Eddm();
            case "HDDM_A" -> new HddmA();
            case "HDDM_W" -> new HddmW();
            case "PAGE_HINKLEY" -> new PageHinkley();
            case "CUSUM" -> new Cusum();
            default -> throw new IllegalArgumentException(detector);
        };
    }

    static ChangeDetector moa(String detector) {
        ChangeDetector d = switch (detector) {
            case "DDM" -> new DDM();
            case "EDDM" -> new EDDM();
            case "HDDM_A" -> new HDDM_A_Test();
            case "HDDM_W" -> new HDDM_W_Test();
            case "PAGE_HINKLEY" -> new PageHinkleyDM();
            case "CUSUM" -> new CusumDM();
            default -> throw new IllegalArgumentException(detector);
        };
        d.prepareForUse();
        return d;
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public long update() {
        return driftline != null ? runDriftline() : runMoa();
    }

    private long runDriftline() {
        DriftDetector d = driftline;
        double[] values = stream;
        long states = 0;
        for (double x : values) {
            states += d.update(x).ordinal();
        }
        return states;
    }

    private long runMoa() {
        ChangeDetector d = moa;
        double[] values = stream;
        long states = 0;
        for (double x : values) {
            d.input(x);
            states += d.getChange() ? 2 : d.getWarningZone() ? 1 : 0;
        }
        return states;
    }
}
