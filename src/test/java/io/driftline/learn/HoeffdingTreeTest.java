package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftline.detect.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HoeffdingTreeTest {

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "hyperplane", "stagger_abrupt"})
    void matchesMoaPredictionsOnReferenceStream(String stream) {
        Schema schema = ReferenceStreams.stream(stream).schema();
        ReferenceStreams.checkAgainstMoa("HoeffdingTree", stream, () -> new HoeffdingTree(schema), 0.999, 0.001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "stagger_abrupt"})
    void snapshotMidStreamGivesIdenticalLaterPredictions(String stream) {
        CsvInstances data = ReferenceStreams.stream(stream);
        ReferenceStreams.checkSnapshotMidStream(() -> new HoeffdingTree(data.schema()), data, 20_000, 25_000);
    }

    @Test
    void growsTreeAndHandlesUnseenClassesAndValues() {
        Schema schema = new Schema(List.of(Attribute.nominal("c", List.of("a", "b")), Attribute.numeric("x")),
                Attribute.nominal("y", List.of("p", "q")));
        HoeffdingTree ht = new HoeffdingTree(schema, Map.of("gracePeriod", 20, "leafPrediction", "MC"));
        for (int i = 0; i < 2000; i++) {
            int c = i % 4;
            double x = (i * 7919) % 100;
            int y = c == 3 ? 5 : (x < 50 ? 0 : 1);
            ht.learn(new double[] {c, x}, y);
        }
        assertTrue(ht.nodeCount() > 1, "the tree split");
        assertEquals(5, Votes.argmax(ht.predict(new double[] {3, 10})));
        assertEquals(0, Votes.argmax(ht.predict(new double[] {9, 10})) == 5 ? 1 : 0, "an unseen value falls back to a node's votes");
        ht.learn(new double[] {Double.NaN, Double.NaN}, 1);
        ht.predict(new double[] {Double.NaN, Double.NaN});
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "gracePeriod|0|gracePeriod must be >= 1, was 0",
            "splitConfidence|1.5|splitConfidence must be in (0,1), was 1.5",
            "tieThreshold|-1|tieThreshold must be in [0,1], was -1.0",
            "leafPrediction|XX|leafPrediction must be one of MC, NB, NBA, NBADAPTIVE, was \"XX\"",
            "depth|3|unknown parameter 'depth'; known parameters: gracePeriod, leafPrediction, splitConfidence, tieThreshold"})
    void invalidParameterIsNamed(String name, String value, String message) {
        Schema schema = ReferenceStreams.stream("sea_abrupt").schema();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new HoeffdingTree(schema, Map.of(name, LearnerTestValues.number(value))));
        assertEquals(name, e.parameter());
        assertEquals(message, e.getMessage());
    }
}
