package io.driftline.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Parses and validates the three input contracts of DESIGN.md with a streaming parser (no tree, no
 * reflection) because it runs once per record on the hot path. Unknown top-level fields are ignored so
 * producers can add fields; a wrong type or a missing required field is an {@link InvalidRecordException}.
 */
public final class EventParser {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    private static final int MAX_FEATURES = 10_000;

    private EventParser() {
    }

    public static FeatureEvent parseFeatures(byte[] json) {
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
            throw malformed(e);
        }
    }

    public static PredictionEvent parsePrediction(byte[] json) {
        Labelled l = parseLabelled(json, "prediction", true);
        return new PredictionEvent(l.id, l.model, l.label, l.value, l.source);
    }

    public static FeedbackEvent parseFeedback(byte[] json) {
        Labelled l = parseLabelled(json, "label", false);
        return new FeedbackEvent(l.id, l.model, l.label, l.value);
    }

    /** The shared shape of predictions and feedback: id, model, and a class label (string) or a number. */
    private static final class Labelled {
        String id;
        String model;
        String label;
        double value = Double.NaN;
        boolean hasLabel;
        String source;
    }

    private static Labelled parseLabelled(byte[] json, String labelField, boolean prediction) {
        try (JsonParser p = open(json)) {
            Labelled l = new Labelled();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("id")) {
                    l.id = idValue(p, t);
                } else if (field.equals("model")) {
                    l.model = modelValue(p, t);
                } else if (field.equals(labelField)) {
                    if (t == JsonToken.VALUE_STRING) {
                        l.label = p.getText();
                    } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        l.value = p.getDoubleValue();
                    } else {
                        throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'" + labelField + "' must be a string or a number");
                    }
                    l.hasLabel = true;
                } else if (prediction && field.equals("scores")) {
                    checkScores(p, t);
                } else if (prediction && field.equals("source")) {
                    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                        throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'source' must be a string");
                    }
                    l.source = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            end(p);
            require(l.id, "id");
            require(l.model, "model");
            if (!l.hasLabel) {
                throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "'" + labelField + "' is required");
            }
            return l;
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static void checkScores(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'scores' must be an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken s = p.nextToken();
            if (s != JsonToken.VALUE_NUMBER_INT && s != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'scores' values must be numbers");
            }
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

    private static InvalidRecordException malformed(IOException e) {
        String m = e.getMessage() == null ? "malformed JSON" : e.getMessage().split("\n")[0];
        return new InvalidRecordException(InvalidRecordException.MALFORMED_JSON, m);
    }
}
