package io.driftline.stream;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs {@link JoinFlowControl#afterPoll()} inside each poll of the input channel's consumer, on its poll thread: the
 * one place that comes after SmallRye's own resume of the whole assignment and before the next fetch.
 */
@RegisterForReflection // Kafka instantiates it from its class name
public class JoinFlowInterceptor implements ConsumerInterceptor<Object, Object> {
    private JoinFlowControl control;

    @Override
    public void configure(Map<String, ?> configs) {
        control = Arc.container().instance(JoinFlowControl.class).get(); // Kafka, not CDI, creates this object
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        control.afterPoll();
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
