package io.driftline.stream;

/** An event of one of the three input streams; every one names the model it belongs to. */
public sealed interface InputEvent permits FeatureEvent, PredictionEvent, FeedbackEvent {
    String id();

    String model();
}
