package io.driftline.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.driftline.stream.EventParser;
import io.driftline.stream.FeatureEvent;
import io.driftline.stream.InvalidRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time and garbage per feature record of {@link EventParser} against the Jackson streaming parser it replaced (kept
 * here, features only, as the reference), on records like the load harness's: an id, a model, epoch millis and ten
 * numbers with three decimals. Run: {@code scripts/jmh EventParserBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventParserBenchmark {
    private byte[][] records;
    private int next;

    @Setup
    public void records() {
        Random random = new Random(20_251_124L);
        records = new byte[64][];
        for (int r = 0; r < records.length; r++) {
            StringBuilder json = new StringBuilder("{\"id\":\"" + (123_456 + r) + "\",\"model\":\"load-f-1a2b3c4d\",\"ts\":" + (1_764_000_000_000L + r)
                    + ",\"features\":{");
            for (int f = 0; f < 10; f++) {
                json.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":").append(10 + f).append('.').append(100 + random.nextInt(900));
            }
            records[r] = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private byte[] nextRecord() {
        next = (next + 1) & (records.length - 1);
        return records[next];
    }

    @Benchmark
    public FeatureEvent handWritten() {
        return EventParser.parseFeatures(nextRecord());
    }

    @Benchmark
    public FeatureEvent jackson() {
        return JacksonReference.parseFeatures(nextRecord());
    }

    /** The previous EventParser.parseFeatures (Jackson 2 streaming) as it was, for comparison in the same JVM. */
    private static final class JacksonReference {
        private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
        private static final int MAX_FEATURES = 10_000;

        static FeatureEvent parseFeatures(byte[] json) {
            try (JsonParser p = open(json)) {
                String id = null;
                String model = null;
                long ts = -1;
                String[] names = new String[16];
                double[] numbers = new double[16];
                String[] strings = new String[16];
                int size = -1;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "id" -> id = idValue(p, value);
                        case "model" -> model = modelValue(p, value);
                        case "ts" -> ts = timestamp(p, value);
                        case "features" -> {
                            if (value != JsonToken.START_OBJECT) {
                                throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'features' must be an object");
                            }
                            size = 0;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                if (size == MAX_FEATURES) {
                                    throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "more than " + MAX_FEATURES + " features");
                                }
                                if (size == names.length) {
                                    names = Arrays.copyOf(names, size * 2);
                                    numbers = Arrays.copyOf(numbers, size * 2);
                                    strings = Arrays.copyOf(strings, size * 2);
                                }
                                String name = p.currentName();
                                JsonToken t = p.nextToken();
                                names[size] = name;
                                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                                    numbers[size] = p.getDoubleValue();
                                    strings[size] = null;
                                } else if (t == JsonToken.VALUE_STRING) {
                                    numbers[size] = Double.NaN;
                                    strings[size] = p.getText();
                                } else if (t == JsonToken.VALUE_NULL) {
                                    numbers[size] = Double.NaN;
                                    strings[size] = null;
                                } else {
                                    throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE,
                                            "feature '" + name + "' must be a number, a string or null");
                                }
                                size++;
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                end(p);
                require(id, "id");
                require(model, "model");
                if (size < 0) {
                    throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "'features' is required");
                }
                return new FeatureEvent(id, model, ts, names, numbers, strings, size);
            } catch (IOException e) {
                String m = e.getMessage() == null ? "malformed JSON" : e.getMessage().split("\n")[0];
                throw new InvalidRecordException(InvalidRecordException.MALFORMED_JSON, m);
            }
        }

        private static JsonParser open(byte[] json) throws IOException {
            if (json == null || json.length == 0) {
                throw new InvalidRecordException(InvalidRecordException.MALFORMED_JSON, "empty record");
            }
            JsonParser p = JSON.createParser(json);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException(InvalidRecordException.MALFORMED_JSON, "a record must be one JSON object");
            }
            return p;
        }

        private static void end(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidRecordException(InvalidRecordException.MALFORMED_JSON, "trailing content after the JSON object");
            }
        }

        private static String idValue(JsonParser p, JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
                String s = p.getText();
                if (s.isEmpty() || s.length() > 256) {
                    throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "'id' must have 1 to 256 characters");
                }
                return s;
            }
            throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'id' must be a string");
        }

        private static String modelValue(JsonParser p, JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_STRING) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'model' must be a string");
            }
            String s = p.getText();
            if (s.isEmpty() || s.length() > 63) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "'model' must have 1 to 63 characters");
            }
            return s;
        }

        private static long timestamp(JsonParser p, JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                try {
                    return Instant.parse(p.getText()).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "'ts' must be ISO-8601 or epoch millis");
                }
            }
            if (t == JsonToken.VALUE_NULL) {
                return -1;
            }
            throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'ts' must be ISO-8601 or epoch millis");
        }

        private static void require(String value, String field) {
            if (value == null) {
                throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "'" + field + "' is required");
            }
        }
    }
}
