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

    final PollThreadParseShare parseShare = new PollThreadParseShare();
    final PolledPartitionInterceptor interceptor = new PolledPartitionInterceptor(parseShare);

    static List<ConsumerRecord<Object, Object>> records(TopicPartition partition, long firstOffset, int count) {
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), firstOffset + i, ("k" + i).getBytes(),
                    ParsedInput.unparsed(InputStream.FEATURES,
                            ("{\"id\":\"" + i + "\",\"model\":\"m\",\"features\":{\"x\":" + i + "}}").getBytes())));
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

    static long parsed(List<ConsumerRecord<Object, Object>> records) {
        return records.stream().filter(r -> ((ParsedInput) r.value()).parsed()).count();
    }

    /** The poll thread parses the last records of each partition's poll, more of them while the event loop is busy. */
    @Test
    void thePollThreadParsesTheTailOfEachPartitionAsTheEventLoopIsBusyOrIdle() {
        parseShare.eventLoopBusy(true);
        for (int poll = 1; poll <= 3; poll++) {
            List<ConsumerRecord<Object, Object>> features = records(FEATURES_0, 32L * poll, 32);
            List<ConsumerRecord<Object, Object>> feedback = records(FEEDBACK_0, 16L * poll, 16);
            Map<TopicPartition, List<ConsumerRecord<Object, Object>>> polled = new LinkedHashMap<>();
            polled.put(FEATURES_0, features);
            polled.put(FEEDBACK_0, feedback);
            interceptor.onConsume(new ConsumerRecords<>(polled, Map.of()));
            // poll n parses n sixteenths of each partition's records, the last ones
            assertThat(parsed(features)).isEqualTo(2L * poll);
            assertThat(parsed(feedback)).isEqualTo(poll);
            assertThat(features.subList(32 - 2 * poll, 32)).allMatch(r -> ((ParsedInput) r.value()).event() != null);
            assertThat(((ParsedInput) features.get(32 - 2 * poll).value()).event().id()).isEqualTo(String.valueOf(32 - 2 * poll));
        }
        List<ConsumerRecord<Object, Object>> features = records(FEATURES_0, 200, 32);
        interceptor.onConsume(new ConsumerRecords<>(Map.of(FEATURES_0, features), Map.of()));
        assertThat(parsed(features)).isEqualTo(8); // 4 of 16
        parseShare.eventLoopBusy(false);
        features = records(FEATURES_0, 300, 32);
        interceptor.onConsume(new ConsumerRecords<>(Map.of(FEATURES_0, features), Map.of()));
        assertThat(parsed(features)).isEqualTo(2); // an idle event loop takes back three sixteenths: 1 of 16
        features = records(FEATURES_0, 400, 32);
        interceptor.onConsume(new ConsumerRecords<>(Map.of(FEATURES_0, features), Map.of()));
        assertThat(parsed(features)).isZero(); // an idle event loop parses everything itself
    }
}
