package io.driftline.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.detect.ExpectedStreams;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * End to end through the real broker: values of the reference streams go in as feature events (data drift) or
 * as prediction/feedback pairs (concept drift); the drift events that come out carry MOA's positions.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class DriftMonitoringTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KafkaCompanion companion;
    static ConsumerTask<String, String> driftEvents;

    @BeforeAll
    static void start() {
        companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
        driftEvents = companion.consumeStrings().fromTopics("driftline.drift-events");
    }

    @AfterAll
    static void stop() {
        driftEvents.stop();
        companion.close();
    }

    record Detection(String level, long position) {
    }

    static String name() {
        return "d-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void createMonitor(String name, String model, String body) {
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"model\":\"" + model + "\"," + body + "}")
                .post("/api/v1/monitors").then().statusCode(201);
    }

    static List<Detection> expected(String file, String stream) {
        return ExpectedStreams.expected(file, stream).stream()
                .filter(e -> !e.event().equals("warning_off"))
                .map(e -> new Detection(e.event().equals("drift") ? "DRIFT" : "WARNING", e.index()))
                .toList();
    }

    static List<Detection> detections(String monitor, String kind) {
        List<Detection> out = new ArrayList<>();
        for (var r : driftEvents.getRecords()) {
            try {
                JsonNode n = JSON.readTree(r.value());
                if (n.get("monitor").asText().equals(monitor) && n.get("kind").asText().equals(kind)) {
                    out.add(new Detection(n.get("level").asText(), n.get("position").asLong()));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    static void produceFeatures(String model, double[] values, int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new ProducerRecord<>("driftline.features", model,
                    "{\"id\":\"" + i + "\",\"model\":\"" + model + "\",\"features\":{\"x\":" + values[i] + "}}"));
        }
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @CsvSource({"ADWIN,ADWIN_core,gauss_shift10", "PAGE_HINKLEY,PageHinkley,gauss_shift05", "CUSUM,CUSUM,river_doc_adwin"})
    void featureValuesThroughTheBrokerGiveMoaPositions(String type, String expectedFile, String stream) {
        String monitor = name();
        createMonitor(monitor, monitor, "\"features\":[{\"name\":\"x\",\"type\":\"NUMERIC\"}],\"dataDrift\":{\"type\":\"" + type + "\"}");
        double[] values = ExpectedStreams.values(stream);
        List<Detection> expected = expected(expectedFile, stream);
        assertThat(expected).isNotEmpty();

        produceFeatures(monitor, values, 0, values.length);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(detections(monitor, "DATA")).containsExactlyElementsOf(expected));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).get("/api/v1/monitors/" + monitor + "/state")
                .then().statusCode(200)
                .body("detectors[0].observations", equalTo(values.length))
                .body("detectors[0].detector", equalTo(type));
    }

    @ParameterizedTest
    @CsvSource({"DDM,DDM,bern_abrupt", "HDDM_A,HDDM_A,river_doc_binary", "EDDM,EDDM,bern_abrupt_small"})
    void errorsOfJoinedPredictionsAndFeedbackGiveMoaPositions(String type, String expectedFile, String stream) {
        String monitor = name();
        createMonitor(monitor, monitor, "\"features\":[],\"conceptDrift\":{\"type\":\"" + type + "\",\"task\":\"CLASSIFICATION\"}");
        double[] errors = ExpectedStreams.values(stream);
        List<Detection> expected = expected(expectedFile, stream);
        assertThat(expected).isNotEmpty();

        // Feedback of the first half is sent before any prediction; the second half the other way round.
        int half = errors.length / 2;
        List<ProducerRecord<String, String>> feedback = new ArrayList<>();
        List<ProducerRecord<String, String>> predictions = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            String label = errors[i] == 1.0 ? "no" : "yes";
            feedback.add(new ProducerRecord<>("driftline.feedback", monitor,
                    "{\"id\":\"" + i + "\",\"model\":\"" + monitor + "\",\"label\":\"" + label + "\"}"));
            predictions.add(new ProducerRecord<>("driftline.predictions", monitor,
                    "{\"id\":\"" + i + "\",\"model\":\"" + monitor + "\",\"prediction\":\"yes\",\"source\":\"test\"}"));
        }
        companion.produceStrings().fromRecords(feedback.subList(0, half)).awaitCompletion(Duration.ofSeconds(60));
        companion.produceStrings().fromRecords(predictions).awaitCompletion(Duration.ofSeconds(60));
        companion.produceStrings().fromRecords(feedback.subList(half, errors.length)).awaitCompletion(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(detections(monitor, "CONCEPT")).containsExactlyElementsOf(expected));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(EventsProcessorTest.metric("driftline_feedback_joined_total{monitor=\"" + monitor + "\",outcome=\"joined\"}"))
                        .isEqualTo(errors.length));
    }

    @Test
    void twoMonitorsOnOneModelRunIndependentlyAndADeletedOneStopsAtOnce() {
        String model = name();
        String adwin = name();
        String ph = name();
        String features = "\"features\":[{\"name\":\"x\",\"type\":\"NUMERIC\"}],";
        createMonitor(adwin, model, features + "\"dataDrift\":{\"type\":\"ADWIN\"}");
        createMonitor(ph, model, features + "\"dataDrift\":{\"type\":\"PAGE_HINKLEY\"}");
        double[] values = ExpectedStreams.values("gauss_shift10");
        int half = 10_000;
        List<Detection> adwinAll = expected("ADWIN_core", "gauss_shift10");
        List<Detection> phFirstHalf = expected("PageHinkley", "gauss_shift10").stream().filter(d -> d.position() < half).toList();

        produceFeatures(model, values, 0, half);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(detections(adwin, "DATA")).containsExactlyElementsOf(adwinAll.stream().filter(d -> d.position() < half).toList());
            assertThat(detections(ph, "DATA")).containsExactlyElementsOf(phFirstHalf);
            given().auth().oauth2(PostgresResource.VIEWER_TOKEN).get("/api/v1/monitors/" + ph + "/state")
                    .then().body("detectors[0].observations", equalTo(half));
        });

        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).delete("/api/v1/monitors/" + ph).then().statusCode(204);
        produceFeatures(model, values, half, values.length);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(detections(adwin, "DATA")).containsExactlyElementsOf(adwinAll));
        assertThat(detections(ph, "DATA")).containsExactlyElementsOf(phFirstHalf);
        // The history table is written in the background: wait for it too.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(PostgresResource.VIEWER_TOKEN)
                .queryParam("monitor", adwin).queryParam("level", "DRIFT").queryParam("size", 1000)
                .get("/api/v1/drift-events")
                .then().statusCode(200)
                .body("total", equalTo((int) adwinAll.stream().filter(d -> d.level().equals("DRIFT")).count()))
                .body("items.kind", hasItem("DATA")));
    }

    @Test
    void feedbackWithoutPredictionExpiresAndIsCounted() {
        String monitor = name();
        createMonitor(monitor, monitor, "\"features\":[],\"conceptDrift\":{\"type\":\"DDM\"}");
        companion.produceStrings().fromRecords(
                new ProducerRecord<>("driftline.feedback", monitor, "{\"id\":\"lonely\",\"model\":\"" + monitor + "\",\"label\":\"1\"}"),
                new ProducerRecord<>("driftline.predictions", monitor, "{\"id\":\"p\",\"model\":\"" + monitor + "\",\"prediction\":\"1\"}"),
                new ProducerRecord<>("driftline.predictions", monitor, "{\"id\":\"p\",\"model\":\"" + monitor + "\",\"prediction\":\"0\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(EventsProcessorTest.metric("driftline_feedback_joined_total{monitor=\"" + monitor + "\",outcome=\"duplicate\"}"))
                    .isEqualTo(1.0);
            given().auth().oauth2(PostgresResource.VIEWER_TOKEN).get("/api/v1/monitors/" + monitor + "/state")
                    .then().body("join.pendingFeedback", greaterThanOrEqualTo(0));
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(EventsProcessorTest.metric("driftline_feedback_joined_total{monitor=\"" + monitor + "\",outcome=\"expired_feedback\"}"))
                    .isEqualTo(1.0);
            assertThat(EventsProcessorTest.metric("driftline_feedback_joined_total{monitor=\"" + monitor + "\",outcome=\"expired_prediction\"}"))
                    .isEqualTo(1.0);
        });
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).get("/api/v1/monitors/" + monitor + "/state")
                .then().body("join.pendingFeedback", equalTo(0)).body("join.pendingPredictions", equalTo(0));
    }
}
