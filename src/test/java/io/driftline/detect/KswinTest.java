package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KswinTest {

    @Test
    void detectsAt1016OnRiversDocstringStream() {
        Kswin kswin = Kswin.fromParams(Map.of("alpha", 0.0001, "seed", 42));
        List<ExpectedStreams.Event> events = ExpectedStreams.positionsOf(kswin, ExpectedStreams.values("river_doc_adwin"));
        // River's docstring prints exactly one line: "Change detected at index 1016, input value: 6"
        assertEquals(List.of("drift@1016"), events.stream().map(e -> e.event() + "@" + e.index()).toList());
        assertTrue(events.get(0).estimation() <= 0.0001);
    }

    /** The example of the class Javadoc, which also rebuilds the shared stream from CPython's generator. */
    @Test
    void javadocExample() {
        PythonRandom rng = new PythonRandom(12345);
        Kswin kswin = Kswin.fromParams(Map.of("alpha", 0.0001, "seed", 42));
        int firstDrift = -1;
        double[] stream = ExpectedStreams.values("river_doc_adwin");
        for (int i = 0; i < 2000; i++) {
            double x = i < 1000 ? Math.floor(rng.random() * 2) : 4 + Math.floor(rng.random() * 4);
            assertEquals(stream[i], x, "River's stream at " + i);
            if (kswin.update(x) == DetectorState.DRIFT && firstDrift < 0) {
                firstDrift = i;
            }
        }
        assertEquals(1016, firstDrift);
    }

    @Test
    void defaultsAreRivers() {
        Kswin kswin = new Kswin();
        assertEquals(0.005, kswin.alpha());
        assertEquals(100, kswin.windowSize());
        assertEquals(30, kswin.statSize());
        assertEquals(Kswin.DEFAULT_SEED, kswin.seed());
        assertEquals(Kswin.AfterDrift.RESET, kswin.afterDrift());
        assertEquals(DetectorType.KSWIN, kswin.type());
        assertEquals(DetectorType.KSWIN, DetectorType.KSWIN.create(Map.of()).type());
        assertEquals(0.0, kswin.estimate());
    }

    @Test
    void noTestBeforeTheWindowIsFull() {
        Kswin kswin = new Kswin();
        for (int i = 0; i < 99; i++) {
            assertEquals(DetectorState.STABLE, kswin.update(i < 50 ? 0 : 100));
            assertEquals(0.0, kswin.estimate());
        }
        kswin.update(100);
        assertTrue(kswin.estimate() > 0);
    }

    @Test
    void theUpdateAfterADriftStartsFromAnEmptyWindowInRiverMode() {
        Kswin kswin = Kswin.fromParams(Map.of("alpha", 0.0001, "seed", 42));
        double[] values = ExpectedStreams.values("river_doc_adwin");
        for (int i = 0; i <= 1016; i++) {
            kswin.update(values[i]);
        }
        assertEquals(30, kswin.windowCount(), "as River, the drifting update leaves the last statSize values");
        kswin.update(values[1017]);
        assertEquals(1, kswin.windowCount());
        assertEquals(0.0, kswin.estimate());
        assertEquals(1018, kswin.observations());
    }

    @Test
    void keepRecentModeContinuesFromTheLastStatSizeValues() {
        Kswin kswin = Kswin.fromParams(Map.of("alpha", 0.0001, "seed", 42, "afterDrift", "keep_recent"));
        double[] values = ExpectedStreams.values("river_doc_adwin");
        List<ExpectedStreams.Event> events = ExpectedStreams.positionsOf(kswin, java.util.Arrays.copyOf(values, 1018));
        assertEquals(1016, events.get(0).index());
        assertEquals(31, kswin.windowCount());
    }

    @Test
    void resetRebuildsTheGeneratorAndReplays() {
        double[] values = gaussianSteps(3000, 11);
        Kswin kswin = Kswin.fromParams(Map.of("alpha", 0.01));
        List<ExpectedStreams.Event> first = ExpectedStreams.positionsOf(kswin, values);
        assertTrue(first.size() >= 2, "several drifts " + first);
        kswin.reset();
        assertEquals(first, ExpectedStreams.positionsOf(kswin, values));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESET", "KEEP_RECENT"})
    void snapshotRestoreContinuesIdentically(String afterDrift) {
        double[] values = gaussianSteps(3000, 3);
        Map<String, Object> params = new HashMap<>(Map.of("alpha", 0.01, "seed", 7, "afterDrift", afterDrift));
        Kswin reference = Kswin.fromParams(params);
        List<ExpectedStreams.Event> all = ExpectedStreams.positionsOf(reference, values);
        assertTrue(all.size() >= 2);
        int[] cuts = {0, 50, 99, 100, 101, all.get(0).index() + 1, all.get(1).index(), 2999};
        for (int cut : cuts) {
            Kswin uninterrupted = Kswin.fromParams(params);
            Kswin first = Kswin.fromParams(params);
            for (int i = 0; i < cut; i++) {
                uninterrupted.update(values[i]);
                first.update(values[i]);
            }
            byte[] snapshot = first.snapshot();
            assertEquals(1, snapshot[0]);
            Kswin restored = Kswin.fromParams(params);
            for (int i = 0; i < 150; i++) {
                restored.update(i); // unrelated state, replaced by restore
            }
            restored.restore(snapshot);
            assertArrayEquals(snapshot, restored.snapshot());
            for (int i = cut; i < values.length; i++) {
                assertEquals(uninterrupted.update(values[i]), restored.update(values[i]), "state at " + i + ", restored at " + cut);
                assertEquals(uninterrupted.estimate(), restored.estimate(), "p-value at " + i + ", restored at " + cut);
            }
        }
    }

    @Test
    void corruptSnapshotIsRejected() {
        Kswin kswin = new Kswin();
        byte[] snapshot = kswin.snapshot();
        assertThrows(IllegalArgumentException.class, () -> new Kswin().restore(java.util.Arrays.copyOf(snapshot, 20)));
        Kswin small = Kswin.fromParams(Map.of("windowSize", 10, "statSize", 5));
        Kswin big = new Kswin();
        for (int i = 0; i < 50; i++) {
            big.update(i);
        }
        assertThrows(IllegalArgumentException.class, () -> small.restore(big.snapshot()));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.5, 2})
    void alphaOutsideOpenUnitIsRejected(double alpha) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Kswin.fromParams(Map.of("alpha", alpha)));
        assertEquals("alpha", e.parameter());
        assertEquals("alpha must be in (0,1), was " + alpha, e.getMessage());
    }

    @Test
    void windowSizeTooSmallIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Kswin.fromParams(Map.of("windowSize", 1, "statSize", 1)));
        assertEquals("windowSize", e.parameter());
        assertEquals("windowSize must be >= 2, was 1", e.getMessage());
    }

    @Test
    void windowSizeNotAnIntegerIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Kswin.fromParams(Map.of("windowSize", 10.5)));
        assertEquals("windowSize", e.parameter());
    }

    @Test
    void statSizeNotBelowWindowSizeIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Kswin.fromParams(Map.of("windowSize", 50, "statSize", 50)));
        assertEquals("statSize", e.parameter());
        assertEquals("statSize must be < windowSize (50), was 50", e.getMessage());
    }

    @Test
    void statSizeAboveHalfTheWindowIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Kswin.fromParams(Map.of("windowSize", 100, "statSize", 51)));
        assertEquals("statSize", e.parameter());
        assertTrue(e.getMessage().startsWith("statSize must be <= windowSize / 2 (50)"), e.getMessage());
    }

    @Test
    void statSizeBelowOneIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Kswin.fromParams(Map.of("statSize", 0)));
        assertEquals("statSize", e.parameter());
        assertEquals("statSize must be >= 1, was 0", e.getMessage());
    }

    @Test
    void statSizeAboveExactLimitIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Kswin.fromParams(Map.of("windowSize", 30000, "statSize", 10001)));
        assertEquals("statSize", e.parameter());
    }

    @Test
    void seedNotAnIntegerIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Kswin.fromParams(Map.of("seed", "abc")));
        assertEquals("seed", e.parameter());
    }

    @Test
    void unknownAfterDriftIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Kswin.fromParams(Map.of("afterDrift", "forget")));
        assertEquals("afterDrift", e.parameter());
    }

    @Test
    void unknownParameterIsNamed() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Kswin.fromParams(Map.of("windowsize", 10)));
        assertEquals("windowsize", e.parameter());
    }

    @Test
    void negativeSeedIsCpythonsAbsoluteValue() {
        double[] values = gaussianSteps(1500, 1);
        assertEquals(ExpectedStreams.positionsOf(Kswin.fromParams(Map.of("seed", 9, "alpha", 0.01)), values),
                ExpectedStreams.positionsOf(Kswin.fromParams(Map.of("seed", -9, "alpha", 0.01)), values));
    }

    static double[] gaussianSteps(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i / 700) % 2 * 2.0 + r.nextGaussian();
        }
        return v;
    }
}
