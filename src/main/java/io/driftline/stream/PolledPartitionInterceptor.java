package io.driftline.stream;

import io.quarkus.arc.Arc;
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
 * the batch's last record, which is the framing record's. Here too, after the next fetch has been sent, the poll
 * thread parses its share of the records ({@link PollThreadParseShare}).
 */
@RegisterForReflection // Kafka instantiates it from its class name
public class PolledPartitionInterceptor implements ConsumerInterceptor<Object, Object> {
    private PollThreadParseShare parseShare;
    /** The poll thread's parser scratch (Kafka calls a consumer's interceptors on its poll thread only). */
    private final EventParser.Scratch parserScratch = new EventParser.Scratch();

    /** The constructor Kafka calls; the parse share comes from CDI in {@link #configure}. */
    public PolledPartitionInterceptor() {
    }

    PolledPartitionInterceptor(PollThreadParseShare parseShare) {
        this.parseShare = parseShare;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        parseShare = Arc.container().instance(PollThreadParseShare.class).get(); // Kafka, not CDI, creates this object
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (records.isEmpty()) {
            return records;
        }
        int share = parseShare.nextPoll();
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> framed = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, Object>> polled = records.records(partition);
            for (int i = PollThreadParseShare.firstToParse(polled.size(), share); i < polled.size(); i++) {
                if (polled.get(i).value() instanceof ParsedInput input) {
                    input.event(parserScratch); // parsed here, before the event loop asks
                }
            }
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
