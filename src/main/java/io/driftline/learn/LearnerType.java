package io.driftline.learn;

import java.util.Map;

/** The learner names of configs and the API; each owns the factory of its learner. */
public enum LearnerType {
    HBP, HOEFFDING_TREE, HOEFFDING_ADAPTIVE_TREE, NAIVE_BAYES, PERCEPTRON, LOGISTIC_REGRESSION;

    /**
     * Builds a learner for a schema from user parameters; parameters left out take the defaults.
     *
     * @throws io.driftline.detect.InvalidParameterException naming the first unknown or out-of-range parameter
     */
    public OnlineLearner create(Schema schema, Map<String, ?> params) {
        return switch (this) {
            case HBP -> HedgeBackpropNetwork.fromParams(schema, params);
            case HOEFFDING_TREE -> new HoeffdingTree(schema, params);
            case HOEFFDING_ADAPTIVE_TREE -> new HoeffdingAdaptiveTree(schema, params);
            case NAIVE_BAYES -> new NaiveBayes(schema, params);
            case PERCEPTRON -> new Perceptron(schema, params);
            case LOGISTIC_REGRESSION -> new LogisticRegression(schema, params);
        };
    }
}
