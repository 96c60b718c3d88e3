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

class CusumTest {

    static Stream<String> streams() {
        return ReferenceStreams.streamsWithExpected("CUSUM");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void eventsMatchMoaOnReferenceStream(String stream) {
        ReferenceStreams.assertMatchesExpected("CUSUM", stream, new Cusum());
    }

    @Test
    void javadocExampleDetectsTheStep() {
        Cusum cusum = Cusum.fromParams(Map.of("lambda", 50));
        DetectorState state = DetectorState.STABLE;
        int i = 0;
        for (; i < 2000 && state != DetectorState.DRIFT; i++) {
            state = cusum.update(i < 1000 ? 0.0 : 1.0);
        }
        assertEquals(DetectorState.DRIFT, state);
        assertTrue(i > 1040 && i < 1100, "drift at " + (i - 1));
    }

    @Test
    void defaultsAreMoas() {
        Cusum cusum = Cusum.fromParams(Map.of());
        assertEquals(30, cusum.minInstances());
        assertEquals(0.005, cusum.delta());
        assertEquals(50.0, cusum.lambda());
        assertEquals(DetectorType.CUSUM, cusum.type());
        assertInstanceOf(Cusum.class, DetectorType.CUSUM.create(Map.of("minInstances", 10)));
    }

    @Test
    void checksFromThe29thValueAndRestartsAfterADrift() {
        double[] values = new double[80];
        java.util.Arrays.fill(values, 1000.0);
        values[0] = 0.0;
        values[40] = 0.0;
        // the sum is far above lambda from the second value on, but only checked from index 28;
        // after the restart at index 29 the same happens again 28 values later
        assertEquals(List.of(28, 57), ReferenceStreams.driftsOf(new Cusum(), values).subList(0, 2));
    }

    @Test
    void restoresASnapshotOfFormatVersion1() {
        ReferenceStreams.assertRestoresFormatVersion1(Cusum::new, ReferenceStreams.stream("gauss_shift10"), 2500,
                "014300000000000007dfbf905429e91ac7654021da3ea8e010dbbf905429e91ac76500000000000009c400");
    }

    @Test
    void snapshotRestoreMidStreamContinuesIdentically() {
        ReferenceStreams.assertSnapshotRestoreIsSeamless(Cusum::new, ReferenceStreams.stream("gauss_shift10"),
                0, 29, 2887, 2888, 5000, 15000);
    }

    @Test
    void rejectsNegativeMinInstances() {
        assertNames("minInstances", Map.of("minInstances", -30));
    }

    @Test
    void rejectsNegativeDelta() {
        assertNames("delta", Map.of("delta", -1));
    }

    @Test
    void rejectsNonPositiveLambda() {
        assertNames("lambda", Map.of("lambda", -50.0));
    }

    @Test
    void rejectsUnknownParameterSuchAsAlpha() {
        assertNames("alpha", Map.of("alpha", 0.9999));
    }

    private static void assertNames(String parameter, Map<String, ?> params) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Cusum.fromParams(params));
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
