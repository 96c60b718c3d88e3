package io.driftline.stream;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The value deserializer of the input channel: parses each record with {@link EventParser} on the Kafka consumer's
 * poll thread. The event loop, the one thread that runs a consumer's detectors, then only routes and detects, and
 * parsing (a third of the per-record work) runs beside it instead of before it. It never throws: a record that
 * cannot be parsed becomes a {@link ParsedInput} with the reason and its bytes, for the dead-letter topic.
 */
@RegisterForReflection // Kafka instantiates it from its class name
public class InputEventDeserializer implements Deserializer<ParsedInput> {
    private TopicsConfig topics;

    /** The constructor Kafka calls; the topic names come from CDI in {@link #configure}. */
    public InputEventDeserializer() {
    }

    InputEventDeserializer(TopicsConfig topics) {
        this.topics = topics;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        topics = Arc.container().instance(TopicsConfig.class).get(); // Kafka, not CDI, creates this object
        if (topics == null) {
            throw new IllegalStateException("driftline.topics configuration is not available to the input deserializer");
        }
    }

    @Override
    public ParsedInput deserialize(String topic, byte[] data) {
        InputStream stream = topics.streamOf(topic);
        if (stream == null) {
            throw new IllegalStateException("topic " + topic + " is not one of driftline.topics.features|predictions|feedback");
        }
        try {
            return ParsedInput.parsed(stream, EventParser.parse(stream, data));
        } catch (InvalidRecordException e) {
            return ParsedInput.invalid(stream, e, data);
        }
    }
}
