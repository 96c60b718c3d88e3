package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.driftline.detect.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "hyperplane", "stagger_abrupt"})
    void perceptronMatchesMoaPredictions(String stream) {
        Schema schema = ReferenceStreams.stream(stream).schema();
        ReferenceStreams.checkAgainstMoa("Perceptron", stream, () -> new Perceptron(schema), 0.999, 0.001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "hyperplane", "stagger_abrupt"})
    void logisticRegressionMatchesMoaSgdLogLossPredictions(String stream) {
        Schema schema = ReferenceStreams.stream(stream).schema();
        ReferenceStreams.checkAgainstMoa("SGD_LogLoss", stream, () -> new LogisticRegression(schema), 0.999, 0.001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sea_abrupt", "stagger_abrupt"})
    void snapshotMidStreamGivesIdenticalLaterPredictions(String stream) {
        CsvInstances data = ReferenceStreams.stream(stream);
        ReferenceStreams.checkSnapshotMidStream(() -> new Perceptron(data.schema()), data, 5_000, 8_000);
        ReferenceStreams.checkSnapshotMidStream(() -> new LogisticRegression(data.schema()), data, 5_000, 8_000);
    }

    @Test
    void unseenClassesGrowTheModels() {
        for (LearnerType type : List.of(LearnerType.PERCEPTRON, LearnerType.LOGISTIC_REGRESSION)) {
            Schema schema = new Schema(List.of(Attribute.numeric("x")), Attribute.nominal("y", List.of("a", "b")));
            OnlineLearner l = type.create(schema, Map.of());
            assertEquals(2, l.predict(new double[] {1}).length);
            l.learn(new double[] {1}, 0);
            l.learn(new double[] {2}, 4);
            l.learn(new double[] {Double.NaN}, 4);
            assertEquals(5, l.predict(new double[] {3}).length);
            ReferenceStreams.checkSnapshotMidStream(() -> l.type().create(schema, Map.of()),
                    CsvInstances.parse("x,y\n1,a\n2,b\n3,a\n4,b\n5,c\n", null, schema), 2, 5);
        }
    }

    @Test
    void invalidParametersAreNamed() {
        Schema schema = ReferenceStreams.stream("sea_abrupt").schema();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new Perceptron(schema, Map.of("learningRatio", -1)));
        assertEquals("learningRatio", e.parameter());
        assertEquals("learningRatio must be > 0, was -1.0", e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> new LogisticRegression(schema, Map.of("lambda", -0.5)));
        assertEquals("lambda", e.parameter());
        assertEquals("lambda must be >= 0, was -0.5", e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> new LogisticRegression(schema, Map.of("learningRate", 0)));
        assertEquals("learningRate", e.parameter());
    }

    @Test
    void factoryBuildsEachLearner() {
        Schema schema = ReferenceStreams.stream("sea_abrupt").schema();
        for (LearnerType t : List.of(LearnerType.NAIVE_BAYES, LearnerType.HOEFFDING_TREE, LearnerType.PERCEPTRON,
                LearnerType.LOGISTIC_REGRESSION, LearnerType.HOEFFDING_ADAPTIVE_TREE)) {
            assertEquals(t, t.create(schema, Map.of()).type());
        }
    }
}
