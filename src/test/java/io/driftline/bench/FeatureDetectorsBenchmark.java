package io.driftline.bench;

import io.driftline.detect.DriftDetector;
import java.util.concurrent.TimeUnit;
import moa.classifiers.core.driftdetection.ChangeDetector;
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
 * Updates per second when detectors are used as the pipeline uses them: one detector per feature, the
 * {@value #FEATURES} detectors of a record updated one after the other, record after record (the load harness's
 * monitor has 10 numeric features). {@link DetectorsBenchmark} feeds one detector alone, where DDM, EDDM,
 * Page-Hinkley and CUSUM are bound by the latency of their running-mean division, the same operation in MOA and
 * here (the exact-position tests pin the arithmetic), so both run at the same speed; with independent detectors
 * the CPU overlaps those divisions and what each implementation does around them shows. Same streams as
 * {@link DetectorsBenchmark}, each lane reading it from its own offset. One operation is one {@code update}.
 * Run: {@code scripts/jmh FeatureDetectorsBenchmark -f 2 -wi 3 -i 5 -w 1 -r 1} (the README's figures).
 * (MOA's HDDM_W keeps its state in static fields, so ten instances would share it: it is not in this benchmark.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FeatureDetectorsBenchmark {
    static final int FEATURES = 10;
    static final int RECORDS = 1 << 14;

    @Param({"DDM", "EDDM", "PAGE_HINKLEY", "CUSUM"})
    public String detector;

    @Param({"driftline", "moa"})
    public String impl;

    /** Record-major: the value of feature f in record r is at {@code r * FEATURES + f}. */
    private double[] values;
    private DriftDetector[] driftline;
    private ChangeDetector[] moa;

    @Setup(Level.Trial)
    public void setUp() {
        values = records(detector);
        if (impl.equals("driftline")) {
            driftline = new DriftDetector[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                driftline[f] = DetectorsBenchmark.driftline(detector);
            }
        } else {
            moa = new ChangeDetector[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                moa[f] = DetectorsBenchmark.moa(detector);
            }
        }
    }

    /** The records of a run, record-major, each feature lane reading {@code detector}'s stream from its own offset. */
    static double[] records(String detector) {
        double[] stream = DetectorsBenchmark.stream(detector, RECORDS);
        double[] values = new double[RECORDS * FEATURES];
        for (int r = 0; r < RECORDS; r++) {
            for (int f = 0; f < FEATURES; f++) {
                values[r * FEATURES + f] = stream[(r + f * (RECORDS / FEATURES)) % RECORDS];
            }
        }
        return values;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS * FEATURES)
    public long update() {
        return driftline != null ? runDriftline() : runMoa();
    }

    private long runDriftline() {
        DriftDetector[] ds = driftline;
        double[] v = values;
        long states = 0;
        for (int i = 0; i < v.length; i += FEATURES) {
            for (int f = 0; f < FEATURES; f++) {
                states += ds[f].update(v[i + f]).ordinal();
            }
        }
        return states;
    }

    private long runMoa() {
        ChangeDetector[] ds = moa;
        double[] v = values;
        long states = 0;
        for (int i = 0; i < v.length; i += FEATURES) {
            for (int f = 0; f < FEATURES; f++) {
                ChangeDetector d = ds[f];
                d.input(v[i + f]);
                states += d.getChange() ? 2 : d.getWarningZone() ? 1 : 0;
            }
        }
        return states;
    }
}
