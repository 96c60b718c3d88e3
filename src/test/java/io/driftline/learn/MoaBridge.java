package io.driftline.learn;

import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.util.ArrayList;
import java.util.List;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.bayes.NaiveBayes;
import moa.classifiers.functions.SGDMultiClass;
import moa.classifiers.trees.HoeffdingAdaptiveTree;
import moa.classifiers.trees.HoeffdingTree;

/** Test and benchmark scope only: conversions between Driftline's schema/rows and MOA's instances, and MOA learners. */
public final class MoaBridge {
    private MoaBridge() {
    }

    public static Schema schemaOf(InstancesHeader header) {
        List<Attribute> inputs = new ArrayList<>();
        Attribute target = null;
        for (int i = 0; i < header.numAttributes(); i++) {
            com.yahoo.labs.samoa.instances.Attribute a = header.attribute(i);
            Attribute converted;
            if (a.isNominal()) {
                List<String> values = new ArrayList<>();
                for (int v = 0; v < a.numValues(); v++) {
                    values.add(a.value(v));
                }
                converted = Attribute.nominal(a.name(), values);
            } else {
                converted = Attribute.numeric(a.name());
            }
            if (i == header.classIndex()) {
                target = converted;
            } else {
                inputs.add(converted);
            }
        }
        return new Schema(inputs, target);
    }

    /** The input values of a MOA instance whose class is the last attribute. */
    public static double[] inputsOf(Instance inst) {
        double[] x = new double[inst.numAttributes() - 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = inst.value(i);
        }
        return x;
    }

    public static InstancesHeader headerOf(Schema schema) {
        List<com.yahoo.labs.samoa.instances.Attribute> atts = new ArrayList<>();
        for (Attribute a : schema.inputs()) {
            atts.add(toMoa(a));
        }
        atts.add(toMoa(schema.target()));
        Instances ds = new Instances("stream", atts, 0);
        ds.setClassIndex(atts.size() - 1);
        return new InstancesHeader(ds);
    }

    private static com.yahoo.labs.samoa.instances.Attribute toMoa(Attribute a) {
        return a.isNominal() ? new com.yahoo.labs.samoa.instances.Attribute(a.name(), a.values())
                : new com.yahoo.labs.samoa.instances.Attribute(a.name());
    }

    public static Instance instanceOf(InstancesHeader header, double[] x, double target) {
        double[] values = new double[x.length + 1];
        System.arraycopy(x, 0, values, 0, x.length);
        values[x.length] = target;
        DenseInstance inst = new DenseInstance(1.0, values);
        inst.setDataset(header);
        return inst;
    }

    /** MOA's learner matching a Driftline learner type, with MOA's defaults, ready for use. */
    public static AbstractClassifier moaLearner(LearnerType type, InstancesHeader header) {
        AbstractClassifier c = switch (type) {
            case HOEFFDING_TREE -> new HoeffdingTree();
            case HOEFFDING_ADAPTIVE_TREE -> new HoeffdingAdaptiveTree();
            case NAIVE_BAYES -> new NaiveBayes();
            case PERCEPTRON -> new moa.classifiers.functions.Perceptron();
            case LOGISTIC_REGRESSION -> {
                SGDMultiClass sgd = new SGDMultiClass();
                sgd.lossFunctionOption.setChosenIndex(1); // LOGLOSS
                yield sgd;
            }
            case HBP -> throw new IllegalArgumentException("no MOA counterpart for " + type);
        };
        c.setModelContext(header);
        c.prepareForUse();
        return c;
    }

    /** Driftline's learner of a type; the adaptive tree gets MOA's ADWIN (test scope) until Driftline's lands. */
    public static OnlineLearner driftlineLearner(LearnerType type, Schema schema) {
        if (type == LearnerType.HOEFFDING_ADAPTIVE_TREE) {
            return new io.driftline.learn.HoeffdingAdaptiveTree(schema, java.util.Map.of(), () -> new MoaAdwinDetector(0.002));
        }
        return type.create(schema, java.util.Map.of());
    }
}
