package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link EventParser} with a reference built on Jackson's tree model (an ObjectMapper whose objects keep
 * duplicate names in order) and the contract's rules applied in document order: the same records are accepted with
 * the same fields (numbers bit for bit), the others rejected with the same reason. Two differences are allowed:
 * where the tree finds a syntax error, the parser, which reads as it goes as the Jackson streaming parser did, may
 * first meet a wrong type or value; and it rejects invalid UTF-8 that Jackson decoded leniently (overlong forms,
 * encoded surrogates). {@code orderOfErrorsIsTheStreamingOne} pins what the streaming parser did in those cases.
 */
class EventParserDifferentialTest {
    static final String MALFORMED = "rejected " + InvalidRecordException.MALFORMED_JSON;
    static final String DUPLICATE = "\uD800#"; // a broken surrogate pair, which Jackson does not take in names

    /** Objects that keep every member: a repeated name is stored as name + DUPLICATE + n, in document order. */
    static final class KeepingObject extends ObjectNode {
        KeepingObject(JsonNodeFactory factory) {
            super(factory);
        }

        @Override
        public JsonNode replace(String name, JsonNode value) {
            String key = name;
            for (int n = 1; _children.containsKey(key); n++) {
                key = name + DUPLICATE + n;
            }
            return super.replace(key, value);
        }
    }

    static final ObjectMapper TREE = new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(new JsonNodeFactory() {
                @Override
                public ObjectNode objectNode() {
                    return new KeepingObject(this);
                }
            });

    enum Kind {
        FEATURES(json -> show(EventParser.parseFeatures(json))),
        PREDICTION(json -> show(EventParser.parsePrediction(json))),
        FEEDBACK(json -> show(EventParser.parseFeedback(json)));

        final Function<byte[], String> parse;

        Kind(Function<byte[], String> parse) {
            this.parse = parse;
        }
    }

    // ---- the outcomes, as comparable text ----

    static String actual(Kind kind, byte[] json) {
        try {
            return kind.parse.apply(json);
        } catch (InvalidRecordException e) {
            return "rejected " + e.reason();
        }
    }

    static String show(FeatureEvent e) {
        StringBuilder s = new StringBuilder("features id=" + quote(e.id()) + " model=" + quote(e.model()) + " ts=" + e.timestampMillis() + " {");
        for (int i = 0; i < e.size(); i++) {
            double n = e.numbers()[i];
            String value = e.strings()[i] != null ? quote(e.strings()[i]) + (Double.isNaN(n) ? "" : "!" + number(n)) : number(n);
            s.append(quote(e.names()[i])).append(':').append(value).append(' ');
        }
        return s.append('}').toString();
    }

    static String show(PredictionEvent p) {
        return "prediction id=" + quote(p.id()) + " model=" + quote(p.model()) + " label=" + quote(p.label()) + " value=" + number(p.value())
                + " source=" + quote(p.source());
    }

    static String show(FeedbackEvent f) {
        return "feedback id=" + quote(f.id()) + " model=" + quote(f.model()) + " label=" + quote(f.label()) + " value=" + number(f.value());
    }

    static String number(double d) {
        return Double.isNaN(d) ? "null" : d + "/" + Long.toHexString(Double.doubleToRawLongBits(d));
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder q = new StringBuilder("\"");
        s.chars().forEach(c -> q.append(c >= 0x20 && c < 0x7F && c != '\\' ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return q.append('"').toString();
    }

    // ---- the reference ----

    static String reference(Kind kind, byte[] json) {
        JsonNode root;
        try {
            root = TREE.readTree(json);
        } catch (IOException e) {
            return MALFORMED;
        }
        if (root == null || !root.isObject()) {
            return MALFORMED;
        }
        try {
            return switch (kind) {
                case FEATURES -> referenceFeatures(root);
                case PREDICTION -> referenceLabelled(root, "prediction", true);
                case FEEDBACK -> referenceLabelled(root, "label", false);
            };
        } catch (InvalidRecordException e) {
            return "rejected " + e.reason();
        }
    }

    static String name(Map.Entry<String, JsonNode> member) {
        int cut = member.getKey().indexOf(DUPLICATE);
        return cut < 0 ? member.getKey() : member.getKey().substring(0, cut);
    }

    static InvalidRecordException reject(String reason) {
        return new InvalidRecordException(reason, "reference");
    }

    static String referenceFeatures(JsonNode root) {
        String id = null;
        String model = null;
        long ts = -1;
        StringBuilder features = null;
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            JsonNode v = member.getValue();
            switch (name(member)) {
                case "id" -> id = referenceId(v);
                case "model" -> model = referenceModel(v);
                case "ts" -> ts = referenceTimestamp(v);
                case "features" -> {
                    if (!v.isObject()) {
                        throw reject(InvalidRecordException.INVALID_TYPE);
                    }
                    features = new StringBuilder();
                    int size = 0;
                    for (Map.Entry<String, JsonNode> f : v.properties()) {
                        if (size++ == 10_000) {
                            throw reject(InvalidRecordException.INVALID_VALUE);
                        }
                        JsonNode x = f.getValue();
                        if (!x.isNumber() && !x.isTextual() && !x.isNull()) {
                            throw reject(InvalidRecordException.INVALID_TYPE);
                        }
                        String value = x.isNumber() ? number(x.doubleValue()) : x.isTextual() ? quote(x.textValue()) : "null";
                        features.append(quote(name(f))).append(':').append(value).append(' ');
                    }
                }
                default -> {
                }
            }
        }
        requireAll(id, model, features);
        return "features id=" + quote(id) + " model=" + quote(model) + " ts=" + ts + " {" + features + "}";
    }

    static String referenceLabelled(JsonNode root, String labelField, boolean prediction) {
        String id = null;
        String model = null;
        String label = null;
        double value = Double.NaN;
        boolean hasLabel = false;
        String source = null;
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            JsonNode v = member.getValue();
            String name = name(member);
            if (name.equals("id")) {
                id = referenceId(v);
            } else if (name.equals("model")) {
                model = referenceModel(v);
            } else if (name.equals(labelField)) {
                if (v.isTextual()) {
                    label = v.textValue();
                } else if (v.isNumber()) {
                    value = v.doubleValue();
                } else {
                    throw reject(InvalidRecordException.INVALID_TYPE);
                }
                hasLabel = true;
            } else if (prediction && name.equals("scores")) {
                if (!v.isNull() && !v.isObject()) {
                    throw reject(InvalidRecordException.INVALID_TYPE);
                }
                for (Map.Entry<String, JsonNode> score : v.properties()) {
                    if (!score.getValue().isNumber()) {
                        throw reject(InvalidRecordException.INVALID_TYPE);
                    }
                }
            } else if (prediction && name.equals("source")) {
                if (!v.isTextual() && !v.isNull()) {
                    throw reject(InvalidRecordException.INVALID_TYPE);
                }
                source = v.textValue();
            }
        }
        requireAll(id, model, hasLabel ? "" : null);
        return prediction
                ? "prediction id=" + quote(id) + " model=" + quote(model) + " label=" + quote(label) + " value=" + number(value) + " source=" + quote(source)
                : "feedback id=" + quote(id) + " model=" + quote(model) + " label=" + quote(label) + " value=" + number(value);
    }

    static void requireAll(Object... fields) {
        for (Object field : fields) {
            if (field == null) {
                throw reject(InvalidRecordException.MISSING_FIELD);
            }
        }
    }

    static String referenceId(JsonNode v) {
        // an integer id is its text, but the tree writes -0 as 0 (see idKeepsItsText)
        if (!v.isTextual() && !v.isIntegralNumber()) {
            throw reject(InvalidRecordException.INVALID_TYPE);
        }
        String s = v.asText();
        if (s.isEmpty() || s.length() > 256) {
            throw reject(InvalidRecordException.INVALID_VALUE);
        }
        return s;
    }

    static String referenceModel(JsonNode v) {
        if (!v.isTextual()) {
            throw reject(InvalidRecordException.INVALID_TYPE);
        }
        if (v.textValue().isEmpty() || v.textValue().length() > 63) {
            throw reject(InvalidRecordException.INVALID_VALUE);
        }
        return v.textValue();
    }

    static long referenceTimestamp(JsonNode v) {
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw reject(InvalidRecordException.MALFORMED_JSON); // Jackson's getLongValue() failed as a parse error
            }
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Instant.parse(v.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw reject(InvalidRecordException.INVALID_VALUE);
            }
        }
        if (v.isNull()) {
            return -1;
        }
        throw reject(InvalidRecordException.INVALID_TYPE);
    }

    static boolean isUtf8(byte[] json) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Both outcomes for each of the three contracts, with the differences the class comment allows. */
    static void assertSameAsReference(byte[] json, String label) {
        for (Kind kind : Kind.values()) {
            String expected = reference(kind, json);
            String actual = actual(kind, json).replace(" id=\"-0\" ", " id=\"0\" "); // the tree writes an id -0 as 0
            boolean streamingMetAWrongValueFirst = expected.equals(MALFORMED)
                    && (actual.equals("rejected " + InvalidRecordException.INVALID_TYPE) || actual.equals("rejected " + InvalidRecordException.INVALID_VALUE));
            boolean strictUtf8 = actual.equals(MALFORMED) && !isUtf8(json);
            if (!actual.equals(expected) && !streamingMetAWrongValueFirst && !strictUtf8) {
                assertThat(actual).as("%s of %s", kind, label).isEqualTo(expected);
            }
        }
    }

    // ---- hand-written documents ----

    /** JSON values, valid and not, put in each slot of SLOTS. */
    static final List<String> VALUES = List.of(
            // numbers
            "0", "-0", "1", "-1", "12", "1.5", "-1.5", "0.1", "10.123", "0.30000000000000004", "100e-2", "1e5", "1E5", "1e+5", "1e-5",
            "1E-05", "0e0", "-0.0", "-0e-0", "0.0e1", "123456789012345", "123456789012345.6", "1234567890123456", "0.000001234",
            "1e22", "1e23", "1e-22", "1e-23", "123456789012345e22", "123456789012345e-22", "1234567890123456e-22", "9.999999999999999e22",
            "9007199254740992", "9007199254740993", "9007199254740993.0", "123456789012345678", "1234567890123456789",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "12345678901234567890123",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309", "1e400", "-1e400", "1e-400",
            "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "2.2250738585072011e-308", "2.2250738585072012e-308",
            "1.000000000000000000001", "0.1e-0000000000000000000000001", "1e0000000000000000000000000000000000000000000400",
            "3.14159265358979323846264338327950288", "-123.456e-7", "5e-1", "1.0000000000000002", "1.00000000000000011",
            // not numbers
            "01", "-01", "00", "+1", ".5", "1.", "1.e5", "-", "-a", "1e", "1e+", "1e-", "0x10", "1_000", "NaN", "Infinity", "-Infinity",
            "1.5.5", "1e5e5", "--1", "-.5", "1x", "1.5x", "1e5x", "-x", "1.x", "1ex", "0.", "- 1", "1 2", "١",
            // strings
            "\"\"", "\"a\"", "\"IT\"", "\"\\\"\"", "\"\\\\\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"", "\"\\u0000\"", "\"\\u00e9\"", "\"\\u00E9\"",
            "\"é\"", "\"€\"", "\"😀\"", "\"中文\"", "\"\\ud83d\\ude00\"", "\"\\uD83D\\uDE00\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud83dx\"",
            "\"\\ude00\\ud83d\"", "\"\\u2028\\u2029\"", "\"\\u007f\u007f\"", "\"\\uffff\uffff\"", "\"2026-11-27T10:00:00Z\"",
            "\"2026-11-27T10:00:00.123+01:00\"", "\"1970-01-01T00:00:00Z\"", "\"2026-11-27\"", "\"yesterday\"", "\"-5\"",
            "\"" + "x".repeat(63) + "\"", "\"" + "x".repeat(64) + "\"", "\"" + "😀".repeat(31) + "\"", "\"" + "😀".repeat(32) + "\"",
            // not strings
            "\"\\q\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\U0041\"", "\"\\x41\"", "\"\\'\"", "\"a\tb\"", "\"a\nb\"", "\"\u0001\"", "\"\u001f\"",
            "\"abc", "\"\\\"", "\"\\u\"", "'a'", "\"a\"\"b\"",
            // literals
            "true", "false", "null", "tru", "nul", "nulll", "True", "NULL", "truex", "true1", "false_", "null$", "true:", "nullé", "t",
            // containers
            "{}", "[]", "{\"a\":1}", "[1,2]", "[[[]]]", "{\"a\":{\"b\":[1,{\"c\":null}]}}", "[\"a\",true,null,-1.5e3,{}]", "{\"a\":1,\"a\":2}",
            "{\"a\":\"x\",\"b\":null}", "{\"\\u0061\":1}", "{\"\":1}", "{\"\\ud800\":1}", "{\"\\ude00\":1}", "{\"\\ud83d\\ude00\":1}",
            "{\"\\ud83d\\u0041\":1}", "{\"a\":true}", "{\"a\":[1]}", "{\"a\":{}}", "{\"a\":\"\\q\"}",
            "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{,}", "{\"a\":1,}", "[}", "{]", "{\"a\" 1}", "{1:2}", "{'a':1}", "[1 2]", "[1:2]",
            "{\"a\":1 \"b\":2}", "[", "{", "{\"a\":", "[1", "{\"a\":1", "{\"a\":1}}", "[1]]",
            // nothing, or whitespace
            "", " ", " \t\r\n1\t\r\n ", "\u000b1", "/*c*/1", "#1");

    /** Places for a value: %s stands for it. */
    static final List<String> SLOTS = List.of(
            "{\"id\":\"e-1\",\"model\":\"m\",\"features\":{\"f\":%s},\"label\":%s,\"prediction\":%<s}",
            "{\"id\":%s,\"model\":\"m\",\"features\":{},\"label\":1,\"prediction\":\"a\"}",
            "{\"id\":\"e-1\",\"model\":%s,\"features\":{},\"label\":1,\"prediction\":\"a\"}",
            "{\"id\":\"e-1\",\"model\":\"m\",\"ts\":%s,\"features\":{}}",
            "{\"id\":\"e-1\",\"model\":\"m\",\"features\":%s,\"label\":1}",
            "{\"x\":%s,\"id\":\"e-1\",\"model\":\"m\",\"features\":{},\"label\":1,\"prediction\":\"a\"}",
            "{\"id\":\"e-1\",\"model\":\"m\",\"x\":{\"y\":[0,%s]},\"features\":{\"f\":1},\"label\":\"a\",\"prediction\":1}",
            "{\"id\":\"e-1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":%s,\"source\":%<s}",
            "{\"id\":\"e-1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":{\"a\":%s}}",
            "{\"id\":\"e-1\",\"model\":\"m\",\"features\":{\"f\":1,\"g\":2},\"label\":0,\"prediction\":0}%s",
            "%s{\"id\":\"e-1\",\"model\":\"m\",\"features\":{\"f\":1},\"label\":0,\"prediction\":0}",
            "{\"id\":\"e-1\",\"model\":\"m\",\"features\":{\"f\":-0.5,%s:1},\"label\":0}");

    /** Whole records: structure, duplicates, required fields and Jackson's limits. */
    static List<String> documents() {
        List<String> d = new ArrayList<>(List.of(
                "{}", "{ }", "[]", "null", "\"x\"", "1", "{\"id\":\"1\",\"model\":\"m\",\"features\":{}}", " \r\n\t{\"id\":\"1\",\"model\":\"m\",\"features\":{}} \r\n\t",
                "\uFEFF{\"id\":\"1\",\"model\":\"m\",\"features\":{}}", " \uFEFF{\"id\":\"1\",\"model\":\"m\",\"features\":{}}",
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{}}{}", "{\"id\":\"1\",\"model\":\"m\",\"features\":{}} {}",
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{}}\u0000", "{\"id\":\"1\",\"model\":\"m\",\"features\":{}},",
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{}}]", "{\"id\":\"1\",\"model\":\"m\",\"features\":{}", "{\"id\":\"1\",\"model\":\"m\",\"features\":{}]",
                "{\"model\":\"m\",\"features\":{}}", "{\"id\":\"1\",\"features\":{}}", "{\"id\":\"1\",\"model\":\"m\"}", "{\"id\":null,\"model\":\"m\",\"features\":{}}",
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{},\"features\":null}", "{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":1},\"features\":{\"b\":2}}",
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":1,\"b\":2,\"a\":3}}", "{\"id\":\"1\",\"id\":\"2\",\"model\":\"m\",\"model\":\"n\",\"features\":{}}",
                "{\"id\":1.5,\"id\":\"2\",\"model\":\"m\",\"features\":{}}", "{\"id\":\"2\",\"model\":\"m\",\"features\":{},\"id\":1.5}",
                "{\"\\u0069d\":\"1\",\"mod\\u0065l\":\"m\",\"features\":{}}", "{\"ID\":\"1\",\"model\":\"m\",\"features\":{}}",
                "{\"id\":\"1\",\"model\":\"m\",\"label\":\"a\",\"label\":2}", "{\"id\":\"1\",\"model\":\"m\",\"prediction\":2,\"prediction\":\"b\",\"source\":\"s\",\"source\":null}",
                "{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":{\"a\":0.5,\"b\":1,\"c\":-2e-3}}", "{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":{}}",
                "{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":[]}", "{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":{\"a\":null}}",
                "{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":{\"a\":\"0.5\"}}", "{\"id\":\"1\",\"model\":\"m\",\"prediction\":null}",
                "{\"id\":\"1\",\"model\":\"m\",\"label\":{}}", "{\"id\":\"1\",\"model\":\"m\",\"label\":true}",
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":1},\"id\":null}", "{\"id\":\"1\" \"model\":\"m\",\"features\":{}}",
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{} \"a\":1}", "{\"id\":\"1\",\"model\":\"m\",\"features\":{},}", "{\"id\"\u00a0:\"1\"}",
                "{\"id\":\"1\",\"model\":\"m\",\"ts\":-1,\"features\":{}}", "{\"id\":\"1\",\"model\":\"m\",\"ts\":1764000000000,\"features\":{}}",
                "{\"id\":\"123456\",\"model\":\"load-f-1a2b3c4d\",\"ts\":1764000000000,\"features\":{\"f0\":10.123,\"f1\":11.456,\"f2\":12.789}}"));
        d.add("{\"id\":\"" + "x".repeat(256) + "\",\"model\":\"m\",\"features\":{}}");
        d.add("{\"id\":\"" + "x".repeat(257) + "\",\"model\":\"m\",\"features\":{}}");
        d.add("{\"id\":\"" + "😀".repeat(128) + "\",\"model\":\"m\",\"features\":{}}");
        d.add("{\"id\":\"" + "😀".repeat(129) + "\",\"model\":\"m\",\"features\":{}}");
        d.add("{\"id\":" + "1".repeat(256) + ",\"model\":\"m\",\"features\":{}}");
        d.add("{\"id\":" + "1".repeat(257) + ",\"model\":\"m\",\"features\":{}}");
        for (int depth : new int[] {998, 999, 1000, 1001}) {
            d.add("{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"id\":\"1\",\"model\":\"m\",\"features\":{}}");
            d.add("{\"x\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + ",\"id\":\"1\",\"model\":\"m\",\"features\":{}}");
        }
        for (int n : new int[] {999, 1000, 1001}) {
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":-" + "7".repeat(n) + "}}");
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":1." + "3".repeat(n - 1) + "}}");
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":1." + "3".repeat(n - 4) + "e-11}}");
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":0." + "0".repeat(n - 2) + "1}}");
            d.add("{\"x\":" + "9".repeat(n) + ",\"id\":\"1\",\"model\":\"m\",\"features\":{}}");
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":1e" + "0".repeat(n - 2) + "7}}");
        }
        for (int bytes : new int[] {49_999, 50_000, 50_001}) {
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"" + "n".repeat(bytes) + "\":1}}");
            d.add("{\"x\":{\"" + "n".repeat(bytes - 2) + "é\":1},\"id\":\"1\",\"model\":\"m\",\"features\":{}}");
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"" + "\\u00e9".repeat(bytes / 2) + "n".repeat(bytes % 2) + "\":1}}");
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"" + "\\ud83d\\ude00".repeat(bytes / 4) + "n".repeat(bytes % 4) + "\":1}}");
            d.add("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"" + "\\n".repeat(bytes) + "\":1}}");
        }
        for (int n : new int[] {9_999, 10_000, 10_001}) {
            StringBuilder f = new StringBuilder("{\"id\":\"1\",\"model\":\"m\",\"features\":{");
            for (int i = 0; i < n; i++) {
                f.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i % 3 == 0 ? "\"c\"" : i % 3 == 1 ? "null" : i + ".5");
            }
            d.add(f.append("}}").toString());
        }
        return d;
    }

    static List<byte[]> handWritten() {
        List<byte[]> docs = new ArrayList<>();
        for (String slot : SLOTS) {
            for (String value : VALUES) {
                docs.add(slot.replace("%<s", value).replace("%s", value).getBytes(StandardCharsets.UTF_8));
            }
        }
        documents().forEach(d -> docs.add(d.getBytes(StandardCharsets.UTF_8)));
        return docs;
    }

    static Stream<Arguments> handWrittenCases() {
        return handWritten().stream().map(d -> {
            String text = new String(d, StandardCharsets.UTF_8);
            return Arguments.of(text.length() > 120 ? text.substring(0, 100) + "… (" + d.length + " bytes)" : text, d);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handWrittenCases")
    void handWrittenDocumentsGiveWhatJacksonGave(String label, byte[] json) {
        assertSameAsReference(json, label);
    }

    @Test
    void randomDocumentsGiveWhatJacksonGave() {
        Random random = new Random(20_251_124L);
        RandomRecords records = new RandomRecords(random);
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] json = records.record().getBytes(StandardCharsets.UTF_8);
            assertSameAsReference(json, "record " + i + ": " + new String(json, StandardCharsets.UTF_8));
            if (!actual(Kind.FEATURES, json).startsWith("rejected")) {
                accepted++;
            }
            byte[] truncated = java.util.Arrays.copyOf(json, 1 + random.nextInt(json.length - 1));
            assertSameAsReference(truncated, "record " + i + " truncated: " + new String(truncated, StandardCharsets.UTF_8));
            byte[] replaced = json.clone();
            replaced[random.nextInt(json.length)] = records.corruptByte();
            assertSameAsReference(replaced, "record " + i + " with a byte replaced: " + new String(replaced, StandardCharsets.UTF_8));
        }
        assertThat(accepted).as("valid feature records among 3000").isGreaterThan(1000);
    }

    /**
     * The parser recognises each feature name by comparing its bytes with the name at the same place in the previous
     * feature event: records that repeat a layout with a change anywhere (a name longer, shorter, renamed, written
     * with an escape, a feature added, dropped or moved, a model switched or escaped, a record cut short) must still
     * give, record after record, what Jackson gives.
     */
    @Test
    void layoutsRepeatedWithChangesGiveWhatJacksonGave() {
        Random random = new Random(20_261_129L);
        RandomRecords values = new RandomRecords(random);
        List<String> layout = layout(random, values);
        String[] models = {"\"load-f-1a2b3c4d\"", "\"load-f-1a2b3c4\"", "\"load\\u002df-1a2b3c4d\"", "\"churn-v2\""};
        for (int i = 0; i < 4000; i++) {
            List<String> names = new ArrayList<>(layout);
            int at = random.nextInt(names.size());
            String name = names.get(at);
            switch (random.nextInt(12)) {
                case 0 -> names.set(at, name.substring(0, name.length() - 1) + random.nextInt(10) + "\""); // longer: the old one is its prefix
                case 1 -> names.set(at, name.length() > 3 ? name.substring(0, name.length() - 2) + "\"" : name); // shorter
                case 2 -> names.set(at, values.string(8, true, 1)); // renamed
                case 3 -> names.set(at, name.length() > 2 && name.charAt(1) < 0x80 && name.charAt(1) != '\\' // same name, other bytes
                        ? String.format("\"\\u%04x%s", (int) name.charAt(1), name.substring(2)) : name);
                case 4 -> names.remove(at);
                case 5 -> names.add(at, values.string(6, true, 1));
                case 6 -> names.add(names.remove(at));
                case 7 -> layout = names = layout(random, values); // a new layout from here on
                default -> {
                }
            }
            StringBuilder json = new StringBuilder("{\"id\":\"" + i + "\",\"model\":" + models[random.nextInt(10) == 0 ? random.nextInt(models.length) : 0]
                    + ",\"features\":{");
            for (int f = 0; f < names.size(); f++) {
                json.append(f == 0 ? "" : ",").append(names.get(f)).append(':').append(random.nextInt(20) == 0 ? values.string(5, false, 0) : values.number());
            }
            byte[] record = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(10) == 0) {
                record = java.util.Arrays.copyOf(record, 1 + random.nextInt(record.length - 1));
            }
            assertSameAsReference(record, "record " + i + ": " + new String(record, StandardCharsets.UTF_8));
        }
    }

    /** Two to twelve feature names, mostly short ASCII ones as producers write them, some with escapes or not ASCII. */
    private static List<String> layout(Random random, RandomRecords values) {
        List<String> names = new ArrayList<>();
        for (int n = 2 + random.nextInt(11); n > 0; n--) {
            names.add(random.nextInt(4) > 0 ? "\"f" + random.nextInt(12) + "\"" : values.string(10, true, 1));
        }
        return names;
    }

    // ---- what the streaming parser did, beyond the tree ----

    static Stream<Arguments> streamingCases() {
        String head = "{\"id\":\"1\",\"model\":\"m\",";
        return Stream.of(
                Arguments.of(head + "\"features\":\"abc", InvalidRecordException.INVALID_TYPE),
                Arguments.of("{\"features\":\"\\q\"}", InvalidRecordException.INVALID_TYPE),
                Arguments.of(head + "\"features\":1x}", InvalidRecordException.INVALID_TYPE),
                Arguments.of(head + "\"features\":true:}", InvalidRecordException.INVALID_TYPE),
                Arguments.of(head + "\"features\":true$}", InvalidRecordException.INVALID_TYPE),
                Arguments.of(head + "\"features\":truex}", InvalidRecordException.MALFORMED_JSON),
                Arguments.of(head + "\"features\":true\u007f}", InvalidRecordException.MALFORMED_JSON),
                Arguments.of(head + "\"features\":01}", InvalidRecordException.MALFORMED_JSON),
                Arguments.of(head + "\"features\":{\"a\":true,", InvalidRecordException.INVALID_TYPE),
                Arguments.of(head + "\"features\":{\"a\":\"\\q\"}}", InvalidRecordException.MALFORMED_JSON),
                Arguments.of("{\"model\":5,\"id\":", InvalidRecordException.INVALID_TYPE),
                Arguments.of("{\"id\":\"\",\"model\":\"m\"", InvalidRecordException.INVALID_VALUE),
                Arguments.of("{\"id\":\"1\",\"model\":\"" + "x".repeat(64) + "\",\"features\":{}} x", InvalidRecordException.INVALID_VALUE),
                Arguments.of("{\"id\":\"1\",\"model\":\"m\"} x", InvalidRecordException.MALFORMED_JSON),
                Arguments.of("{\"model\":\"m\",\"x\":\"\\q\"", InvalidRecordException.MALFORMED_JSON),
                Arguments.of(head + "\"ts\":99999999999999999999,\"features\":{}}", InvalidRecordException.MALFORMED_JSON));
    }

    @ParameterizedTest
    @MethodSource("streamingCases")
    void orderOfErrorsIsTheStreamingOne(String record, String reason) {
        assertThatThrownBy(() -> EventParser.parseFeatures(record.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void orderOfErrorsInPredictions() {
        assertThat(actual(Kind.PREDICTION, "{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":{\"a\":\"x".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("rejected " + InvalidRecordException.INVALID_TYPE);
        assertThat(actual(Kind.FEEDBACK, "{\"id\":\"1\",\"model\":\"m\",\"label\":[".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("rejected " + InvalidRecordException.INVALID_TYPE);
        // the 10,001st feature's value is read before the count is checked, a string's characters after
        StringBuilder many = new StringBuilder("{\"id\":\"1\",\"model\":\"m\",\"features\":{");
        for (int i = 0; i < 10_000; i++) {
            many.append("\"f").append(i).append("\":1,");
        }
        assertThat(actual(Kind.FEATURES, (many + "\"g\":01}}").getBytes(StandardCharsets.UTF_8))).isEqualTo(MALFORMED);
        assertThat(actual(Kind.FEATURES, (many + "\"g\":\"\\q\"}}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("rejected " + InvalidRecordException.INVALID_VALUE);
    }

    @Test
    void stringsAreLimitedWhereJacksonDecodedThem() {
        for (String c : List.of("s", "é")) {
            byte[] longest = ("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":\"" + c.repeat(20_000_000) + "\"}}").getBytes(StandardCharsets.UTF_8);
            assertThat(EventParser.parseFeatures(longest).strings()[0]).hasSize(20_000_000);
            byte[] tooLong = ("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":\"" + c.repeat(20_000_001) + "\"}}").getBytes(StandardCharsets.UTF_8);
            assertThat(actual(Kind.FEATURES, tooLong)).isEqualTo(MALFORMED);
            // a string that is skipped is not decoded, so not limited (the tree, which decodes all, rejects it)
            assertThat(actual(Kind.FEEDBACK, tooLong)).isEqualTo("rejected " + InvalidRecordException.MISSING_FIELD);
        }
    }

    @Test
    void idKeepsItsText() {
        assertThat(EventParser.parseFeatures("{\"id\":-0,\"model\":\"m\",\"features\":{}}".getBytes(StandardCharsets.UTF_8)).id()).isEqualTo("-0");
        assertThat(EventParser.parseFeedback("{\"id\":-12,\"model\":\"m\",\"label\":-0}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new FeedbackEvent("-12", "m", null, 0.0));
    }

    @Test
    void invalidUtf8IsMalformedWhereJacksonDecodedIt() {
        byte[][] values = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] value : values) {
            for (String slot : List.of("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"a\":\"%s\"}}", "{\"x\":\"%s\",\"id\":\"1\",\"model\":\"m\",\"features\":{}}")) {
                String[] parts = slot.split("%s");
                byte[] json = concat(parts[0].getBytes(StandardCharsets.UTF_8), value, parts[1].getBytes(StandardCharsets.UTF_8));
                assertThat(actual(Kind.FEATURES, json)).isEqualTo(MALFORMED);
            }
        }
    }

    @Test
    void onlyUtf8IsRead() {
        byte[] utf16 = "{\"id\":\"1\",\"model\":\"m\",\"features\":{}}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(reference(Kind.FEATURES, utf16)).startsWith("features"); // Jackson guessed the encoding
        assertThat(actual(Kind.FEATURES, utf16)).isEqualTo(MALFORMED);
    }

    @Test
    void malformedRecordsSayWhatAndWhere() {
        assertThatThrownBy(() -> EventParser.parseFeatures("{\"id\":\"1\",\"model\":x}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("unexpected character 'x' at offset 18, expected a value");
        assertThatThrownBy(() -> EventParser.parseFeatures("{\"id\":\"1\\q\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("invalid escape '\\q' at offset 8");
        assertThatThrownBy(() -> EventParser.parseFeatures("{\"id\":\"1".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("unexpected end of input at offset 8");
        assertThatThrownBy(() -> EventParser.parseFeatures("{\"id\":1}\n,".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("trailing content after the JSON object at offset 9");
    }

    @Test
    void repeatedNamesAndModelsAreTheSameStrings() {
        byte[] json = "{\"id\":\"1\",\"model\":\"churn-v2\",\"features\":{\"age\":1,\"country\":\"IT\"}}".getBytes(StandardCharsets.UTF_8);
        FeatureEvent first = EventParser.parseFeatures(json);
        FeatureEvent second = EventParser.parseFeatures(json.clone());
        assertThat(second.names()[0]).isSameAs(first.names()[0]);
        assertThat(second.names()[1]).isSameAs(first.names()[1]);
        assertThat(second.model()).isSameAs(first.model());
    }

    @Test
    void threadsShareTheNameCache() throws Exception {
        RandomRecords records = new RandomRecords(new Random(7));
        List<byte[]> docs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] json = records.record().getBytes(StandardCharsets.UTF_8);
            docs.add(json);
            expected.add(actual(Kind.FEATURES, json));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        docs.forEach(d -> seen.add(actual(Kind.FEATURES, d)));
                    }
                    return seen;
                }));
            }
            for (Future<List<String>> run : runs) {
                List<String> seen = run.get();
                for (int i = 0; i < seen.size(); i++) {
                    assertThat(seen.get(i)).isEqualTo(expected.get(i % docs.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Stream.of(parts).mapToInt(p -> p.length).sum());
        Stream.of(parts).forEach(b::put);
        return b.array();
    }

    // ---- random records ----

    /** Random records of all three contracts at once, mostly valid, with every kind of JSON value. */
    static final class RandomRecords {
        private static final String[] HARD_NUMBERS = {"2.2250738585072012e-308", "2.2250738585072011e-308", "9007199254740993", "1e23",
                "4.9e-324", "1.7976931348623157e308", "0.1", "0.30000000000000004", "123456789012345678901234567890", "-0", "-0.0", "1e-400",
                "8.41e21", "5e-324", "9.999999999999999e22", "1.00000000000000011102230246251565404236316680908203125"};
        private static final String INTERESTING_BYTES = "\"\\{}[],:0123456789.eE+-tfnu \t\nxé";

        private final Random r;

        RandomRecords(Random r) {
            this.r = r;
        }

        String record() {
            List<String> members = new ArrayList<>();
            if (r.nextInt(10) > 0) {
                members.add(member("id", r.nextInt(10) > 0 ? (r.nextBoolean() ? string(20, false, 1) : digits(1 + r.nextInt(25), true)) : anyValue(1)));
            }
            if (r.nextInt(10) > 0) {
                members.add(member("model", r.nextInt(10) > 0 ? pick("\"churn-v2\"", "\"load-f-1a2b3c4d\"", string(40, false, 1)) : anyValue(1)));
            }
            if (r.nextInt(3) > 0) {
                members.add(member("ts", switch (r.nextInt(5)) {
                    case 0 -> Long.toString(r.nextLong());
                    case 1 -> Long.toString(r.nextLong() % 4_000_000_000_000L);
                    case 2 -> "\"" + Instant.ofEpochMilli(r.nextLong() % 4_000_000_000_000L) + "\"";
                    case 3 -> "null";
                    default -> anyValue(1);
                }));
            }
            if (r.nextInt(10) > 0) {
                StringBuilder f = new StringBuilder("{");
                int n = r.nextInt(25);
                for (int i = 0; i < n; i++) {
                    String name = r.nextInt(3) > 0 ? "\"f" + r.nextInt(30) + "\"" : string(12, true, 0);
                    String value = switch (r.nextInt(20)) {
                        case 0, 1, 2 -> string(15, false, 0);
                        case 3 -> "null";
                        case 4 -> anyValue(2);
                        default -> number();
                    };
                    f.append(i == 0 ? "" : ",").append(space()).append(name).append(space()).append(':').append(space()).append(value).append(space());
                }
                members.add(member("features", f.append('}').toString()));
            }
            for (String label : new String[] {"label", "prediction"}) {
                if (r.nextInt(5) > 0) {
                    members.add(member(label, r.nextInt(20) == 0 ? anyValue(1) : r.nextBoolean() ? string(10, false, 0) : number()));
                }
            }
            if (r.nextInt(3) == 0) {
                StringBuilder s = new StringBuilder("{");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append(string(8, true, 0)).append(':').append(r.nextInt(15) == 0 ? anyValue(1) : number());
                }
                members.add(member("scores", r.nextInt(10) == 0 ? pick("null", anyValue(2)) : s.append('}').toString()));
            }
            if (r.nextInt(3) == 0) {
                members.add(member("source", r.nextInt(10) == 0 ? anyValue(1) : pick("null", string(10, false, 0))));
            }
            for (int i = r.nextInt(4); i > 0; i--) {
                members.add(member(pick("\"extra\"", "\"meta\"", string(10, true, 1)), anyValue(4)));
            }
            if (!members.isEmpty() && r.nextInt(20) == 0) {
                members.add(members.get(r.nextInt(members.size())));
            }
            java.util.Collections.shuffle(members, r);
            return space() + "{" + String.join(",", members) + "}" + space();
        }

        byte corruptByte() {
            return r.nextBoolean() ? (byte) r.nextInt(256) : INTERESTING_BYTES.getBytes(StandardCharsets.UTF_8)[r.nextInt(INTERESTING_BYTES.length())];
        }

        private String member(String name, String value) {
            return space() + (name.startsWith("\"") ? name : "\"" + name + "\"") + space() + ":" + space() + value + space();
        }

        private String space() {
            return r.nextInt(4) > 0 ? "" : pick(" ", "\n", "\t", "\r\n  ", "  ");
        }

        private String pick(String... choices) {
            return choices[r.nextInt(choices.length)];
        }

        String number() {
            if (r.nextInt(20) == 0) {
                return pick(HARD_NUMBERS);
            }
            StringBuilder s = new StringBuilder(r.nextInt(3) == 0 ? "-" : "");
            s.append(r.nextInt(5) == 0 ? "0" : digits(r.nextInt(8) == 0 ? 1 + r.nextInt(30) : 1 + r.nextInt(5), false));
            if (r.nextInt(3) > 0) {
                s.append('.');
                for (int i = r.nextInt(8) == 0 ? 1 + r.nextInt(30) : 1 + r.nextInt(6); i > 0; i--) {
                    s.append((char) ('0' + r.nextInt(10)));
                }
            }
            if (r.nextInt(4) == 0) {
                s.append(pick("e", "E")).append(pick("", "+", "-")).append(r.nextInt(10) == 0 ? "00" : "");
                s.append(r.nextInt(10) == 0 ? r.nextInt(400) : r.nextInt(30));
            }
            return s.toString();
        }

        /** Digits without a leading zero (unless there is one digit and zeroAllowed). */
        private String digits(int n, boolean zeroAllowed) {
            StringBuilder s = new StringBuilder();
            s.append((char) ((n == 1 && zeroAllowed ? '0' : '1') + r.nextInt(n == 1 && zeroAllowed ? 10 : 9)));
            for (int i = 1; i < n; i++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
            return s.toString();
        }

        /** A JSON string of up to max characters: escapes of every kind, multi-byte characters, lone surrogates outside names. */
        String string(int max, boolean name, int min) {
            StringBuilder s = new StringBuilder("\"");
            for (int i = min + r.nextInt(max + 1 - min); i > 0; i--) {
                switch (r.nextInt(14)) {
                    case 0 -> s.append(pick("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"));
                    case 1 -> s.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", r.nextInt(0xD800)));
                    case 2 -> {
                        int cp = 0x10000 + r.nextInt(0x100000);
                        if (r.nextBoolean()) {
                            s.appendCodePoint(cp);
                        } else {
                            s.append(String.format("\\u%04x\\u%04X", (int) Character.highSurrogate(cp), (int) Character.lowSurrogate(cp)));
                        }
                    }
                    case 3 -> s.append(pick("é", "ñ", "€", "中", "ß", "\u00a0", "\u2028", "\uFFFD", "\u07FF", "\u0800"));
                    case 4 -> s.append(name ? "n" : String.format("\\u%04x", 0xD800 + r.nextInt(0x800)));
                    case 5 -> s.appendCodePoint(0x80 + r.nextInt(0xD800 - 0x80));
                    default -> {
                        char c = (char) (0x20 + r.nextInt(0x5F));
                        s.append(c == '"' || c == '\\' ? 'q' : c);
                    }
                }
            }
            return s.append('"').toString();
        }

        /** Any JSON value, nested up to depth. */
        String anyValue(int depth) {
            switch (r.nextInt(depth > 0 ? 8 : 6)) {
                case 0 -> {
                    return string(8, false, 0);
                }
                case 1, 2 -> {
                    return number();
                }
                case 3 -> {
                    return pick("true", "false");
                }
                case 4, 5 -> {
                    return "null";
                }
                case 6 -> {
                    StringBuilder a = new StringBuilder("[");
                    for (int i = r.nextInt(4); i > 0; i--) {
                        a.append(anyValue(depth - 1)).append(i > 1 ? "," : "");
                    }
                    return a.append(']').toString();
                }
                default -> {
                    StringBuilder o = new StringBuilder("{");
                    for (int i = r.nextInt(4); i > 0; i--) {
                        o.append(string(6, true, 0)).append(':').append(anyValue(depth - 1)).append(i > 1 ? "," : "");
                    }
                    return o.append('}').toString();
                }
            }
        }
    }
}
