package io.driftline.stream;

/**
 * A parsed feature event. Features are kept as parallel arrays in arrival order: a numeric feature has its
 * value in {@code numbers} and null in {@code strings}; a categorical one the reverse (NaN in numbers);
 * an explicit JSON null is a missing value (NaN and null). The arrays are read-only: {@link EventParser} shares one
 * names array (and one all-null strings array) between events of the same layout.
 */
public record FeatureEvent(String id, String model, long timestampMillis, String[] names, double[] numbers, String[] strings, int size) implements InputEvent {

    /** The index of a feature by name, or -1 when the event does not carry it. */
    public int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
