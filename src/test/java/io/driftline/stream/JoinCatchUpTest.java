package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftline.detect.ExpectedStreams;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A catch-up on a backlog in which feedback records are much smaller than predictions: Kafka hands the consumer the
 * same bytes per partition per fetch (1 MiB: ~1,000 predictions, or all 10,000 feedback records), so it reads feedback
 * far ahead of the predictions it belongs to. With a join bound of 2,000 per side most of the 10,000 pairs would
 * expire; held back by {@link JoinFlowControl}, all join and DDM detects at MOA's positions. The same with the sizes
 * the other way round: predictions read ahead of their feedback.
 */
@QuarkusTest
@TestProfile(JoinCatchUpTest.SmallJoinSmallPolls.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class JoinCatchUpTest {

    public static class SmallJoinSmallPolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "driftline.join.max-size", "2000",
                    "driftline.join.ttl", "PT5M",
                    // what is read before a pause acts (~5 polls) must fit between the mark (1,000) and the bound
                    "mp.messaging.incoming.events-in.max.poll.records", "100");
        }
    }

    @Inject
    KafkaClientService kafka;

    @BeforeAll
    static void start() {
        DriftMonitoringTest.start(); // the same drift-events consumer, for this class's lifetime
    }

    @AfterAll
    static void stop() {
        DriftMonitoringTest.stop();
    }

    /** {@code feedbackAhead}: the predictions carry a 1 KB field, so the feedback is read ahead; else the other way. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theSideReadAheadIsHeldBackInsteadOfExpiring(boolean feedbackAhead) throws Exception {
        String monitor = DriftMonitoringTest.name();
        DriftMonitoringTest.createMonitor(monitor, monitor, "\"features\":[],\"conceptDrift\":{\"type\":\"DDM\",\"task\":\"CLASSIFICATION\"}");
        double[] errors = ExpectedStreams.values("bern_abrupt");
        List<DriftMonitoringTest.Detection> expected = DriftMonitoringTest.expected("DDM", "bern_abrupt");
        assertThat(expected).isNotEmpty();

        // The backlog: the service's consumer is paused (every partition assigned) while the pairs are written.
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(JoinFlowControl.CHANNEL);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                consumer.runOnPollingThread((Consumer<Object, Object> c) -> c.assignment().size()).await().atMost(Duration.ofSeconds(10)) == 9);
        consumer.pause().await().atMost(Duration.ofSeconds(10));
        String padding = ",\"context\":\"" + "x".repeat(1000) + "\"";
        String predictionPadding = feedbackAhead ? padding : "";
        String feedbackPadding = feedbackAhead ? "" : padding;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < errors.length; i++) {
                producer.send(new ProducerRecord<>("driftline.predictions", monitor, "{\"id\":\"" + i + "\",\"model\":\"" + monitor
                        + "\",\"prediction\":\"yes\"" + predictionPadding + "}"));
                producer.send(new ProducerRecord<>("driftline.feedback", monitor, "{\"id\":\"" + i + "\",\"model\":\"" + monitor
                        + "\",\"label\":\"" + (errors[i] == 1.0 ? "no" : "yes") + "\"" + feedbackPadding + "}"));
            }
            producer.flush();
        }
        consumer.resume().await().atMost(Duration.ofSeconds(10));

        String series = "driftline_feedback_joined_total{monitor=\"" + monitor + "\",outcome=\"";
        // every pair accounted for: joined, or (without the flow control) expired on either side
        await().atMost(Duration.ofSeconds(120)).until(() -> EventsProcessorTest.metric(series + "joined\"}")
                + EventsProcessorTest.metric(series + "expired_feedback\"}") + EventsProcessorTest.metric(series + "expired_prediction\"}")
                >= errors.length);
        assertThat(EventsProcessorTest.metric(series + "expired_feedback\"}")).isZero();
        assertThat(EventsProcessorTest.metric(series + "expired_prediction\"}")).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(DriftMonitoringTest.detections(monitor, "CONCEPT")).containsExactlyElementsOf(expected));
    }
}
