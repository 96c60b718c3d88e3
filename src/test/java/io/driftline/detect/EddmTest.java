package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EddmTest {

    static Stream<String> streams() {
        return ReferenceStreams.streamsWithExpected("EDDM");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void eventsMatchMoaOnReferenceStream(String stream) {
        ReferenceStreams.assertMatchesExpected("EDDM", stream, new Eddm());
    }

    @Test
    void javadocExampleDetectsTheJump() {
        Eddm eddm = Eddm.fromParams(Map.of());
        DetectorState state = DetectorState.STABLE;
        int i = 0;
        for (; i < 3000 && state != DetectorState.DRIFT; i++) {
            state = eddm.update(i < 1500 ? (i % 20 == 19 ? 1 : 0) : (i % 2 == 0 ? 1 : 0));
        }
        assertEquals(DetectorState.DRIFT, state);
        assertTrue(i > 1500 && i < 1700, "drift at " + (i - 1));
    }

    @Test
    void defaultsAreMoasConstants() {
        Eddm eddm = Eddm.fromParams(Map.of());
        assertEquals(0.95, eddm.alpha());
        assertEquals(0.90, eddm.beta());
        assertEquals(30, eddm.minInstances());
        assertEquals(30, eddm.minErrors());
        assertEquals(DetectorType.EDDM, eddm.type());
        assertInstanceOf(Eddm.class, DetectorType.EDDM.create(Map.of("alpha", 0.8, "beta", 0.75)));
    }

    @Test
    void estimateIsTheMeanDistanceAndOnlyOneIsAnError() {
        Eddm eddm = new Eddm();
        // errors at 1-based positions 2, 5, 6: distances 2, 3, 1 (the first from position 0)
        for (double x : new double[] {0, 1, 0.5, 0.999, 1, 1, 2}) {
            eddm.update(x);
        }
        assertEquals(2.0, eddm.estimate(), 1e-15);
        assertEquals(7, eddm.observations());
    }

    @Test
    void warningPersistsThroughCorrectValues() {
        Eddm eddm = new Eddm();
        double[] values = ReferenceStreams.stream("river_doc_binary");
        int i = 0;
        while (eddm.update(values[i]) != DetectorState.WARNING) {
            i++;
        }
        assertEquals(DetectorState.WARNING, eddm.update(0.0));
        assertEquals(DetectorState.WARNING, eddm.update(0.0));
    }

    @Test
    void snapshotRestoreMidStreamContinuesIdentically() {
        ReferenceStreams.assertSnapshotRestoreIsSeamless(Eddm::new, ReferenceStreams.stream("river_doc_binary"),
                0, 7, 30, 62, 105, 106, 1000);
    }

    @Test
    void rejectsAlphaOutsideUnitInterval() {
        assertNames("alpha", Map.of("alpha", 1.5));
    }

    @Test
    void rejectsBetaOutsideUnitInterval() {
        assertNames("beta", Map.of("beta", 0.0));
    }

    @Test
    void rejectsBetaAboveAlpha() {
        assertNames("beta", Map.of("alpha", 0.8, "beta", 0.85));
    }

    @Test
    void rejectsNegativeMinInstances() {
        assertNames("minInstances", Map.of("minInstances", -5));
    }

    @Test
    void rejectsNegativeMinErrors() {
        assertNames("minErrors", Map.of("minErrors", -1));
    }

    @Test
    void rejectsNonNumericAlpha() {
        assertNames("alpha", Map.of("alpha", "high"));
    }

    @Test
    void rejectsUnknownParameter() {
        assertNames("warmStart", Map.of("warmStart", 30));
    }

    private static void assertNames(String parameter, Map<String, ?> params) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Eddm.fromParams(params));
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
