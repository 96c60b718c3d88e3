package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import moa.classifiers.AbstractClassifier;
import moa.core.Utils;
import moa.streams.InstanceStream;
import moa.streams.generators.AgrawalGenerator;
import moa.streams.generators.LEDGenerator;
import moa.streams.generators.RandomRBFGenerator;
import moa.streams.generators.RandomTreeGenerator;
import moa.streams.generators.SEAGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs MOA's learner and Driftline's side by side, test-then-train, on streams from MOA's own generators
 * (numeric, nominal, mixed, two and more classes) and requires the same predicted class.
 */
class MoaDifferentialTest {
    private static final int INSTANCES = 20_000;

    static InstanceStream sea() {
        SEAGenerator g = new SEAGenerator();
        g.functionOption.setValue(2);
        g.instanceRandomSeedOption.setValue(7);
        g.prepareForUse();
        return g;
    }

    static InstanceStream rbf() {
        RandomRBFGenerator g = new RandomRBFGenerator();
        g.modelRandomSeedOption.setValue(3);
        g.instanceRandomSeedOption.setValue(4);
        g.numClassesOption.setValue(4);
        g.numAttsOption.setValue(6);
        g.prepareForUse();
        return g;
    }

    static InstanceStream agrawal() {
        AgrawalGenerator g = new AgrawalGenerator();
        g.functionOption.setValue(5);
        g.instanceRandomSeedOption.setValue(11);
        g.prepareForUse();
        return g;
    }

    static InstanceStream led() {
        LEDGenerator g = new LEDGenerator();
        g.instanceRandomSeedOption.setValue(5);
        g.prepareForUse();
        return g;
    }

    static InstanceStream randomTree() {
        RandomTreeGenerator g = new RandomTreeGenerator();
        g.treeRandomSeedOption.setValue(8);
        g.instanceRandomSeedOption.setValue(9);
        g.numClassesOption.setValue(3);
        g.prepareForUse();
        return g;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        List<Object[]> streams = List.of(
                new Object[] {"SEA f2 seed 7", (Supplier<InstanceStream>) MoaDifferentialTest::sea},
                new Object[] {"RandomRBF 4 classes", (Supplier<InstanceStream>) MoaDifferentialTest::rbf},
                new Object[] {"Agrawal f5 (mixed)", (Supplier<InstanceStream>) MoaDifferentialTest::agrawal},
                new Object[] {"LED (10 classes, nominal)", (Supplier<InstanceStream>) MoaDifferentialTest::led},
                new Object[] {"RandomTree 3 classes (mixed)", (Supplier<InstanceStream>) MoaDifferentialTest::randomTree});
        for (LearnerType t : List.of(LearnerType.NAIVE_BAYES, LearnerType.HOEFFDING_TREE, LearnerType.PERCEPTRON,
                LearnerType.LOGISTIC_REGRESSION, LearnerType.HOEFFDING_ADAPTIVE_TREE)) {
            for (Object[] s : streams) {
                out.add(Arguments.of(t, s[0], s[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void samePredictionsAsMoa(LearnerType type, String streamName, Supplier<InstanceStream> streamFactory) {
        InstanceStream stream = streamFactory.get();
        InstancesHeader header = stream.getHeader();
        Schema schema = MoaBridge.schemaOf(header);
        AbstractClassifier moa = MoaBridge.moaLearner(type, header);
        OnlineLearner ours = MoaBridge.driftlineLearner(type, schema);
        PrequentialEvaluator moaEval = new PrequentialEvaluator();
        PrequentialEvaluator ourEval = new PrequentialEvaluator();
        int same = 0;
        int first = -1;
        for (int i = 0; i < INSTANCES; i++) {
            Instance inst = stream.nextInstance().getData();
            double[] x = MoaBridge.inputsOf(inst);
            int y = (int) inst.classValue();
            int moaPrediction = Utils.maxIndex(moa.getVotesForInstance(inst));
            int ourPrediction = ourEval.addClassification(y, ours.predict(x));
            moaEval.addClassification(y, moaPrediction);
            if (moaPrediction == ourPrediction) {
                same++;
            } else if (first < 0) {
                first = i;
            }
            moa.trainOnInstance(inst);
            ours.learn(x, y);
        }
        double agreement = (double) same / INSTANCES;
        System.out.printf("%s on %s: agreement %.5f (first difference %d), accuracy %.5f vs MOA %.5f%n", type,
                streamName, agreement, first, ourEval.accuracy(), moaEval.accuracy());
        if (type == LearnerType.HOEFFDING_ADAPTIVE_TREE) {
            assertEquals(moaEval.accuracy(), ourEval.accuracy(), 0.01, "accuracy within 1 point");
        } else {
            assertTrue(agreement >= 0.999, type + " on " + streamName + ": agreement " + agreement);
        }
    }
}
