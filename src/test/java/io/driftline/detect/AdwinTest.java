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

class AdwinTest {

    @Test
    void defaultsAreMoas() {
        Adwin adwin = new Adwin();
        assertEquals(0.002, Adwin.DEFAULT_DELTA);
        assertEquals(0.002, adwin.delta());
        assertEquals(Adwin.Direction.BOTH, adwin.direction());
        assertEquals(DetectorType.ADWIN, adwin.type());
        assertEquals(0.0, adwin.estimate());
        assertEquals(0, adwin.observations());
    }

    /** The example of the class Javadoc. */
    @Test
    void javadocExample() {
        Adwin adwin = Adwin.fromParams(Map.of("delta", 0.002));
        Random random = new Random(7);
        int firstDrift = -1;
        for (int i = 0; i < 2000; i++) {
            double x = (i < 1000 ? 0.0 : 1.0) + random.nextGaussian() * 0.5;
            if (adwin.update(x) == DetectorState.DRIFT && firstDrift < 0) {
                firstDrift = i;
            }
        }
        double mean = adwin.estimate();
        assertTrue(firstDrift > 1000 && firstDrift < 1200, "first drift " + firstDrift);
        assertEquals(31, firstDrift % 32);
        assertEquals(1.0, mean, 0.1);
        assertTrue(adwin.width() < 1000, "width " + adwin.width());
    }

    @Test
    void unknownParameterIsNamed() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Adwin.fromParams(Map.of("detla", 0.1)));
        assertEquals("detla", e.parameter());
        assertTrue(e.getMessage().contains("detla"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 1.5, -0.1})
    void deltaOutsideOpenUnitIsRejected(double delta) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Adwin.fromParams(Map.of("delta", delta)));
        assertEquals("delta", e.parameter());
        assertEquals("delta must be in (0,1), was " + delta, e.getMessage());
    }

    @Test
    void deltaNotANumberIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Adwin.fromParams(Map.of("delta", "small")));
        assertEquals("delta", e.parameter());
    }

    @Test
    void unknownDirectionIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Adwin.fromParams(Map.of("direction", "sideways")));
        assertEquals("direction", e.parameter());
        assertTrue(e.getMessage().startsWith("direction must be one of BOTH, DECREASE, INCREASE"), e.getMessage());
    }

    @Test
    void directionIsCaseInsensitive() {
        assertEquals(Adwin.Direction.DECREASE, Adwin.fromParams(Map.of("direction", "Decrease")).direction());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BOTH", "INCREASE", "DECREASE"})
    void snapshotRestoreContinuesIdentically(String direction) {
        double[] values = ExpectedStreams.values("gauss_shift10");
        for (int cut : new int[] {0, 1, 31, 32, 5000, 5055, 5056, 9999, 15123}) {
            Map<String, Object> params = new HashMap<>(Map.of("direction", direction));
            Adwin uninterrupted = Adwin.fromParams(params);
            Adwin first = Adwin.fromParams(params);
            for (int i = 0; i < cut; i++) {
                uninterrupted.update(values[i]);
                first.update(values[i]);
            }
            byte[] snapshot = first.snapshot();
            assertEquals(1, snapshot[0], "format version first");
            Adwin restored = Adwin.fromParams(params);
            restored.update(42.0); // some unrelated state to be replaced
            restored.restore(snapshot);
            assertEquals(uninterrupted.observations(), restored.observations());
            assertArrayEquals(snapshot, restored.snapshot());
            for (int i = cut; i < values.length; i++) {
                DetectorState expected = uninterrupted.update(values[i]);
                assertEquals(expected, restored.update(values[i]), "state at " + i + " after restore at " + cut);
                assertEquals(Double.doubleToLongBits(uninterrupted.estimate()), Double.doubleToLongBits(restored.estimate()),
                        "estimate at " + i + " after restore at " + cut);
            }
        }
    }

    @Test
    void corruptSnapshotIsRejected() {
        Adwin adwin = new Adwin();
        for (int i = 0; i < 100; i++) {
            adwin.update(i % 2);
        }
        byte[] snapshot = adwin.snapshot();
        assertThrows(IllegalArgumentException.class, () -> new Adwin().restore(java.util.Arrays.copyOf(snapshot, snapshot.length - 3)));
        byte[] badVersion = snapshot.clone();
        badVersion[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> new Adwin().restore(badVersion));
    }

    @Test
    void resetForgetsTheWindowAndReplays() {
        double[] values = ExpectedStreams.values("bern_abrupt");
        Adwin adwin = new Adwin();
        List<ExpectedStreams.Event> first = ExpectedStreams.positionsOf(adwin, values);
        adwin.reset();
        assertEquals(0, adwin.width());
        assertEquals(values.length, adwin.observations(), "observations count since construction");
        assertEquals(first, ExpectedStreams.positionsOf(adwin, values));
    }

    @Test
    void keepsTheShrunkWindowAfterADrift() {
        Adwin adwin = new Adwin();
        double[] values = ExpectedStreams.values("bern_abrupt");
        int widthAfterDrift = -1;
        for (int i = 0; i < values.length && widthAfterDrift < 0; i++) {
            if (adwin.update(values[i]) == DetectorState.DRIFT) {
                widthAfterDrift = adwin.width();
                adwin.update(values[i + 1]);
                assertEquals(widthAfterDrift + 1, adwin.width());
            }
        }
        assertTrue(widthAfterDrift > 0);
    }
}
