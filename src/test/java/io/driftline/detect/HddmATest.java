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

class HddmATest {

    static Stream<String> streams() {
        return ReferenceStreams.streamsWithExpected("HDDM_A");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void eventsMatchMoaOnReferenceStream(String stream) {
        ReferenceStreams.assertMatchesExpected("HDDM_A", stream, new HddmA());
    }

    @Test
    void javadocExampleDetectsTheJump() {
        HddmA hddm = HddmA.fromParams(Map.of("driftConfidence", 0.001));
        DetectorState state = DetectorState.STABLE;
        int i = 0;
        for (; i < 2000 && state != DetectorState.DRIFT; i++) {
            state = hddm.update(i < 1000 ? (i % 10 == 0 ? 1 : 0) : (i % 2 == 0 ? 1 : 0));
        }
        assertEquals(DetectorState.DRIFT, state);
        assertTrue(i > 1000 && i < 1200, "drift at " + (i - 1));
    }

    @Test
    void defaultsAreMoas() {
        HddmA hddm = HddmA.fromParams(Map.of());
        assertEquals(0.001, hddm.driftConfidence());
        assertEquals(0.005, hddm.warningConfidence());
        assertTrue(hddm.twoSided());
        assertEquals(DetectorType.HDDM_A, hddm.type());
        assertInstanceOf(HddmA.class, DetectorType.HDDM_A.create(Map.of("twoSided", "false")));
    }

    @Test
    void twoSidedRestartsSilentlyOnADecrease() {
        double[] values = new double[3000];
        for (int i = 0; i < 1500; i++) {
            values[i] = i % 2;
        }
        HddmA twoSided = new HddmA();
        HddmA oneSided = new HddmA(0.001, 0.005, false);
        assertEquals(List.of(), ReferenceStreams.driftsOf(twoSided, values));
        assertEquals(List.of(), ReferenceStreams.driftsOf(oneSided, values));
        assertEquals(0.0, twoSided.estimate(), "restarted after the error rate fell to 0");
        assertEquals(0.25, oneSided.estimate(), 1e-12);
    }

    @Test
    void snapshotRestoreMidStreamContinuesIdentically() {
        ReferenceStreams.assertSnapshotRestoreIsSeamless(HddmA::new, ReferenceStreams.stream("bern_abrupt"),
                0, 1, 500, 1033, 1064, 1065, 1070, 5817);
        ReferenceStreams.assertSnapshotRestoreIsSeamless(() -> new HddmA(0.001, 0.005, false),
                ReferenceStreams.stream("bern_abrupt_small"), 2, 5000, 5100);
    }

    @Test
    void rejectsDriftConfidenceOutsideUnitInterval() {
        assertNames("driftConfidence", Map.of("driftConfidence", 0.0));
        assertNames("driftConfidence", Map.of("driftConfidence", 1.5));
    }

    @Test
    void rejectsWarningConfidenceOutsideUnitInterval() {
        assertNames("warningConfidence", Map.of("warningConfidence", 1.0));
    }

    @Test
    void rejectsWarningConfidenceBelowDriftConfidence() {
        assertNames("warningConfidence", Map.of("driftConfidence", 0.01, "warningConfidence", 0.005));
    }

    @Test
    void rejectsNonBooleanTwoSided() {
        assertNames("twoSided", Map.of("twoSided", "both"));
    }

    @Test
    void rejectsUnknownParameter() {
        assertNames("two_sided_test", Map.of("two_sided_test", true));
    }

    private static void assertNames(String parameter, Map<String, ?> params) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> HddmA.fromParams(params));
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
