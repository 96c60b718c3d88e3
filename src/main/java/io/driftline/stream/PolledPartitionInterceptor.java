package io.driftline.stream;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Hands SmallRye one record per partition and poll instead of one per input record: its value is the partition's
 * polled records ({@link PolledPartition}), its offset the last of them. SmallRye builds a message for every record
 * of a batch (an {@code IncomingKafkaRecord} with its metadata maps and captured context, after a generation-id
 * header on the poll thread); for ~170-byte records that was half of the event loop's work, while Driftline needs
 * only each record's topic, partition, offset and key, which the Kafka records carry. Offsets stay right: the batch
 * is acknowledged once all its records are processed, and the commit strategy commits, per partition, the offset of
 * the batch's last record, which is the framing record's.
 */
@RegisterForReflection // Kafka instantiates it from its class name
public class PolledPartitionInterceptor implements ConsumerInterceptor<Object, Object> {

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (records.isEmpty()) {
            return records;
        }
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> framed = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, Object>> polled = records.records(partition);
            ConsumerRecord<Object, Object> last = polled.get(polled.size() - 1);
            framed.put(partition, List.of(new ConsumerRecord<>(partition.topic(), partition.partition(), last.offset(),
                    last.timestamp(), last.timestampType(), ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, null,
                    new PolledPartition((List) polled), new RecordHeaders(), last.leaderEpoch())));
        }
        return new ConsumerRecords<>(framed, records.nextOffsets());
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
