package io.driftline.bench;

import io.driftline.detect.DetectorType;
import io.driftline.detect.DriftDetector;
import io.driftline.monitor.DetectorTrack;
import java.util.Map;
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
 * {@code impl=track} wraps each of Driftline's detectors in a {@link DetectorTrack} (position, published estimate
 * and state, warning zone): the difference from {@code driftline} is what the pipeline's wrapper adds.
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

    /** {@code track}: Driftline's detectors inside the pipeline's {@link DetectorTrack}, as the event loop runs them. */
    @Param({"driftline", "moa", "track"})
    public String impl;

    /** Record-major: the value of feature f in record r is at {@code r * FEATURES + f}. */
    private double[] values;
    private DriftDetector[] driftline;
    private ChangeDetector[] moa;
    private DetectorTrack[] tracks;

    @Setup(Level.Trial)
    public void setUp() {
        double[] stream = DetectorsBenchmark.stream(detector, RECORDS);
        values = new double[RECORDS * FEATURES];
        for (int r = 0; r < RECORDS; r++) {
            for (int f = 0; f < FEATURES; f++) {
                values[r * FEATURES + f] = stream[(r + f * (RECORDS / FEATURES)) % RECORDS];
            }
        }
        if (impl.equals("driftline")) {
            driftline = new DriftDetector[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                driftline[f] = DetectorsBenchmark.driftline(detector);
            }
        } else if (impl.equals("track")) {
            tracks = new DetectorTrack[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                tracks[f] = DetectorTrack.create("f" + f, DetectorType.valueOf(detector), Map.of());
            }
        } else {
            moa = new ChangeDetector[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                moa[f] = DetectorsBenchmark.moa(detector);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS * FEATURES)
    public long update() {
        return driftline != null ? runDriftline() : tracks != null ? runTracks() : runMoa();
    }

    private long runTracks() {
        DetectorTrack[] ts = tracks;
        double[] v = values;
        long flags = 0;
        for (int i = 0; i < v.length; i += FEATURES) {
            for (int f = 0; f < FEATURES; f++) {
                flags += ts[f].update(v[i + f]);
            }
        }
        return flags;
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
