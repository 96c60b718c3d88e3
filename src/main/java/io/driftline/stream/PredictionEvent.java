package io.driftline.stream;

/** A parsed prediction: a class label ({@code label} set) or a regression value ({@code value} set, label null). */
public record PredictionEvent(String id, String model, String label, double value, String source) implements InputEvent {
}
