package io.driftline.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Parses and validates the three input contracts of DESIGN.md. Unknown top-level fields are ignored so producers
 * can add fields; a wrong type or a missing required field is an {@link InvalidRecordException}.
 *
 * <p>Hand-written because it runs once per record on the consumer's hot path, where Jackson's streaming parser was
 * ~45 % of the CPU: one pass over the UTF-8 bytes, no tokens or buffers, cached names, names arrays shared between
 * events of one layout, names recognised from the previous event's layout (its scratch arrays untouched while they
 * are), and fast exact doubles. On a ten-feature record it takes ~265 ns and 264 B against Jackson's ~510 ns and
 * 1,192 B ({@code EventParserBenchmark}, 2-core AMD EPYC VM, 2026-11-29; ~285 ns while every name and value was also
 * written to the scratch arrays, ~310-335 ns before the layout prediction). It accepts and rejects
 * what Jackson 2.21 did with its default features and limits, in the same order ({@code EventParserDifferentialTest}),
 * except that invalid UTF-8 is always malformed and the input is always UTF-8 (Jackson also guessed UTF-16 and
 * UTF-32).
 */
public final class EventParser {
    private static final int MAX_FEATURES = 10_000;
    // Jackson's default StreamReadConstraints, kept so that the same records pass
    private static final int MAX_DEPTH = 1000;
    private static final int MAX_NUMBER_DIGITS = 1000;
    private static final int MAX_NAME_BYTES = 50_000;
    private static final int MAX_STRING_CHARS = 20_000_000;

    // what value() found; a string's characters are read (or skipped) afterwards, as Jackson did
    private static final int STRING = 0, INT = 1, FLOAT = 2, NULL = 3, TRUE = 4, FALSE = 5, OBJECT = 6, ARRAY = 7;

    /** The powers of ten that doubles hold exactly: a short significand times or over one is correctly rounded. */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Decoded names (and model ids) by their UTF-8 bytes, so that the same names do not make new strings every
     * record. Fixed size, so hostile names only evict each other; entries are immutable (final fields), so the event
     * loop and REST workers share the table without locks, at worst missing a racing write.
     */
    private record Cached(byte[] utf8, String text) {
        boolean matches(byte[] in, int start, int end) {
            if (utf8.length != end - start) {
                return false;
            }
            for (int i = 0; i < utf8.length; i++) { // names are short: a loop beats Arrays.equals here
                if (utf8[i] != in[start + i]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the string at the parser's position (past its opening quote) is this one, closing quote included;
         * if so the parser steps past it. The same bytes are the same string: they were checked when cached.
         */
        boolean at(EventParser p) {
            byte[] in = p.in;
            int start = p.pos;
            int end = start + utf8.length;
            if (end >= in.length || in[end] != '"' || !matches(in, start, end)) {
                return false;
            }
            p.pos = end + 1;
            return true;
        }
    }

    private static final int MAX_CACHED_BYTES = 64;
    private static final Cached[] CACHE = new Cached[1024];

    private final byte[] in;
    private int pos;
    // the last number scanned
    private int numStart, numEnd, numDigits, numExponent;
    private long numSignificand;
    private boolean numNegative, numInt;
    // predictions and feedback
    private String id, model, label, source;
    private double value = Double.NaN;
    private boolean hasLabel;

    private EventParser(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidRecordException(InvalidRecordException.MALFORMED_JSON, "empty record");
        }
        in = json;
        if (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF) {
            pos = 3; // a byte order mark, which Jackson skipped
        }
        if (whitespace() != '{') {
            throw new InvalidRecordException(InvalidRecordException.MALFORMED_JSON,
                    "a record must be one JSON object, found " + found() + " at offset " + pos);
        }
        pos++;
    }

    /** The event of {@code stream} in {@code json}: the one place that maps a stream to its parser. */
    public static InputEvent parse(InputStream stream, byte[] json) {
        return parse(stream, json, null);
    }

    /**
     * As {@link #parse(InputStream, byte[])}, with feature objects parsed into {@code scratch}: the input path's two
     * parsing threads each hold one, because a thread local's lookup on the event loop's thread (which carries many)
     * was ~6 % of its time at 1.5 million records/s. Null: this thread's own.
     */
    public static InputEvent parse(InputStream stream, byte[] json, Scratch scratch) {
        return switch (stream) {
            case FEATURES -> parseFeatures(json, scratch);
            case PREDICTIONS -> parsePrediction(json);
            case FEEDBACK -> parseFeedback(json);
        };
    }

    public static FeatureEvent parseFeatures(byte[] json) {
        return parseFeatures(json, null);
    }

    private static FeatureEvent parseFeatures(byte[] json, Scratch scratch) {
        return new EventParser(json).features(scratch != null ? scratch : SCRATCH.get());
    }

    public static PredictionEvent parsePrediction(byte[] json) {
        EventParser p = new EventParser(json);
        p.labelled("prediction", true);
        return new PredictionEvent(p.id, p.model, p.label, p.value, p.source);
    }

    public static FeedbackEvent parseFeedback(byte[] json) {
        EventParser p = new EventParser(json);
        p.labelled("label", false);
        return new FeedbackEvent(p.id, p.model, p.label, p.value);
    }

    private FeatureEvent features(Scratch scratch) {
        String id = null;
        String model = null;
        long ts = -1;
        String[] names = scratch.names;
        Cached[] entries = scratch.entries;
        Layout layout = lastLayout;
        int hits = 0;
        double[] numbers = scratch.numbers;
        String[] strings = scratch.strings;
        boolean anyString = false;
        int size = -1;
        for (boolean more = member(true); more; more = member(false)) {
            String field = name();
            int t = fieldValue();
            switch (field) {
                case "id" -> id = idValue(t);
                case "model" -> model = modelValue(t);
                case "ts" -> ts = timestamp(t);
                case "features" -> {
                    if (t != OBJECT) {
                        throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'features' must be an object");
                    }
                    size = 0;
                    hits = 0; // a repeated "features" member replaces the earlier one
                    anyString = false;
                    for (boolean next = member(true); next; next = member(false)) {
                        Cached expected = size < layout.names.length ? layout.entries[size] : null;
                        Cached entry;
                        String name;
                        boolean hit = expected != null && expected.at(this);
                        if (hit) {
                            entry = expected;
                            name = expected.text;
                            hits++;
                        } else {
                            entry = entry(true);
                            name = entry != null ? entry.text : string(true, true);
                        }
                        int v = fieldValue();
                        if (size == MAX_FEATURES) {
                            throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "more than " + MAX_FEATURES + " features");
                        }
                        if (size == names.length) {
                            names = scratch.names = Arrays.copyOf(names, size * 2);
                            entries = scratch.entries = Arrays.copyOf(entries, size * 2);
                            numbers = scratch.numbers = Arrays.copyOf(numbers, size * 2);
                            strings = scratch.strings = Arrays.copyOf(strings, size * 2);
                        }
                        // While every name is the layout's, in its order, the scratch arrays are not written (reference
                        // stores into them cost a GC barrier each); the first other name copies the layout's before it.
                        if (hits != size + 1) {
                            if (!hit && hits == size) {
                                System.arraycopy(layout.names, 0, names, 0, size);
                                System.arraycopy(layout.entries, 0, entries, 0, size);
                            }
                            names[size] = name;
                            entries[size] = entry;
                        }
                        // likewise the strings column is written only once a string feature has appeared
                        if (v == INT || v == FLOAT) {
                            numbers[size] = doubleValue();
                            if (anyString) {
                                strings[size] = null;
                            }
                        } else if (v == STRING) {
                            numbers[size] = Double.NaN;
                            if (!anyString) {
                                Arrays.fill(strings, 0, size, null);
                                anyString = true;
                            }
                            strings[size] = string(false, true);
                        } else if (v == NULL) {
                            numbers[size] = Double.NaN;
                            if (anyString) {
                                strings[size] = null;
                            }
                        } else {
                            throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE,
                                    "feature '" + name + "' must be a number, a string or null");
                        }
                        size++;
                    }
                }
                default -> skip(t, 2);
            }
        }
        end();
        require(id, "id");
        require(model, "model");
        if (size < 0) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "'features' is required");
        }
        String[] shared;
        if (hits == size && size == layout.names.length) {
            shared = layout.names;
        } else {
            boolean layoutPrefix = hits == size; // the layout's first names only: the scratch arrays hold none of them
            shared = Arrays.copyOf(layoutPrefix ? layout.names : names, size);
            lastLayout = new Layout(shared, Arrays.copyOf(layoutPrefix ? layout.entries : entries, size));
        }
        return new FeatureEvent(id, model, ts, shared, Arrays.copyOf(numbers, size),
                anyString ? Arrays.copyOf(strings, size) : noStrings(size), size);
    }

    /**
     * The arrays a feature object is parsed into, copied out at its exact size: for one thread at a time, each
     * parsing thread its own.
     */
    public static final class Scratch {
        String[] names = new String[16];
        Cached[] entries = new Cached[16];
        double[] numbers = new double[16];
        String[] strings = new String[16];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * The feature names of the last feature event, in order, with their cache entries. The next event of a model
     * usually has the same names in the same order, so each name is recognised by comparing its bytes with the entry
     * at its position, without hashing it; and an event whose names are all the layout's shares its names array
     * (never written), which saves an array per record and lets a monitor recognise a layout it has already mapped by
     * identity. A name that is not cached (escapes, long) has no entry and is decoded. Immutable: racing threads at
     * worst miss and make a new one.
     */
    private record Layout(String[] names, Cached[] entries) {
    }

    private static volatile Layout lastLayout = new Layout(new String[0], new Cached[0]);
    /** The last model id read, checked before the cache for the same reason. */
    private static volatile Cached lastModel = new Cached(new byte[0], "");
    private static volatile String[] lastNoStrings = new String[0];

    /** An all-null categorical column (no string feature), shared and never written. */
    private static String[] noStrings(int size) {
        String[] last = lastNoStrings;
        if (last.length == size) {
            return last;
        }
        String[] nulls = new String[size];
        lastNoStrings = nulls;
        return nulls;
    }

    /** The shared shape of predictions and feedback: id, model, and a class label (string) or a number. */
    private void labelled(String labelField, boolean prediction) {
        for (boolean more = member(true); more; more = member(false)) {
            String field = name();
            int t = fieldValue();
            if (field.equals("id")) {
                id = idValue(t);
            } else if (field.equals("model")) {
                model = modelValue(t);
            } else if (field.equals(labelField)) {
                if (t == STRING) {
                    label = string(false, true);
                } else if (t == INT || t == FLOAT) {
                    value = doubleValue();
                } else {
                    throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'" + labelField + "' must be a string or a number");
                }
                hasLabel = true;
            } else if (prediction && field.equals("scores")) {
                checkScores(t);
            } else if (prediction && field.equals("source")) {
                if (t != STRING && t != NULL) {
                    throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'source' must be a string");
                }
                source = t == STRING ? string(false, true) : null;
            } else {
                skip(t, 2);
            }
        }
        end();
        require(id, "id");
        require(model, "model");
        if (!hasLabel) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "'" + labelField + "' is required");
        }
    }

    private void checkScores(int t) {
        if (t == NULL) {
            return;
        }
        if (t != OBJECT) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'scores' must be an object");
        }
        for (boolean more = member(true); more; more = member(false)) {
            string(true, false);
            int s = fieldValue();
            if (s != INT && s != FLOAT) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'scores' values must be numbers");
            }
        }
    }

    private String idValue(int t) {
        if (t == STRING || t == INT) {
            String s = t == STRING ? string(false, true) : new String(in, numStart, numEnd - numStart, StandardCharsets.ISO_8859_1);
            if (s.isEmpty() || s.length() > 256) {
                throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "'id' must have 1 to 256 characters");
            }
            return s;
        }
        throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'id' must be a string");
    }

    private String modelValue(int t) {
        if (t != STRING) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'model' must be a string");
        }
        Cached last = lastModel;
        String s;
        if (last.at(this)) {
            s = last.text;
        } else {
            Cached entry = entry(false);
            if (entry != null) {
                lastModel = entry;
                s = entry.text;
            } else {
                s = string(false, true);
            }
        }
        if (s.isEmpty() || s.length() > 63) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "'model' must have 1 to 63 characters");
        }
        return s;
    }

    private long timestamp(int t) {
        if (t == INT) {
            return longValue();
        }
        if (t == STRING) {
            try {
                return Instant.parse(string(false, true)).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) { // Arithmetic: beyond the epoch-millis range
                throw new InvalidRecordException(InvalidRecordException.INVALID_VALUE, "'ts' must be ISO-8601 or epoch millis");
            }
        }
        if (t == NULL) {
            return -1;
        }
        throw new InvalidRecordException(InvalidRecordException.INVALID_TYPE, "'ts' must be ISO-8601 or epoch millis");
    }

    private static void require(String value, String field) {
        if (value == null) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "'" + field + "' is required");
        }
    }

    // ---- the JSON grammar (RFC 8259) ----

    /** Steps to the next member of an object: true past the opening quote of its name, false past the closing brace. */
    private boolean member(boolean first) {
        int c = whitespace();
        if (c == '}') {
            pos++;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw unexpected("',' or '}'");
            }
            pos++;
            c = whitespace();
        }
        if (c != '"') {
            throw unexpected("a field name");
        }
        pos++;
        return true;
    }

    /** Steps to the next element of an array: its type as {@link #value()}, or -1 past the closing bracket. */
    private int element(boolean first) {
        int c = whitespace();
        if (c == ']') {
            pos++;
            return -1;
        }
        if (!first) {
            if (c != ',') {
                throw unexpected("',' or ']'");
            }
            pos++;
        }
        return value();
    }

    /** The colon after a name, then {@link #value()}. */
    private int fieldValue() {
        if (whitespace() != ':') {
            throw unexpected("':'");
        }
        pos++;
        return value();
    }

    /**
     * Reads the start of a value and returns its type: numbers and literals are read whole, objects and arrays up
     * to their first byte, strings up to their opening quote (the caller reads or skips the rest).
     */
    private int value() {
        int c = whitespace();
        if (c == '"' || c == '{' || c == '[') {
            pos++;
            return c == '"' ? STRING : c == '{' ? OBJECT : ARRAY;
        }
        if (c == 't' || c == 'f' || c == 'n') {
            return c == 't' ? literal("true", TRUE) : c == 'f' ? literal("false", FALSE) : literal("null", NULL);
        }
        if (c == '-' || isDigit(c)) {
            return number();
        }
        throw unexpected("a value");
    }

    private int literal(String word, int type) {
        int start = pos;
        for (int i = 0; i < word.length(); i++, pos++) {
            if (peek() != word.charAt(i)) {
                pos = start;
                throw malformed("invalid token, expected '" + word + "'");
            }
        }
        // like Jackson, a letter or digit straight after the word makes it an unknown token such as 'truex'
        int c = peek();
        if (c >= 0x80 || c >= '0' && c != ']' && c != '}' && Character.isJavaIdentifierPart(c)) {
            throw malformed("invalid token, expected '" + word + "'");
        }
        return type;
    }

    /** Skips a value of the given type whose start {@link #value()} read; depth is the nesting it opens. */
    private void skip(int type, int depth) {
        if (type == STRING) {
            string(false, false);
        } else if (type == OBJECT || type == ARRAY) {
            if (depth > MAX_DEPTH) {
                throw malformed("nesting deeper than " + MAX_DEPTH + " levels");
            }
            if (type == OBJECT) {
                for (boolean more = member(true); more; more = member(false)) {
                    string(true, false);
                    skip(fieldValue(), depth + 1);
                }
            } else {
                for (int t = element(true); t >= 0; t = element(false)) {
                    skip(t, depth + 1);
                }
            }
        }
    }

    private void end() {
        if (whitespace() >= 0) {
            throw malformed("trailing content after the JSON object");
        }
    }

    private int whitespace() {
        byte[] in = this.in;
        for (int p = pos; p < in.length; p++) {
            int b = in[p];
            if (b > ' ' || b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                pos = p;
                return b & 0xFF;
            }
        }
        pos = in.length;
        return -1;
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xFF : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    // ---- numbers ----

    /**
     * Reads a number whole, checking the grammar and Jackson's length limit, and keeps what {@link #doubleValue()}
     * and {@link #longValue()} need: the sign, the first 18 significant digits, the count of digits and the power
     * of ten.
     */
    private int number() {
        int p = pos;
        numStart = p;
        numNegative = in[p] == '-';
        numSignificand = 0;
        numDigits = 0;
        numExponent = 0;
        pos = numNegative ? p + 1 : p;
        if (digits() == 0) {
            throw unexpected("a digit");
        }
        if (in[pos - numDigits] == '0' && numDigits > 1) {
            pos -= numDigits;
            throw malformed("leading zero in a number");
        }
        numInt = true;
        int c = peek();
        if (c == '.') {
            pos++;
            numInt = false;
            numExponent = -digits();
            if (numExponent == 0) {
                throw unexpected("a digit after the decimal point");
            }
            c = peek();
        }
        int length = numDigits;
        if ((c | 0x20) == 'e') {
            numInt = false;
            length += exponent();
        }
        if (length > MAX_NUMBER_DIGITS) {
            throw malformed("number longer than " + MAX_NUMBER_DIGITS + " digits");
        }
        numEnd = pos;
        return numInt ? INT : FLOAT;
    }

    /** Reads digits into the significand (the first 18 are enough for the fast paths) and returns how many. */
    private int digits() {
        byte[] in = this.in;
        int p = pos;
        int d = numDigits;
        long significand = numSignificand;
        for (int c; p < in.length && (c = in[p] - '0') >= 0 && c <= 9; p++) {
            significand = d++ < 18 ? significand * 10 + c : significand;
        }
        int n = p - pos;
        pos = p;
        numDigits = d;
        numSignificand = significand;
        return n;
    }

    /** Reads the exponent part of a number, from its 'e', into numExponent, and returns how many digits it has. */
    private int exponent() {
        pos++;
        boolean negative = peek() == '-';
        if (negative || peek() == '+') {
            pos++;
        }
        int start = pos;
        int e = 0;
        for (int c; isDigit(c = peek()); pos++) {
            e = Math.min(e * 10 + c - '0', 1_000_000); // far beyond any double: parseDouble gives 0 or Infinity
        }
        if (pos == start) {
            throw unexpected("a digit in the exponent");
        }
        numExponent += negative ? -e : e;
        return pos - start;
    }

    /** The last number as the correctly rounded double that Double.parseDouble gives, but "-0" is 0.0 as in Jackson. */
    private double doubleValue() {
        if (numInt && numDigits <= 18) {
            return numNegative ? -numSignificand : numSignificand;
        }
        if (!numInt && numDigits <= 15 && numExponent >= -22 && numExponent <= 22) {
            // both operands exact, so the one rounding is the correct one (Clinger's fast path)
            double d = numExponent >= 0 ? numSignificand * POW10[numExponent] : numSignificand / POW10[-numExponent];
            return numNegative ? -d : d;
        }
        return Double.parseDouble(new String(in, numStart, numEnd - numStart, StandardCharsets.US_ASCII));
    }

    /** The last number, an integer, as a long; beyond the range of long it is malformed, as in Jackson. */
    private long longValue() {
        if (numDigits <= 18) {
            return numNegative ? -numSignificand : numSignificand;
        }
        try {
            return Long.parseLong(new String(in, numStart, numEnd - numStart, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            pos = numStart;
            throw malformed("number out of the range of long");
        }
    }

    // ---- strings ----

    /** A name, past its opening quote. */
    private String name() {
        return cached(true);
    }

    /** A string without escapes and not longer than MAX_CACHED_BYTES comes from the cache; others are decoded. */
    private String cached(boolean name) {
        Cached entry = entry(name);
        return entry != null ? entry.text : string(name, true);
    }

    /**
     * The cache entry of the string at pos (past its opening quote), added if missing, with pos past its closing
     * quote; null, pos unchanged, for a string the cache does not take (escapes, control characters, longer than
     * MAX_CACHED_BYTES, or unterminated: {@link #string} then reads it or reports why not).
     */
    private Cached entry(boolean name) {
        byte[] in = this.in;
        int start = pos;
        int end = start;
        int h = 0;
        for (int b; end < in.length && (b = in[end]) != '"'; end++) {
            if (b == '\\' || b >= 0 && b < 0x20) {
                return null;
            }
            h = Integer.rotateLeft(h, 5) ^ b;
        }
        if (end == in.length || end - start > MAX_CACHED_BYTES) {
            return null;
        }
        int slot = (h ^ h >>> 10 ^ h >>> 20) & (CACHE.length - 1);
        Cached c = CACHE[slot];
        if (c != null && c.matches(in, start, end)) {
            pos = end + 1;
            return c;
        }
        String s = string(name, true); // checks the UTF-8 before the bytes stand for the string
        c = new Cached(Arrays.copyOfRange(in, start, end), s);
        CACHE[slot] = c;
        return c;
    }

    /**
     * Reads a string past its opening quote and returns it, or only checks it (null) unless decode. Names have
     * Jackson's rules: a length limit, whole surrogate pairs; other strings have its length limit when decoded.
     */
    private String string(boolean name, boolean decode) {
        byte[] in = this.in;
        int start = pos;
        int end = start;
        int b = 0;
        while (end < in.length && (b = in[end]) != '"' && b >= 0x20 && b != '\\') { // ASCII without escapes: a byte is a character
            end++;
        }
        StringBuilder out = null;
        int utf8;
        if (end < in.length && b == '"') {
            utf8 = end - start;
            pos = end + 1;
        } else { // an escape, a control character or a multi-byte character (negative)
            out = decode ? new StringBuilder(Math.min(in.length - start, 64)) : null;
            pos = start;
            utf8 = scan(out, name);
        }
        int chars = !decode ? 0 : out != null ? out.length() : utf8;
        if (name ? utf8 > MAX_NAME_BYTES : chars > MAX_STRING_CHARS) {
            pos = start;
            throw malformed(name ? "name longer than " + MAX_NAME_BYTES + " bytes" : "string longer than " + MAX_STRING_CHARS + " characters");
        }
        return !decode ? null : out != null ? out.toString() : new String(in, start, utf8, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads a string past its opening quote and past its closing one, appending its characters to out unless it is
     * null, and returns its length in UTF-8. Escapes, control characters and the UTF-8 are checked strictly.
     */
    private int scan(StringBuilder out, boolean name) {
        int utf8 = 0;
        for (int b; (b = byteAt(pos)) != '"';) {
            if (b == '\\') {
                char c = escape();
                if (name && Character.isSurrogate(c)) { // Jackson takes lone surrogates in values but not in names
                    if (Character.isLowSurrogate(c) || peek() != '\\' || pos + 1 >= in.length || in[pos + 1] != 'u') {
                        throw malformed("broken surrogate pair in a name");
                    }
                    char low = escape();
                    if (!Character.isLowSurrogate(low)) {
                        throw malformed("broken surrogate pair in a name");
                    }
                    append(out, c);
                    append(out, low);
                    utf8 += 4;
                } else {
                    append(out, c);
                    utf8 += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                }
            } else if (b < 0) {
                int n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
                int cp = n == 0 ? -1 : b & (0x7F >> n);
                for (int i = 1; i < n && cp >= 0; i++) {
                    int next = pos + i < in.length ? in[pos + i] : 0;
                    cp = (next & 0xC0) == 0x80 ? cp << 6 | next & 0x3F : -1;
                }
                // overlong forms, surrogates and code points beyond U+10FFFF are not UTF-8
                if (cp < (n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000) || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                    throw malformed("invalid UTF-8 byte 0x" + Integer.toHexString(b & 0xFF));
                }
                if (out != null) {
                    out.appendCodePoint(cp);
                }
                pos += n;
                utf8 += n;
            } else if (b < 0x20) {
                throw malformed("control character 0x" + Integer.toHexString(b) + " in a string");
            } else {
                append(out, (char) b);
                pos++;
                utf8++;
            }
        }
        pos++;
        return utf8;
    }

    private static void append(StringBuilder out, char c) {
        if (out != null) {
            out.append(c);
        }
    }

    /** Reads an escape sequence at pos. */
    private char escape() {
        int c = byteAt(pos + 1);
        pos += 2;
        return switch (c) {
            case '"', '\\', '/' -> (char) c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++, pos++) {
                    int d = Character.digit(byteAt(pos), 16);
                    if (d < 0) {
                        throw unexpected("a hex digit in a \\u escape");
                    }
                    v = v << 4 | d;
                }
                yield (char) v;
            }
            default -> {
                pos -= 2;
                throw malformed("invalid escape '\\" + (c > 0x20 && c < 0x7F ? String.valueOf((char) c) : "0x" + Integer.toHexString(c & 0xFF)) + "'");
            }
        };
    }

    private int byteAt(int i) {
        if (i >= in.length) {
            pos = in.length;
            throw malformed("unexpected end of input");
        }
        return in[i];
    }

    // ---- errors ----

    private InvalidRecordException unexpected(String expected) {
        return new InvalidRecordException(InvalidRecordException.MALFORMED_JSON,
                "unexpected " + found() + " at offset " + pos + ", expected " + expected);
    }

    private String found() {
        if (pos >= in.length) {
            return "end of input";
        }
        int b = in[pos] & 0xFF;
        return b > 0x20 && b < 0x7F ? "character '" + (char) b + "'" : "byte 0x" + Integer.toHexString(b);
    }

    private InvalidRecordException malformed(String what) {
        return new InvalidRecordException(InvalidRecordException.MALFORMED_JSON, what + " at offset " + pos);
    }
}
