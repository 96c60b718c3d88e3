package io.driftline.stream;

import io.driftline.DriftlineMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends an unusable record, unchanged, to the dead-letter topic with why and where it came from in headers
 * ({@code driftline.reason}, {@code driftline.detail}, {@code driftline.source.topic|partition|offset}) and
 * counts it in {@code driftline_dead_letters_total{stream,reason}}. The returned Uni completes when the broker
 * has the record, so the source offset is committed only after that: nothing is lost.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    public static final String REASON = "driftline.reason";
    public static final String DETAIL = "driftline.detail";
    public static final String SOURCE_TOPIC = "driftline.source.topic";
    public static final String SOURCE_PARTITION = "driftline.source.partition";
    public static final String SOURCE_OFFSET = "driftline.source.offset";

    private final MutinyEmitter<byte[]> emitter;
    private final DriftlineMetrics metrics;

    DeadLetters(@Channel("dead-letter-out") MutinyEmitter<byte[]> emitter, DriftlineMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** {@code input} is the record's value, or stands for it when it has none (a tombstone). */
    public Uni<Void> send(ConsumerRecord<byte[], ParsedInput> source, ParsedInput input) {
        String stream = input.stream().label();
        InvalidRecordException error = input.error();
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, bytes(error.reason()));
        headers.add(DETAIL, bytes(error.getMessage()));
        headers.add(SOURCE_TOPIC, bytes(source.topic()));
        headers.add(SOURCE_PARTITION, bytes(Integer.toString(source.partition())));
        long offset = source.offset();
        headers.add(SOURCE_OFFSET, bytes(Long.toString(offset)));
        metrics.counter(DriftlineMetrics.DEAD_LETTERS, "stream", stream, "reason", error.reason()).increment();
        LOG.debugf("dead-lettering %s record %s-%d@%d: %s", stream, source.topic(), source.partition(), offset, error.getMessage());
        OutgoingKafkaRecordMetadata<byte[]> metadata = OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withKey(source.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(input.value() == null ? new byte[0] : input.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
