package io.driftline.stream;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records of one input partition from one poll, in Kafka order: the payload of the one message per partition and
 * poll that the input channel carries ({@link PolledPartitionInterceptor}).
 */
public record PolledPartition(List<ConsumerRecord<byte[], ParsedInput>> records) {
}
