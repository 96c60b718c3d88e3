package io.driftline.stream;

/** A parsed feedback: the true class label, or the true value for regression (label null). */
public record FeedbackEvent(String id, String model, String label, double value) implements InputEvent {
}
