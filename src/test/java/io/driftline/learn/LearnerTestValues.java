package io.driftline.learn;

/** Parameter values as configs deliver them: numbers as numbers, anything else as text. */
final class LearnerTestValues {
    private LearnerTestValues() {
    }

    static Object number(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
