package io.driftline.stream;

import io.driftline.learn.Attribute;
import io.driftline.learn.HedgeBackpropNetwork;
import io.driftline.learn.LearnerType;
import io.driftline.learn.OnlineLearner;
import io.driftline.learn.PrequentialEvaluator;
import io.driftline.learn.Schema;
import io.driftline.learn.Votes;
import io.driftline.monitor.LearnerSchemas;
import io.driftline.monitor.MonitorSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A monitor's online learner in the stream: test-then-train. Each feature event is encoded and predicted
 * first (the prediction leaves as a {@code source: "driftline"} prediction event); the encoded instance waits
 * for its feedback, and the model learns from it when the label arrives. Waiting instances are bounded by the
 * join's time-to-live and size.
 */
final class LearnerRuntime {
    /** A prediction to publish: the predicted label and the probability of each known class. */
    record Prediction(String id, String model, String label, Map<String, Double> scores) {
    }

    private static final class Waiting {
        final double[] x;
        final int predictedClass;
        final long arrivedAtMillis;

        Waiting(double[] x, int predictedClass, long arrivedAtMillis) {
            this.x = x;
            this.predictedClass = predictedClass;
            this.arrivedAtMillis = arrivedAtMillis;
        }
    }

    final LearnerType type;
    final OnlineLearner learner;
    final PrequentialEvaluator evaluator = new PrequentialEvaluator();
    private final Schema schema;
    private final Map<String, Integer> inputIndex = new HashMap<>();
    private final LinkedHashMap<String, Waiting> waiting = new LinkedHashMap<>();
    private final long ttlMillis;
    private final int maxWaiting;
    long expired;
    long unmatchedFeedback;
    private volatile double slidingAccuracy = Double.NaN;
    private volatile double[] hedgeWeights;

    LearnerRuntime(MonitorSpec spec, long ttlMillis, int maxWaiting) {
        this.schema = LearnerSchemas.of(spec);
        this.type = LearnerType.valueOf(spec.learner().type().trim().toUpperCase(Locale.ROOT));
        this.learner = type.create(schema, spec.learner().params());
        this.ttlMillis = ttlMillis;
        this.maxWaiting = maxWaiting;
        if (learner instanceof HedgeBackpropNetwork hbp) {
            hedgeWeights = hbp.hedgeWeights();
        }
        List<Attribute> inputs = schema.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            inputIndex.put(inputs.get(i).name(), i);
        }
    }

    /** Predicts the event; returns the prediction to publish, or null while no class is known yet. */
    Prediction predict(FeatureEvent event, long nowMillis) {
        double[] x = new double[schema.numInputs()];
        java.util.Arrays.fill(x, Double.NaN);
        for (int k = 0; k < event.size(); k++) {
            Integer i = inputIndex.get(event.names()[k]);
            if (i == null) {
                continue;
            }
            Attribute a = schema.inputs().get(i);
            if (!a.isNominal()) {
                x[i] = event.numbers()[k];
            } else if (event.strings()[k] != null) {
                x[i] = a.indexOfOrAdd(event.strings()[k]);
            } else if (!Double.isNaN(event.numbers()[k])) {
                x[i] = a.indexOfOrAdd(MonitorRuntime.canonical(event.numbers()[k]));
            }
        }
        double[] votes = learner.predict(x);
        int predicted = schema.numClasses() == 0 ? -1 : Votes.argmax(votes);
        if (waiting.remove(event.id()) == null && waiting.size() >= maxWaiting) {
            Iterator<Waiting> eldest = waiting.values().iterator();
            eldest.next();
            eldest.remove();
            expired++;
        }
        waiting.put(event.id(), new Waiting(x, predicted, nowMillis));
        if (predicted < 0) {
            return null;
        }
        double sum = 0;
        for (double v : votes) {
            sum += Math.max(0, v);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int c = 0; c < schema.numClasses(); c++) {
            double v = c < votes.length ? Math.max(0, votes[c]) : 0;
            scores.put(schema.target().value(c), sum > 0 ? v / sum : 1.0 / schema.numClasses());
        }
        return new Prediction(event.id(), event.model(), schema.target().value(predicted), scores);
    }

    /** Learns from the feedback of an instance predicted earlier; unknown ids are counted. */
    void learn(FeedbackEvent feedback) {
        Waiting w = waiting.remove(feedback.id());
        if (w == null) {
            unmatchedFeedback++;
            return;
        }
        String label = feedback.label() != null ? feedback.label() : MonitorRuntime.canonical(feedback.value());
        int trueClass = schema.target().indexOfOrAdd(label);
        evaluator.addClassification(trueClass, w.predictedClass < 0 ? 0 : w.predictedClass);
        learner.learn(w.x, trueClass);
        slidingAccuracy = evaluator.slidingAccuracy();
        if (learner instanceof HedgeBackpropNetwork hbp) {
            hedgeWeights = hbp.hedgeWeights();
        }
    }

    void expire(long nowMillis) {
        Iterator<Waiting> it = waiting.values().iterator();
        while (it.hasNext() && nowMillis - it.next().arrivedAtMillis >= ttlMillis) {
            it.remove();
            expired++;
        }
    }

    /**
     * The learner for a checkpoint: the nominal values discovered so far (so that class and category indexes mean the
     * same after a restore), the model's own snapshot, the evaluator, the instances waiting for their label.
     */
    void writeTo(DataOutput out) throws IOException {
        for (Attribute a : schema.inputs()) {
            writeValues(out, a);
        }
        writeValues(out, schema.target());
        byte[] model = learner.snapshot();
        out.writeInt(model.length);
        out.write(model);
        evaluator.writeTo(out);
        out.writeInt(waiting.size());
        for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
            CheckpointFormat.writeString(out, e.getKey());
            Waiting w = e.getValue();
            out.writeInt(w.x.length);
            for (double v : w.x) {
                out.writeDouble(v);
            }
            out.writeInt(w.predictedClass);
            out.writeLong(w.arrivedAtMillis);
        }
        out.writeLong(expired);
        out.writeLong(unmatchedFeedback);
    }

    /** Continues from {@link #writeTo} of a learner runtime built from the same spec. */
    void readFrom(DataInput in) throws IOException {
        for (Attribute a : schema.inputs()) {
            readValues(in, a);
        }
        readValues(in, schema.target());
        byte[] model = new byte[in.readInt()];
        in.readFully(model);
        try {
            learner.restore(model);
        } catch (IllegalArgumentException e) {
            throw new IOException("learner snapshot: " + e.getMessage(), e);
        }
        evaluator.readFrom(in);
        waiting.clear();
        for (int i = in.readInt(); i > 0; i--) {
            String id = CheckpointFormat.readString(in);
            double[] x = new double[in.readInt()];
            for (int k = 0; k < x.length; k++) {
                x[k] = in.readDouble();
            }
            waiting.put(id, new Waiting(x, in.readInt(), in.readLong()));
        }
        expired = in.readLong();
        unmatchedFeedback = in.readLong();
        slidingAccuracy = evaluator.slidingAccuracy();
        if (learner instanceof HedgeBackpropNetwork hbp) {
            hedgeWeights = hbp.hedgeWeights();
        }
    }

    private static void writeValues(DataOutput out, Attribute a) throws IOException {
        int n = a.isNominal() ? a.numValues() : 0;
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            CheckpointFormat.writeString(out, a.value(i));
        }
    }

    private static void readValues(DataInput in, Attribute a) throws IOException {
        for (int i = 0, n = in.readInt(); i < n; i++) {
            String value = CheckpointFormat.readString(in);
            if (a.indexOfOrAdd(value) != i) {
                throw new IOException("value " + value + " of " + a.name() + " is not at index " + i);
            }
        }
    }

    double slidingAccuracy() {
        return slidingAccuracy;
    }

    /** Hedge weights per layer of an HBP learner as of its last update (null for other learners). */
    double[] hedgeWeights() {
        return hedgeWeights;
    }

    int waiting() {
        return waiting.size();
    }
}
