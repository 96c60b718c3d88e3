package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.driftline.detect.InvalidParameterException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HoeffdingAdaptiveTreeTest {

    /** The production tree: Driftline's own ADWIN on every node. */
    static HoeffdingAdaptiveTree hat(Schema schema) {
        return new HoeffdingAdaptiveTree(schema, Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "hyperplane", "stagger_abrupt"})
    void accuracyWithinOnePointOfMoa(String stream) {
        Schema schema = ReferenceStreams.stream(stream).schema();
        ReferenceStreams.checkAgainstMoa("HoeffdingAdaptiveTree", stream, () -> hat(schema), 0, 0.01);
    }

    @Test
    void predictionsAgreeWithMoaRecordedPredictions() {
        for (String stream : ReferenceStreams.STREAMS) {
            CsvInstances data = ReferenceStreams.stream(stream);
            ReferenceStreams.Run run = ReferenceStreams.prequential(hat(data.schema()), data);
            double agreement = ReferenceStreams.agreement(
                    ReferenceStreams.expectedPredictions("HoeffdingAdaptiveTree", stream), run.predictions());
            System.out.printf("HoeffdingAdaptiveTree on %s: agreement with MOA %.5f%n", stream, agreement);
            org.junit.jupiter.api.Assertions.assertTrue(agreement >= 0.999, stream + ": agreement " + agreement);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "stagger_abrupt"})
    void snapshotMidStreamGivesIdenticalLaterPredictions(String stream) {
        CsvInstances data = ReferenceStreams.stream(stream);
        ReferenceStreams.checkSnapshotMidStream(() -> hat(data.schema()), data, 30_000, 36_000);
    }

    @Test
    void invalidSeedTypeIsNamed() {
        Schema schema = ReferenceStreams.stream("sea_abrupt").schema();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new HoeffdingAdaptiveTree(schema, Map.of("seed", 1.5), () -> new MoaAdwinDetector(0.002)));
        assertEquals("seed", e.parameter());
    }
}
