package io.driftline.bench;

import io.driftline.detect.DetectorType;
import io.driftline.monitor.DetectorTrack;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The pipeline's per-feature step as the event loop runs it: {@link DetectorTrack#update} (detector, position,
 * published estimate and state, warning-zone events) on the {@value #FEATURES} tracks of a record, record after
 * record, beside the bare detectors of {@link FeatureDetectorsBenchmark}: the difference is what a track adds.
 * Run: {@code scripts/jmh DetectorTrackBenchmark -f 2 -wi 3 -i 5 -w 1 -r 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectorTrackBenchmark {
    static final int FEATURES = FeatureDetectorsBenchmark.FEATURES;
    static final int RECORDS = FeatureDetectorsBenchmark.RECORDS;

    @Param({"PAGE_HINKLEY", "DDM"})
    public String detector;

    private double[] values;
    private DetectorTrack[] tracks;

    @Setup(Level.Trial)
    public void setUp() {
        values = FeatureDetectorsBenchmark.records(detector);
        tracks = new DetectorTrack[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            tracks[f] = DetectorTrack.create("f" + f, DetectorType.valueOf(detector), Map.of());
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS * FEATURES)
    public long update() {
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
}
