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

class DdmTest {

    static Stream<String> streams() {
        return ReferenceStreams.streamsWithExpected("DDM");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void eventsMatchMoaOnReferenceStream(String stream) {
        ReferenceStreams.assertMatchesExpected("DDM", stream, new Ddm());
    }

    @Test
    void javadocExampleDetectsTheJump() {
        Ddm ddm = Ddm.fromParams(Map.of("warningLevel", 2.0, "driftLevel", 3.0));
        DetectorState state = DetectorState.STABLE;
        int i = 0;
        for (; i < 2000 && state != DetectorState.DRIFT; i++) {
            state = ddm.update(i < 1000 ? (i % 10 == 0 ? 1 : 0) : (i % 2 == 0 ? 1 : 0));
        }
        assertEquals(DetectorState.DRIFT, state);
        assertTrue(i > 1000 && i < 1100, "drift at " + (i - 1));
    }

    @Test
    void defaultsAreMoas() {
        Ddm ddm = Ddm.fromParams(Map.of());
        assertEquals(30, ddm.minInstances());
        assertEquals(2.0, ddm.warningLevel());
        assertEquals(3.0, ddm.driftLevel());
        assertEquals(DetectorType.DDM, ddm.type());
        assertInstanceOf(Ddm.class, DetectorType.DDM.create(Map.of("minInstances", 50)));
    }

    @Test
    void tracksTheMinimumFromThe29thValueAndDriftsFromThe30th() {
        // MOA starts the test one value earlier than River: the minimum p + s = 0 is taken at index 28,
        // so the first error, at index 29, is already a drift
        double[] values = new double[40];
        java.util.Arrays.fill(values, 29, 40, 1.0);
        Ddm ddm = new Ddm();
        DetectorState[] states = new DetectorState[values.length];
        for (int i = 0; i < values.length; i++) {
            states[i] = ddm.update(values[i]);
        }
        assertEquals(DetectorState.STABLE, states[28]);
        assertEquals(DetectorState.DRIFT, states[29]);
        assertEquals(DetectorState.STABLE, states[30], "restarted after the drift");
        assertEquals(1.0, ddm.estimate());
        assertEquals(40, ddm.observations());
    }

    @Test
    void snapshotRestoreMidStreamContinuesIdentically() {
        ReferenceStreams.assertSnapshotRestoreIsSeamless(Ddm::new, ReferenceStreams.stream("bern_abrupt"),
                0, 10, 29, 115, 1000, 1063, 5000);
    }

    @Test
    void restoresASnapshotOfFormatVersion1() {
        ReferenceStreams.assertRestoresFormatVersion1(Ddm::new, ReferenceStreams.stream("bern_abrupt"), 1500,
                "014400000000000001ab3fdd722dabde58f13f98ba335e91432c3fdc0d6e9f5f0e1c3fd92992992992983fa71ee031abdc1f"
                        + "3fdd722dabde58f100000000000005dc00");
    }

    @Test
    void rejectsASnapshotOfAnUnknownFormatVersion() {
        byte[] snapshot = new Ddm().snapshot();
        snapshot[0] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ddm().restore(snapshot));
        assertEquals("not a DDM snapshot of format version 1 to 2", e.getMessage());
    }

    @Test
    void resetForgetsEverything() {
        Ddm ddm = new Ddm();
        double[] values = ReferenceStreams.stream("river_doc_binary");
        var first = ReferenceStreams.positionsOf(ddm, values);
        ddm.reset();
        assertEquals(0, ddm.observations());
        assertEquals(0.0, ddm.estimate());
        assertEquals(first, ReferenceStreams.positionsOf(ddm, values));
    }

    @Test
    void rejectsNegativeMinInstances() {
        assertNames("minInstances", Map.of("minInstances", -1));
    }

    @Test
    void rejectsNonPositiveWarningLevel() {
        assertNames("warningLevel", Map.of("warningLevel", 0.0));
    }

    @Test
    void rejectsNonPositiveDriftLevel() {
        assertNames("driftLevel", Map.of("driftLevel", -3.0));
    }

    @Test
    void rejectsDriftLevelBelowWarningLevel() {
        assertNames("driftLevel", Map.of("warningLevel", 2.5, "driftLevel", 2.0));
    }

    @Test
    void rejectsNonIntegerMinInstances() {
        assertNames("minInstances", Map.of("minInstances", 2.5));
    }

    @Test
    void rejectsUnknownParameter() {
        assertNames("warning_level", Map.of("warning_level", 2.0));
    }

    @Test
    void rejectsForeignSnapshot() {
        assertThrows(IllegalArgumentException.class, () -> new Ddm().restore(new Eddm().snapshot()));
    }

    private static void assertNames(String parameter, Map<String, ?> params) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Ddm.fromParams(params));
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
