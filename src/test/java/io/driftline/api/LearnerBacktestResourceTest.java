package io.driftline.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftline.learn.CsvInstances;
import io.driftline.learn.LearnerType;
import io.driftline.learn.OnlineLearner;
import io.driftline.learn.PrequentialEvaluator;
import io.driftline.learn.Schema;
import io.driftline.testing.KafkaBrokerResource;
import io.driftline.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class LearnerBacktestResourceTest {
    private static final String PATH = "/api/v1/backtests/learners";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** sea_abrupt.schema.csv in the monitor-spec feature shape: the class values in MOA's index order. */
    private static final String SEA_COLUMNS = """
            [{"name":"attrib1","type":"NUMERIC"},{"name":"attrib2","type":"NUMERIC"},{"name":"attrib3","type":"NUMERIC"},
             {"name":"class","type":"CATEGORICAL","categories":["groupA","groupB"]}]""";

    static String resource(String path) throws IOException {
        try (InputStream raw = LearnerBacktestResourceTest.class.getResourceAsStream("/streams/" + path)) {
            assertThat(raw).as("test resource " + path).isNotNull();
            InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The header and the first {@code rows} rows of sea_abrupt. */
    static String seaRows(int rows) throws IOException {
        String[] lines = resource("classification/sea_abrupt.csv.gz").split("\n");
        assertThat(lines.length).isGreaterThan(rows);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, 0, rows + 1)) + "\n";
    }

    /** MOA's predicted class indexes of Hoeffding tree on sea_abrupt, as labels of the schema's class order. */
    static List<String> moaPredictedLabels(int rows) throws IOException {
        Schema schema = CsvInstances.parseSchema(resource("classification/sea_abrupt.schema.csv"));
        assertThat(schema.target().values()).containsExactly("groupA", "groupB");
        String[] lines = resource("expected/predictions/HoeffdingTree__sea_abrupt.csv.gz").split("\n");
        assertThat(lines[0].trim()).isEqualTo("predicted_class_index");
        List<String> labels = new ArrayList<>(rows);
        for (int i = 1; i <= rows; i++) {
            labels.add(schema.target().value(Integer.parseInt(lines[i].trim())));
        }
        return labels;
    }

    static String body(String learner, String csv, String extra) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.set("learner", JSON.readTree(learner));
        node.put("csv", csv);
        if (extra != null) {
            JSON.readTree(extra).fields().forEachRemaining(e -> node.set(e.getKey(), e.getValue()));
        }
        return JSON.writeValueAsString(node);
    }

    static JsonNode post(String body, int status) throws IOException {
        return JSON.readTree(given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json").body(body)
                .when().post(PATH)
                .then().statusCode(status).extract().asString());
    }

    @Test
    void hoeffdingTreePredictionsAreTheCoresAndAgreeWithMoa() throws IOException {
        int rows = 20_000;
        String csv = seaRows(rows);
        JsonNode answer = post(body("{\"type\":\"HOEFFDING_TREE\",\"params\":{}}", csv,
                "{\"target\":\"class\",\"predictions\":true,\"window\":1000,\"columns\":" + SEA_COLUMNS + "}"), 200);

        List<String> predicted = new ArrayList<>();
        answer.get("predictions").forEach(p -> predicted.add(p.asText()));
        assertThat(predicted).hasSize(rows);
        assertThat(answer.get("instances").asLong()).isEqualTo(rows);
        assertThat(answer.get("windows")).hasSize(rows / 1000);
        assertThat(answer.get("windows").get(0).get("end").asLong()).isEqualTo(1000);

        // The same test-then-train run through the core directly: the resource only maps.
        Schema schema = CsvInstances.parseSchema(resource("classification/sea_abrupt.schema.csv"));
        CsvInstances data = CsvInstances.parse(csv, null, schema);
        OnlineLearner learner = LearnerType.HOEFFDING_TREE.create(schema, Map.of());
        PrequentialEvaluator eval = new PrequentialEvaluator(1000, 1000);
        List<String> core = new ArrayList<>(rows);
        for (int i = 0; i < data.size(); i++) {
            int y = (int) data.targets()[i];
            core.add(schema.target().value(eval.addClassification(y, learner.predict(data.rows().get(i)))));
            learner.learn(data.rows().get(i), y);
        }
        assertThat(predicted).isEqualTo(core);
        assertThat(answer.get("accuracy").asDouble()).isEqualTo(eval.accuracy());
        assertThat(answer.get("kappa").asDouble()).isEqualTo(eval.kappa());
        for (int b = 0; b < rows / 1000; b++) {
            assertThat(answer.get("windows").get(b).get("accuracy").asDouble()).isEqualTo(eval.windowAccuracies()[b]);
        }

        // MOA's recorded predictions, mapped from class indexes to labels (the core agrees on >= 99.9%).
        List<String> moa = moaPredictedLabels(rows);
        int same = 0;
        for (int i = 0; i < rows; i++) {
            if (moa.get(i).equals(predicted.get(i))) {
                same++;
            }
        }
        assertThat((double) same / rows).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void inferredColumnsGiveASaneAccuracyWithoutPredictions() throws IOException {
        JsonNode answer = post(body("{\"type\":\"HOEFFDING_TREE\"}", seaRows(20_000), null), 200);
        assertThat(answer.get("instances").asLong()).isEqualTo(20_000);
        assertThat(answer.get("accuracy").asDouble()).isBetween(0.75, 0.95);
        assertThat(answer.get("kappa").asDouble()).isBetween(0.4, 0.95);
        assertThat(answer.get("windows")).hasSize(20);
        assertThat(answer.has("predictions")).isFalse();
    }

    @Test
    void hundredThousandRowsSucceedNearMoasAccuracy() throws IOException {
        String csv = resource("classification/sea_abrupt.csv.gz");
        JsonNode answer = post(body("{\"type\":\"HOEFFDING_TREE\",\"params\":{}}", csv,
                "{\"predictions\":true,\"window\":5000,\"columns\":" + SEA_COLUMNS + "}"), 200);
        assertThat(answer.get("instances").asLong()).isEqualTo(100_000);
        assertThat(answer.get("predictions")).hasSize(100_000);
        assertThat(answer.get("windows")).hasSize(20);
        assertThat(answer.get("accuracy").asDouble()).isCloseTo(0.841830, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void classNumbersAreClassesNotRegressionTargets() throws IOException {
        String csv = "x,y\n0.1,0\n0.9,1\n0.2,0\n0.8,1\n0.15,0\n0.85,1\n";
        JsonNode answer = post(body("{\"type\":\"NAIVE_BAYES\"}", csv, "{\"predictions\":true}"), 200);
        assertThat(answer.get("instances").asLong()).isEqualTo(6);
        List<String> predicted = new ArrayList<>();
        answer.get("predictions").forEach(p -> predicted.add(p.asText()));
        assertThat(predicted).hasSize(6).allSatisfy(p -> assertThat(p).isIn("0", "1"));
    }

    @Test
    void raggedRowNamesTheLine() throws IOException {
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"HOEFFDING_TREE\"}", "a,b,class\n1,2,x\n3,y\n4,5,y\n", null))
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("line 3"));
    }

    @Test
    void nonNumericValueInANumericColumnNamesTheLine() throws IOException {
        String columns = "{\"columns\":[{\"name\":\"a\",\"type\":\"NUMERIC\"},{\"name\":\"b\",\"type\":\"NUMERIC\"},"
                + "{\"name\":\"class\",\"type\":\"CATEGORICAL\"}]}";
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"HOEFFDING_TREE\"}", "a,b,class\n1,2,x\n3,4,y\n5,zz,y\n", columns))
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("line 4"));
    }

    @Test
    void emptyCsvOrHeaderOnlyNamesTheLine() throws IOException {
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"HOEFFDING_TREE\"}", "", null))
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("line 1"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"HOEFFDING_TREE\"}", "a,b,class\n", null))
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("line 2"));
    }

    @Test
    void unknownLearnerTypeAndBadParameterNameTheirFields() throws IOException {
        String csv = "a,class\n1,x\n2,y\n";
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"RANDOM_FOREST\"}", csv, null))
                .when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("learner.type"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"HOEFFDING_TREE\",\"params\":{\"gracePeriod\":-5}}", csv, null))
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("learner.params.gracePeriod"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"HOEFFDING_TREE\"}", csv, "{\"target\":\"nope\"}"))
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("line 1"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body(body("{\"type\":\"HOEFFDING_TREE\"}", csv, "{\"window\":0}"))
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("window"));
        given().auth().oauth2(PostgresResource.VIEWER_TOKEN).contentType("application/json")
                .body("{\"csv\":\"a,class\\n1,x\\n\"}")
                .when().post(PATH)
                .then().statusCode(400).body("violations.field", hasItem("learner"))
                .body("violations", hasSize(1)).body("instance", equalTo(PATH));
    }

    @Test
    void missingTokenIsUnauthorized() throws IOException {
        given().contentType("application/json").body(body("{\"type\":\"HOEFFDING_TREE\"}", "a,class\n1,x\n", null))
                .when().post(PATH)
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
