package io.driftline.stream;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/** Topic names ({@code driftline.topics.*}); the defaults are in application.properties. */
@Unremovable // looked up by InputEventDeserializer, which Kafka creates outside CDI
@ConfigMapping(prefix = "driftline.topics")
public interface TopicsConfig {
    String features();

    String predictions();

    String feedback();

    String driftEvents();

    String deadLetter();

    /** Which input stream a topic carries, or null for a topic that is not an input. */
    default InputStream streamOf(String topic) {
        if (topic.equals(features())) {
            return InputStream.FEATURES;
        } else if (topic.equals(predictions())) {
            return InputStream.PREDICTIONS;
        } else if (topic.equals(feedback())) {
            return InputStream.FEEDBACK;
        }
        return null;
    }
}
