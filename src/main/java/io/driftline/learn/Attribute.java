package io.driftline.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One input or target column: numeric, or nominal with values indexed in the order they were declared or
 * first seen. A nominal value is passed to learners as its index (a double); a missing value as NaN.
 */
public final class Attribute {
    private final String name;
    private final boolean nominal;
    private final List<String> values = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    private Attribute(String name, boolean nominal, List<String> values) {
        this.name = name;
        this.nominal = nominal;
        values.forEach(this::indexOfOrAdd);
    }

    public static Attribute numeric(String name) {
        return new Attribute(name, false, List.of());
    }

    public static Attribute nominal(String name, List<String> values) {
        return new Attribute(name, true, values);
    }

    public String name() {
        return name;
    }

    public boolean isNominal() {
        return nominal;
    }

    /** Values known so far; grows when {@link #indexOfOrAdd} meets a new one. */
    public int numValues() {
        return values.size();
    }

    public String value(int i) {
        return values.get(i);
    }

    /** -1 when the value was never seen. */
    public int indexOf(String value) {
        Integer i = index.get(value);
        return i == null ? -1 : i;
    }

    /** The index of the value, appending it when it is new (values discovered as they come). */
    public int indexOfOrAdd(String value) {
        Integer i = index.get(value);
        if (i != null) {
            return i;
        }
        values.add(value);
        index.put(value, values.size() - 1);
        return values.size() - 1;
    }

    public List<String> values() {
        return List.copyOf(values);
    }
}
