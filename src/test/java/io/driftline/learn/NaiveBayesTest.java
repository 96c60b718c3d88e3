package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.driftline.detect.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NaiveBayesTest {

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "hyperplane", "stagger_abrupt"})
    void matchesMoaPredictionsOnReferenceStream(String stream) {
        Schema schema = ReferenceStreams.stream(stream).schema();
        ReferenceStreams.checkAgainstMoa("NaiveBayes", stream, () -> new NaiveBayes(schema), 0.999, 0.001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "stagger_abrupt"})
    void snapshotMidStreamGivesIdenticalLaterPredictions(String stream) {
        CsvInstances data = ReferenceStreams.stream(stream);
        ReferenceStreams.checkSnapshotMidStream(() -> new NaiveBayes(data.schema()), data, 5_000, 8_000);
    }

    @Test
    void unseenClassesAndNominalValuesDoNotCrash() {
        Schema schema = new Schema(List.of(Attribute.nominal("c", List.of("a")), Attribute.numeric("x")),
                Attribute.nominal("y", List.of("p")));
        NaiveBayes nb = new NaiveBayes(schema);
        assertEquals(0, Votes.argmax(nb.predict(new double[] {0, 1.0})));
        nb.learn(new double[] {0, 1.0}, 0);
        nb.learn(new double[] {5, 9.0}, 3);
        nb.learn(new double[] {Double.NaN, Double.NaN}, 3);
        assertEquals(4, nb.predict(new double[] {7, 9.0}).length);
        assertEquals(3, Votes.argmax(nb.predict(new double[] {5, 9.0})));
    }

    @Test
    void unknownParameterIsNamed() {
        Schema schema = ReferenceStreams.stream("sea_abrupt").schema();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new NaiveBayes(schema, Map.of("alpha", 1)));
        assertEquals("alpha", e.parameter());
    }
}
