package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PolledPartitionInterceptorTest {
    static final TopicPartition FEATURES_0 = new TopicPartition("driftline.features", 0);
    static final TopicPartition FEATURES_2 = new TopicPartition("driftline.features", 2);
    static final TopicPartition FEEDBACK_0 = new TopicPartition("driftline.feedback", 0);

    final PolledPartitionInterceptor interceptor = new PolledPartitionInterceptor();

    static List<ConsumerRecord<Object, Object>> records(TopicPartition partition, long firstOffset, int count) {
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), firstOffset + i, ("k" + i).getBytes(),
                    ParsedInput.unparsed(InputStream.FEATURES, ("{\"i\":" + i + "}").getBytes())));
        }
        return records;
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachPartitionBecomesOneRecordAtItsLastOffsetCarryingItsRecordsInOrder() {
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> polled = new LinkedHashMap<>();
        polled.put(FEATURES_0, records(FEATURES_0, 100, 3));
        polled.put(FEATURES_2, records(FEATURES_2, 7, 1));
        polled.put(FEEDBACK_0, records(FEEDBACK_0, 40, 5));
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(FEATURES_0, new OffsetAndMetadata(103, Optional.of(4), ""),
                FEATURES_2, new OffsetAndMetadata(8), FEEDBACK_0, new OffsetAndMetadata(45));

        ConsumerRecords<Object, Object> framed = interceptor.onConsume(new ConsumerRecords<>(polled, next));

        assertThat(framed.count()).isEqualTo(3);
        assertThat(framed.partitions()).containsExactlyInAnyOrder(FEATURES_0, FEATURES_2, FEEDBACK_0);
        assertThat(framed.nextOffsets()).isEqualTo(next);
        for (TopicPartition partition : polled.keySet()) {
            List<ConsumerRecord<Object, Object>> one = framed.records(partition);
            assertThat(one).hasSize(1);
            ConsumerRecord<Object, Object> record = one.get(0);
            List<ConsumerRecord<Object, Object>> original = polled.get(partition);
            assertThat(record.topic()).isEqualTo(partition.topic());
            assertThat(record.partition()).isEqualTo(partition.partition());
            // the commit strategy commits after the framing record's offset: the partition's last polled one
            assertThat(record.offset()).isEqualTo(original.get(original.size() - 1).offset());
            // mutable, as SmallRye adds its generation-id header to every record
            record.headers().add("generation", new byte[] {1});
            assertThat(((PolledPartition) record.value()).records()).containsExactlyElementsOf((List) original);
        }
    }

    @Test
    void anEmptyPollIsHandedOnAsItIs() {
        ConsumerRecords<Object, Object> empty = ConsumerRecords.empty();
        assertThat(interceptor.onConsume(empty)).isSameAs(empty);
    }
}
