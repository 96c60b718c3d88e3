package io.driftline.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.error.InvalidInputException;
import io.driftline.monitor.MonitorSpec.DetectorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Streaming readers of a detector backtest's values: the JSON body read token by token, and text with one
 * value per line read byte by byte. Neither holds the values: each is handed to a sink as soon as it is read.
 */
final class BacktestValues {
    /** Values that may precede {@code "detector"} in a JSON body; they are buffered until the detector is known. */
    static final int MAX_BUFFERED = 2_000_000;
    /** Longest line of a text body; a number never needs more. */
    static final int MAX_LINE = 64;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private BacktestValues() {
    }

    /**
     * Reads {@code {"detector":{…},"values":[…]}}. When the detector config has been read, {@code start} turns it
     * into the sink that takes every value; values seen before it are buffered (at most {@link #MAX_BUFFERED}).
     *
     * @return the number of values read
     */
    static long readJson(ObjectMapper mapper, InputStream body, Function<DetectorConfig, DoubleConsumer> start) throws IOException {
        try (JsonParser p = mapper.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("body", "must be a JSON object {\"detector\":{…},\"values\":[…]}");
            }
            DoubleConsumer sink = null;
            double[] buffered = null;
            int bufferedCount = 0;
            long count = -1;
            boolean sawDetector = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t == null) {
                    throw new InvalidInputException("body", "ends before the closing '}'");
                }
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("detector".equals(field)) {
                    if (sawDetector) {
                        throw new InvalidInputException("detector", "appears twice");
                    }
                    sawDetector = true;
                    sink = start.apply(detectorConfig(mapper, p.readValueAsTree()));
                    for (int i = 0; i < bufferedCount; i++) {
                        sink.accept(buffered[i]);
                    }
                    buffered = null;
                } else if ("values".equals(field)) {
                    if (count >= 0) {
                        throw new InvalidInputException("values", "appears twice");
                    }
                    if (value != JsonToken.START_ARRAY) {
                        throw new InvalidInputException("values", "must be an array of numbers");
                    }
                    count = 0;
                    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                            throw new InvalidInputException("values[" + count + "]", "must be a number, was " + describe(v));
                        }
                        double x = p.getDoubleValue();
                        if (!Double.isFinite(x)) {
                            throw new InvalidInputException("values[" + count + "]", "must be a finite number, was " + p.getText());
                        }
                        if (sink != null) {
                            sink.accept(x);
                        } else {
                            if (bufferedCount == MAX_BUFFERED) {
                                throw new InvalidInputException("values", "more than " + MAX_BUFFERED
                                        + " values come before \"detector\"; put \"detector\" first to stream any number of values");
                            }
                            if (buffered == null || bufferedCount == buffered.length) {
                                buffered = buffered == null ? new double[1024] : Arrays.copyOf(buffered, Math.min(MAX_BUFFERED, buffered.length * 2));
                            }
                            buffered[bufferedCount++] = x;
                        }
                        count++;
                    }
                } else {
                    throw new InvalidInputException(field, "unknown field; the body holds \"detector\" and \"values\"");
                }
            }
            if (p.nextToken() != null) {
                throw new InvalidInputException("body", "holds more than one JSON value");
            }
            if (!sawDetector) {
                throw new InvalidInputException("detector", "is required");
            }
            if (count < 0) {
                throw new InvalidInputException("values", "is required");
            }
            return count;
        }
    }

    private static DetectorConfig detectorConfig(ObjectMapper mapper, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("detector", "must be an object {\"type\":\"…\",\"params\":{…}}");
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("type") && !name.equals("params")) {
                throw new InvalidInputException("detector." + name, "unknown field; a detector config holds \"type\" and \"params\"");
            }
        }
        JsonNode type = node.get("type");
        if (type == null || type.isNull()) {
            throw new InvalidInputException("detector.type", "is required");
        }
        if (!type.isTextual()) {
            throw new InvalidInputException("detector.type", "must be a string");
        }
        JsonNode params = node.get("params");
        Map<String, Object> map = new LinkedHashMap<>();
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                throw new InvalidInputException("detector.params", "must be an object");
            }
            params.fields().forEachRemaining(e -> map.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
        }
        return new DetectorConfig(type.asText(), map);
    }

    /**
     * Reads one value per line (UTF-8 or ASCII, {@code \n} or {@code \r\n}); blank lines are skipped, and a line
     * that is not a finite decimal number is an error naming its 1-based line number.
     *
     * @return the number of values read
     */
    static long readLines(InputStream body, DoubleConsumer sink) throws IOException {
        byte[] buf = new byte[1 << 16];
        char[] line = new char[MAX_LINE];
        int len = 0;
        boolean tooLong = false;
        long lineNumber = 1;
        long count = 0;
        for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    count += acceptLine(line, len, tooLong, lineNumber, sink);
                    len = 0;
                    tooLong = false;
                    lineNumber++;
                } else if (len < MAX_LINE) {
                    line[len++] = (char) (b & 0xff);
                } else {
                    tooLong = true;
                }
            }
        }
        count += acceptLine(line, len, tooLong, lineNumber, sink);
        return count;
    }

    private static int acceptLine(char[] line, int len, boolean tooLong, long lineNumber, DoubleConsumer sink) {
        int start = 0;
        int end = len;
        while (start < end && line[start] <= ' ') {
            start++;
        }
        while (end > start && line[end - 1] <= ' ') {
            end--;
        }
        if (tooLong) {
            throw new InvalidInputException("line " + lineNumber, "is longer than " + MAX_LINE + " characters; one number per line");
        }
        if (start == end) {
            return 0;
        }
        String text = new String(line, start, end - start);
        if (!NUMBER.matcher(text).matches()) {
            throw new InvalidInputException("line " + lineNumber, "is not a number: '" + text + "'");
        }
        double x = Double.parseDouble(text);
        if (!Double.isFinite(x)) {
            throw new InvalidInputException("line " + lineNumber, "is not a finite number: '" + text + "'");
        }
        sink.accept(x);
        return 1;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> String.valueOf(t);
        };
    }
}
