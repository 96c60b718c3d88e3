package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Steady-state update() of ADWIN and KSWIN allocates nothing (per-thread allocated bytes, no timing). */
class KswinAllocationTest {

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    static long bytesFor(DriftDetector detector, double[] values) {
        for (double x : values) { // warm-up: fills the window, loads classes
            detector.update(x);
        }
        long least = Long.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 3; round++) { // the least of three passes: skips one-time JVM events
            long before = allocatedBytes();
            for (int k = 0; k < 3; k++) {
                for (double x : values) {
                    sink += detector.update(x).ordinal();
                }
            }
            least = Math.min(least, allocatedBytes() - before);
        }
        assertTrue(sink >= 0);
        return least;
    }

    @Test
    void kswinUpdateAllocatesNothing() {
        double[] values = KswinTest.gaussianSteps(10_000, 4);
        long bytes = bytesFor(Kswin.fromParams(Map.of("alpha", 0.01)), values);
        assertTrue(bytes < 1024, "KSWIN allocated " + bytes + " bytes over 30 000 updates");
    }

    @Test
    void adwinUpdateAllocatesNothing() {
        double[] values = KswinTest.gaussianSteps(10_000, 4);
        for (Adwin.Direction direction : Adwin.Direction.values()) {
            long bytes = bytesFor(new Adwin(0.002, direction), values);
            assertTrue(bytes < 1024, "ADWIN " + direction + " allocated " + bytes + " bytes over 30 000 updates");
        }
    }
}
