package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HddmWTest {

    static Stream<String> streams() {
        return ReferenceStreams.streamsWithExpected("HDDM_W");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void eventsMatchMoaOnReferenceStream(String stream) {
        ReferenceStreams.assertMatchesExpected("HDDM_W", stream, new HddmW());
    }

    @Test
    void javadocExampleDetectsTheJump() {
        HddmW hddm = HddmW.fromParams(Map.of("lambda", 0.05));
        DetectorState state = DetectorState.STABLE;
        int i = 0;
        for (; i < 2000 && state != DetectorState.DRIFT; i++) {
            state = hddm.update(i < 1000 ? (i % 10 == 0 ? 1 : 0) : (i % 2 == 0 ? 1 : 0));
        }
        assertEquals(DetectorState.DRIFT, state);
        assertTrue(i > 1000 && i < 1200, "drift at " + (i - 1));
        assertEquals(-1.0, hddm.estimate(), "MOA reports the empty EWMA right after a drift");
    }

    @Test
    void defaultsAreMoas() {
        HddmW hddm = HddmW.fromParams(Map.of());
        assertEquals(0.001, hddm.driftConfidence());
        assertEquals(0.005, hddm.warningConfidence());
        assertEquals(0.05, hddm.lambda());
        assertFalse(hddm.twoSided());
        assertEquals(DetectorType.HDDM_W, hddm.type());
        assertInstanceOf(HddmW.class, DetectorType.HDDM_W.create(Map.of("twoSided", true, "lambda", 0.1)));
    }

    @Test
    void instancesDoNotShareState() {
        // MOA keeps these statistics in static fields; here two interleaved detectors behave as if alone
        double[] a = ReferenceStreams.stream("bern_abrupt");
        double[] b = ReferenceStreams.stream("river_doc_binary");
        List<Integer> aloneA = ReferenceStreams.driftsOf(new HddmW(), a);
        List<Integer> aloneB = ReferenceStreams.driftsOf(new HddmW(), b);
        HddmW first = new HddmW();
        HddmW second = new HddmW();
        List<Integer> driftsA = new ArrayList<>();
        List<Integer> driftsB = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (first.update(a[i]) == DetectorState.DRIFT) {
                driftsA.add(i);
            }
            if (i < b.length && second.update(b[i]) == DetectorState.DRIFT) {
                driftsB.add(i);
            }
        }
        assertFalse(aloneA.isEmpty());
        assertEquals(aloneA, driftsA);
        assertEquals(aloneB, driftsB);
    }

    @Test
    void snapshotRestoreMidStreamContinuesIdentically() {
        ReferenceStreams.assertSnapshotRestoreIsSeamless(HddmW::new, ReferenceStreams.stream("river_doc_binary"),
                0, 1, 451, 1077, 1078, 1500);
        ReferenceStreams.assertSnapshotRestoreIsSeamless(() -> new HddmW(0.001, 0.005, 0.05, true),
                ReferenceStreams.stream("bern_abrupt"), 3, 999, 4000);
    }

    @Test
    void rejectsDriftConfidenceOutsideUnitInterval() {
        assertNames("driftConfidence", Map.of("driftConfidence", -0.1));
    }

    @Test
    void rejectsWarningConfidenceOutsideUnitInterval() {
        assertNames("warningConfidence", Map.of("warningConfidence", 2));
    }

    @Test
    void rejectsWarningConfidenceBelowDriftConfidence() {
        assertNames("warningConfidence", Map.of("driftConfidence", 0.01, "warningConfidence", 0.001));
    }

    @Test
    void rejectsLambdaOutsideUnitInterval() {
        assertNames("lambda", Map.of("lambda", 0.0));
        assertNames("lambda", Map.of("lambda", 1.0));
    }

    @Test
    void rejectsNonBooleanTwoSided() {
        assertNames("twoSided", Map.of("twoSided", 1));
    }

    @Test
    void rejectsUnknownParameter() {
        assertNames("lambda_val", Map.of("lambda_val", 0.05));
    }

    private static void assertNames(String parameter, Map<String, ?> params) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> HddmW.fromParams(params));
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
