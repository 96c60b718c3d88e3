package io.driftline.learn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV text with a header row, read into a {@link Schema} and one {@code double[]} per row.
 *
 * <p>Without a schema a column is numeric when every non-empty value is a decimal number and nominal
 * otherwise, with nominal values indexed in order of first appearance. With a schema the columns are
 * matched by name, nominal values use the schema's indices (new values are appended), and a numeric
 * column must hold numbers. The target is the named column, or the last one. An empty field or {@code ?}
 * is a missing value (NaN). Fields may be double-quoted ({@code ""} escapes a quote) but not span lines.
 * Errors are {@link IllegalArgumentException}s whose message starts with {@code "line N: "} (1-based,
 * the header being line 1).
 *
 * <pre>{@code
 * CsvInstances data = CsvInstances.parse("x,colour,y\n1.5,red,yes\n2.0,blue,no\n", null, null);
 * data.schema().target().name();   // "y"
 * data.rows().get(1);              // {2.0, 1.0}
 * data.targets()[1];               // 1.0 ("no")
 * }</pre>
 */
public final class CsvInstances {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Schema schema;
    private final List<double[]> rows;
    private final double[] targets;

    private CsvInstances(Schema schema, List<double[]> rows, double[] targets) {
        this.schema = schema;
        this.rows = rows;
        this.targets = targets;
    }

    public Schema schema() {
        return schema;
    }

    /** Input values per row, aligned with {@link Schema#inputs()}. */
    public List<double[]> rows() {
        return rows;
    }

    /** The target per row: a class index for a nominal target, the value for a numeric one, NaN if missing. */
    public double[] targets() {
        return targets;
    }

    public int size() {
        return rows.size();
    }

    /** Parses with inferred column types, the last column being the target. */
    public static CsvInstances parse(String text) {
        return parse(text, null, null);
    }

    /**
     * @param targetColumn the target's column name, or null for the last column (ignored when a schema is given)
     * @param schema       the known schema, or null to infer one
     */
    public static CsvInstances parse(String text, String targetColumn, Schema schema) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("line 1: empty input, expected a header row");
        }
        String[] lines = text.split("\r?\n|\r", -1);
        String[] header = splitLine(lines[0], 1);
        if (lines[0].isBlank() || header.length == 0) {
            throw new IllegalArgumentException("line 1: missing header row");
        }
        Set<String> seen = new HashSet<>();
        boolean allNumeric = true;
        for (String name : header) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("line 1: missing header: empty column name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("line 1: duplicate column '" + name + "'");
            }
            allNumeric &= NUMBER.matcher(name).matches();
        }
        if (allNumeric) {
            throw new IllegalArgumentException("line 1: missing header: the first row holds only numbers");
        }

        List<String[]> records = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = splitLine(lines[i], i + 1);
            if (fields.length != header.length) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected " + header.length
                        + " fields as in the header, found " + fields.length);
            }
            records.add(fields);
            lineNumbers.add(i + 1);
        }

        Attribute[] columns = new Attribute[header.length];
        int targetIndex;
        if (schema != null) {
            targetIndex = -1;
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals(schema.target().name())) {
                    columns[c] = schema.target();
                    targetIndex = c;
                } else {
                    for (Attribute a : schema.inputs()) {
                        if (a.name().equals(header[c])) {
                            columns[c] = a;
                        }
                    }
                }
                if (columns[c] == null) {
                    throw new IllegalArgumentException("line 1: column '" + header[c] + "' is not in the schema");
                }
            }
            if (targetIndex < 0) {
                throw new IllegalArgumentException("line 1: no column for the target '" + schema.target().name() + "'");
            }
            if (header.length != schema.numInputs() + 1) {
                throw new IllegalArgumentException("line 1: expected " + (schema.numInputs() + 1)
                        + " columns as in the schema, found " + header.length);
            }
        } else {
            targetIndex = header.length - 1;
            if (targetColumn != null) {
                targetIndex = -1;
                for (int c = 0; c < header.length; c++) {
                    if (header[c].equals(targetColumn)) {
                        targetIndex = c;
                    }
                }
                if (targetIndex < 0) {
                    throw new IllegalArgumentException("line 1: no column named '" + targetColumn + "'");
                }
            }
            for (int c = 0; c < header.length; c++) {
                boolean numeric = true;
                for (String[] r : records) {
                    String v = r[c];
                    if (!isMissing(v) && !NUMBER.matcher(v).matches()) {
                        numeric = false;
                        break;
                    }
                }
                columns[c] = numeric ? Attribute.numeric(header[c]) : Attribute.nominal(header[c], List.of());
            }
        }

        List<double[]> rows = new ArrayList<>(records.size());
        double[] targets = new double[records.size()];
        int[] inputOrder = new int[header.length - 1];
        List<Attribute> inputs = new ArrayList<>();
        if (schema != null) {
            for (int i = 0; i < schema.numInputs(); i++) {
                for (int c = 0; c < header.length; c++) {
                    if (columns[c] == schema.inputs().get(i)) {
                        inputOrder[i] = c;
                    }
                }
            }
            inputs.addAll(schema.inputs());
        } else {
            int k = 0;
            for (int c = 0; c < header.length; c++) {
                if (c != targetIndex) {
                    inputOrder[k++] = c;
                    inputs.add(columns[c]);
                }
            }
        }
        for (int r = 0; r < records.size(); r++) {
            String[] fields = records.get(r);
            int line = lineNumbers.get(r);
            double[] x = new double[inputOrder.length];
            for (int i = 0; i < inputOrder.length; i++) {
                int c = inputOrder[i];
                x[i] = value(columns[c], fields[c], line);
            }
            rows.add(x);
            targets[r] = value(columns[targetIndex], fields[targetIndex], line);
        }
        Schema result = schema != null ? schema : new Schema(inputs, columns[targetIndex]);
        return new CsvInstances(result, rows, targets);
    }

    /**
     * Reads a schema file with the header {@code name,type,values}: type {@code numeric} or {@code nominal},
     * nominal values separated by {@code |} in index order. The last row is the target.
     */
    public static Schema parseSchema(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("line 1: empty input, expected a header row");
        }
        String[] lines = text.split("\r?\n|\r", -1);
        String[] header = splitLine(lines[0], 1);
        if (header.length < 2 || !header[0].equals("name") || !header[1].equals("type")) {
            throw new IllegalArgumentException("line 1: missing header: expected name,type,values");
        }
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = splitLine(lines[i], i + 1);
            if (f.length < 2 || f.length > 3) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 2 or 3 fields, found " + f.length);
            }
            switch (f[1]) {
                case "numeric" -> attributes.add(Attribute.numeric(f[0]));
                case "nominal" -> attributes.add(Attribute.nominal(f[0],
                        f.length < 3 || f[2].isEmpty() ? List.of() : List.of(f[2].split("\\|", -1))));
                default -> throw new IllegalArgumentException("line " + (i + 1) + ": unknown type '" + f[1] + "'");
            }
        }
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("line 2: no attributes");
        }
        return new Schema(attributes.subList(0, attributes.size() - 1), attributes.get(attributes.size() - 1));
    }

    private static boolean isMissing(String v) {
        return v.isEmpty() || v.equals("?");
    }

    private static double value(Attribute a, String v, int line) {
        if (isMissing(v)) {
            return Double.NaN;
        }
        if (a.isNominal()) {
            return a.indexOfOrAdd(v);
        }
        if (!NUMBER.matcher(v).matches()) {
            throw new IllegalArgumentException("line " + line + ": column '" + a.name() + "' is numeric but the value '"
                    + v + "' is not a number");
        }
        return Double.parseDouble(v);
    }

    private static String[] splitLine(String line, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cur.setLength(0);
            } else if (ch == ',') {
                fields.add(wasQuoted ? cur.toString() : cur.toString().trim());
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + lineNumber + ": unterminated quoted field");
        }
        fields.add(wasQuoted ? cur.toString() : cur.toString().trim());
        return fields.toArray(new String[0]);
    }
}
