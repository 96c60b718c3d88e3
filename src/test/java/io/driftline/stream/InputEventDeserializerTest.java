package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputEventDeserializerTest {

    static final TopicsConfig TOPICS = new TopicsConfig() {
        @Override
        public String features() {
            return "f";
        }

        @Override
        public String predictions() {
            return "p";
        }

        @Override
        public String feedback() {
            return "fb";
        }

        @Override
        public String driftEvents() {
            return "d";
        }

        @Override
        public String deadLetter() {
            return "dl";
        }
    };

    final InputEventDeserializer deserializer = new InputEventDeserializer(TOPICS);

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachInputTopicIsParsedAsItsStreamAndKeepsNoBytes() {
        ParsedInput features = deserializer.deserialize("f", json("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"x\":1.5}}"));
        assertThat(features.stream()).isEqualTo(InputStream.FEATURES);
        assertThat(features.error()).isNull();
        assertThat(features.value()).isNull();
        assertThat(((FeatureEvent) features.event()).numbers()[0]).isEqualTo(1.5);

        ParsedInput prediction = deserializer.deserialize("p", json("{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"yes\"}"));
        assertThat(prediction.stream()).isEqualTo(InputStream.PREDICTIONS);
        assertThat(((PredictionEvent) prediction.event()).label()).isEqualTo("yes");

        ParsedInput feedback = deserializer.deserialize("fb", json("{\"id\":\"1\",\"model\":\"m\",\"label\":2.5}"));
        assertThat(feedback.stream()).isEqualTo(InputStream.FEEDBACK);
        assertThat(((FeedbackEvent) feedback.event()).value()).isEqualTo(2.5);
    }

    @Test
    void anUnparsableRecordCarriesItsReasonAndItsBytesUnchanged() {
        byte[] bad = json("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"x\":");
        ParsedInput input = deserializer.deserialize("f", bad);
        assertThat(input.event()).isNull();
        assertThat(input.stream()).isEqualTo(InputStream.FEATURES);
        assertThat(input.error().reason()).isEqualTo(InvalidRecordException.MALFORMED_JSON);
        assertThat(input.value()).isSameAs(bad);

        ParsedInput missing = deserializer.deserialize("fb", json("{\"id\":\"1\",\"label\":\"0\"}"));
        assertThat(missing.error().reason()).isEqualTo(InvalidRecordException.MISSING_FIELD);
        assertThat(missing.error().getMessage()).contains("model");
    }

    /** Kafka calls no deserializer for a record without a value; the processor puts this in its place. */
    @Test
    void aTombstoneIsAnEmptyRecordNotAnException() {
        ParsedInput input = ParsedInput.tombstone(InputStream.PREDICTIONS);
        assertThat(input.error().reason()).isEqualTo(InvalidRecordException.MALFORMED_JSON);
        assertThat(input.error().getMessage()).contains("empty record");
        assertThat(input.value()).isNull();
    }

    @Test
    void aTopicThatIsNotAnInputIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> deserializer.deserialize("d", json("{}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic d");
    }
}
