package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PageHinkleyTest {

    static Stream<String> streams() {
        return ReferenceStreams.streamsWithExpected("PageHinkley");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void eventsMatchMoaOnReferenceStream(String stream) {
        ReferenceStreams.assertMatchesExpected("PageHinkley", stream, new PageHinkley());
    }

    @Test
    void javadocExampleDetectsTheStep() {
        PageHinkley ph = PageHinkley.fromParams(Map.of("lambda", 50));
        DetectorState state = DetectorState.STABLE;
        int i = 0;
        for (; i < 2000 && state != DetectorState.DRIFT; i++) {
            state = ph.update(i < 1000 ? 0.0 : 1.0);
        }
        assertEquals(DetectorState.DRIFT, state);
        assertTrue(i > 1040 && i < 1100, "drift at " + (i - 1));
    }

    @Test
    void defaultsAreMoas() {
        PageHinkley ph = PageHinkley.fromParams(Map.of());
        assertEquals(30, ph.minInstances());
        assertEquals(0.005, ph.delta());
        assertEquals(50.0, ph.lambda());
        assertEquals(0.9999, ph.alpha());
        assertEquals(DetectorType.PAGE_HINKLEY, ph.type());
        assertInstanceOf(PageHinkley.class, DetectorType.PAGE_HINKLEY.create(Map.of("lambda", 25)));
    }

    @Test
    void checksFromThe29thValueAndRestartsAfterADrift() {
        double[] values = new double[40];
        java.util.Arrays.fill(values, 1000.0);
        // S = x - mean - delta is about 500 at the second value but the test only starts at index 28
        values[0] = 0.0;
        assertEquals(List.of(28), ReferenceStreams.driftsOf(new PageHinkley(), values));
    }

    @Test
    void restoresASnapshotOfFormatVersion1() {
        ReferenceStreams.assertRestoresFormatVersion1(PageHinkley::new, ReferenceStreams.stream("gauss_shift10"), 2500,
                "015000000000000009c5bf7ef6ec44b217b1c03bd0e97149235abf7ef6ec44b217b100000000000009c400");
    }

    @Test
    void snapshotRestoreMidStreamContinuesIdentically() {
        ReferenceStreams.assertSnapshotRestoreIsSeamless(PageHinkley::new, ReferenceStreams.stream("river_doc_adwin"),
                0, 29, 1000, 1007, 1008, 1500);
    }

    @Test
    void rejectsNegativeMinInstances() {
        assertNames("minInstances", Map.of("minInstances", -1));
    }

    @Test
    void rejectsNegativeDelta() {
        assertNames("delta", Map.of("delta", -0.005));
    }

    @Test
    void rejectsNonPositiveLambda() {
        assertNames("lambda", Map.of("lambda", 0));
    }

    @Test
    void rejectsAlphaOutsideUnitInterval() {
        assertNames("alpha", Map.of("alpha", 0.0));
        assertNames("alpha", Map.of("alpha", 1.01));
    }

    @Test
    void rejectsUnknownParameter() {
        assertNames("threshold", Map.of("threshold", 50));
    }

    private static void assertNames(String parameter, Map<String, ?> params) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> PageHinkley.fromParams(params));
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
