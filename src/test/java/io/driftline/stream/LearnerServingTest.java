package io.driftline.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A monitor with a learner predicts every feature event (the prediction goes to the predictions topic with
 * source "driftline"), learns from the feedback, and reports prequential metrics; its own predictions are
 * joined with the feedback into the concept-drift error stream like any model's.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class LearnerServingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KafkaCompanion companion;

    @BeforeAll
    static void start() {
        companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        companion.close();
    }

    static List<String[]> seaRows(int n) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                LearnerServingTest.class.getResourceAsStream("/streams/classification/sea_abrupt.csv.gz")), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while (rows.size() < n && (line = in.readLine()) != null) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NAIVE_BAYES|{}", "HBP|{\"hiddenLayers\":4,\"hiddenUnits\":16}"})
    void learnerPredictsFirstLearnsFromFeedbackAndReportsMetrics(String type, String params) throws IOException {
        String monitor = "l-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(PostgresResource.OPERATOR_TOKEN).contentType("application/json")
                .body("{\"name\":\"" + monitor + "\",\"features\":[{\"name\":\"a1\",\"type\":\"NUMERIC\"},{\"name\":\"a2\",\"type\":\"NUMERIC\"},"
                        + "{\"name\":\"a3\",\"type\":\"NUMERIC\"}],\"conceptDrift\":{\"type\":\"DDM\"},"
                        + "\"learner\":{\"type\":\"" + type + "\",\"params\":" + params + "}}")
                .post("/api/v1/monitors").then().statusCode(201);
        int n = 2000;
        List<String[]> rows = seaRows(n);
        ConsumerTask<String, String> predictions = companion.consumeStrings().fromTopics("driftline.predictions");
        List<ProducerRecord<String, String>> features = new ArrayList<>();
        List<ProducerRecord<String, String>> feedback = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            features.add(new ProducerRecord<>("driftline.features", monitor, "{\"id\":\"" + i + "\",\"model\":\"" + monitor
                    + "\",\"features\":{\"a1\":" + r[0] + ",\"a2\":" + r[1] + ",\"a3\":" + r[2] + "}}"));
            feedback.add(new ProducerRecord<>("driftline.feedback", monitor,
                    "{\"id\":\"" + i + "\",\"model\":\"" + monitor + "\",\"label\":\"" + r[3] + "\"}"));
        }
        // In chunks, features first, then their feedback: every instance is predicted before its label is known.
        int chunk = 500;
        for (int from = 0; from < n; from += chunk) {
            int learned = from;
            companion.produceStrings().fromRecords(features.subList(from, from + chunk)).awaitCompletion(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(PostgresResource.VIEWER_TOKEN).get("/api/v1/monitors/" + monitor + "/state")
                            .then().body("learner.waitingForFeedback", equalTo(chunk)).body("learner.instances", equalTo(learned)));
            companion.produceStrings().fromRecords(feedback.subList(from, from + chunk)).awaitCompletion(Duration.ofSeconds(60));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var state = given().auth().oauth2(PostgresResource.VIEWER_TOKEN).get("/api/v1/monitors/" + monitor + "/state")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(state.getInt("learner.instances")).isEqualTo(n);
            assertThat(state.getInt("learner.waitingForFeedback")).isZero();
            assertThat(state.getDouble("learner.accuracy")).isGreaterThan(0.6);
            // No class is known before the first feedback, so the first chunk has no published prediction to join.
            assertThat(state.getLong("detectors.find { it.kind == 'CONCEPT' }.observations")).isEqualTo((long) n - chunk);
        });
        List<JsonNode> mine = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            mine.clear();
            for (var r : predictions.getRecords()) {
                JsonNode node = JSON.readTree(r.value());
                if (node.get("model").asText().equals(monitor)) {
                    mine.add(node);
                }
            }
            assertThat(mine).isNotEmpty();
        });
        assertThat(mine).allSatisfy(p -> {
            assertThat(p.get("source").asText()).isEqualTo("driftline");
            assertThat(p.get("prediction").asText()).isIn("groupA", "groupB");
        });
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("driftline_learner_accuracy{learner=\"" + type + "\",monitor=\"" + monitor + "\"}");
        if (type.equals("HBP")) {
            assertThat(metrics).contains("driftline_learner_hedge_weight{layer=\"1\",monitor=\"" + monitor + "\"}");
        }
        predictions.stop();
    }
}
