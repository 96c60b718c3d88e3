package io.driftline.stream;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The value deserializer of the input channel: wraps each record's bytes with the stream its topic carries in a
 * {@link ParsedInput}, which the event loop parses (or the poll thread, for its share, {@link PollThreadParseShare}).
 * Parsing all of it here, on the poll thread, made it fetch and parse in turn (Kafka fetches a partition again only
 * once all its fetched records are taken), and that bounded one partition's rate once SmallRye's per-record messages
 * were gone ({@link PolledPartitionInterceptor}).
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
        return ParsedInput.unparsed(stream, data);
    }
}
