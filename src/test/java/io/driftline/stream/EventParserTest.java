package io.driftline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void featuresKeepNumbersStringsAndNullsInOrder() {
        FeatureEvent e = EventParser.parseFeatures(json(
                "{\"id\":\"e-1\",\"model\":\"m\",\"ts\":\"2026-11-27T10:00:00Z\",\"extra\":{\"a\":[1]},\"features\":{\"age\":41,\"country\":\"IT\",\"income\":null}}"));
        assertThat(e.size()).isEqualTo(3);
        assertThat(e.timestampMillis()).isEqualTo(1_795_773_600_000L);
        assertThat(e.numbers()[e.indexOf("age")]).isEqualTo(41.0);
        assertThat(e.strings()[e.indexOf("country")]).isEqualTo("IT");
        assertThat(e.numbers()[e.indexOf("income")]).isNaN();
        assertThat(e.strings()[e.indexOf("income")]).isNull();
        assertThat(e.indexOf("missing")).isEqualTo(-1);
    }

    static FeatureEvent features(String features) {
        return EventParser.parseFeatures(json("{\"id\":\"1\",\"model\":\"m\",\"features\":" + features + "}"));
    }

    /**
     * The parser writes its per-thread scratch arrays only where an event leaves the previous layout or has strings:
     * whatever an earlier event left there must never show in a later one's names or strings.
     */
    @Test
    void namesAndStringsAreRightWhereAnEventLeavesThePreviousLayout() {
        FeatureEvent first = features("{\"f0\":1,\"f1\":\"x\",\"f2\":2}");
        assertThat(first.strings()).containsExactly(null, "x", null);

        FeatureEvent same = features("{\"f0\":3,\"f1\":4,\"f2\":5}");
        assertThat(same.names()).isSameAs(first.names());
        assertThat(same.strings()).containsExactly(null, null, null);
        assertThat(same.numbers()).containsExactly(3, 4, 5);

        FeatureEvent fewer = features("{\"f0\":6,\"f1\":7}");
        assertThat(fewer.names()).containsExactly("f0", "f1");

        FeatureEvent replaced = features("{\"f0\":8,\"g\":9,\"f2\":\"y\"}");
        assertThat(replaced.names()).containsExactly("f0", "g", "f2");
        assertThat(replaced.strings()).containsExactly(null, null, "y");

        FeatureEvent back = features("{\"f0\":1,\"f1\":2,\"f2\":3}"); // f2 where the layout has it, after a change
        assertThat(back.names()).containsExactly("f0", "f1", "f2");
        assertThat(back.strings()).containsExactly(null, null, null);

        FeatureEvent stringFirst = features("{\"f0\":\"a\",\"f1\":2,\"f2\":null}");
        assertThat(stringFirst.strings()).containsExactly("a", null, null);
        assertThat(stringFirst.numbers()[1]).isEqualTo(2.0);

        // a rejected event may leave its names in the scratch arrays without becoming the layout
        assertThatThrownBy(() -> features("{\"zz\":1,\"yy\":[1]}")).isInstanceOf(InvalidRecordException.class);
        assertThat(features("{\"f0\":1,\"g\":2}").names()).containsExactly("f0", "g");

        FeatureEvent repeated = EventParser.parseFeatures(json(
                "{\"id\":\"1\",\"model\":\"m\",\"features\":{\"f0\":\"a\"},\"features\":{\"h\":1,\"f0\":2}}"));
        assertThat(repeated.names()).containsExactly("h", "f0");
        assertThat(repeated.strings()).containsExactly(null, null);
        assertThat(repeated.numbers()).containsExactly(1, 2);
    }

    /**
     * Each thread parses into scratch arrays of its own: two threads parsing events of different layouts (strings and
     * changing names, so the scratch arrays are written) at the same time each get exactly their own values.
     */
    @Test
    void threadsParsingAtTheSameTimeNeverSeeEachOthersValues() throws Exception {
        int rounds = 20_000;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<Integer> a = () -> {
            start.await();
            int wrong = 0;
            for (int i = 0; i < rounds; i++) {
                FeatureEvent e = features("{\"a" + (i % 3) + "\":\"s" + i + "\",\"b\":" + i + ",\"c\":\"t\"}");
                wrong += e.names()[0].equals("a" + (i % 3)) && e.strings()[0].equals("s" + i) && e.numbers()[1] == i
                        && e.strings()[1] == null && e.strings()[2].equals("t") ? 0 : 1;
            }
            return wrong;
        };
        java.util.concurrent.Callable<Integer> b = () -> {
            start.await();
            int wrong = 0;
            for (int i = 0; i < rounds; i++) {
                FeatureEvent e = features("{\"x\":" + i + ",\"y" + (i % 2) + "\":\"v" + i + "\"}");
                wrong += e.names()[1].equals("y" + (i % 2)) && e.numbers()[0] == i && e.strings()[0] == null
                        && e.strings()[1].equals("v" + i) && e.size() == 2 ? 0 : 1;
            }
            return wrong;
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(a);
            var second = pool.submit(b);
            assertThat(first.get(60, java.util.concurrent.TimeUnit.SECONDS)).isZero();
            assertThat(second.get(60, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventsWithTheSameFeatureNamesShareOneNamesArrayButNotTheirValues() {
        FeatureEvent a = EventParser.parseFeatures(json("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"x\":1,\"y\":2}}"));
        FeatureEvent b = EventParser.parseFeatures(json("{\"id\":\"2\",\"model\":\"m\",\"features\":{\"x\":3,\"y\":4}}"));
        FeatureEvent swapped = EventParser.parseFeatures(json("{\"id\":\"3\",\"model\":\"m\",\"features\":{\"y\":5,\"x\":\"six\"}}"));
        assertThat(b.names()).isSameAs(a.names());
        assertThat(a.numbers()).containsExactly(1, 2);
        assertThat(b.numbers()).containsExactly(3, 4);
        assertThat(swapped.names()).isNotSameAs(a.names()).containsExactly("y", "x");
        assertThat(swapped.strings()).containsExactly(null, "six");
        assertThat(a.names()).containsExactly("x", "y"); // a later layout never writes an earlier event's arrays
        assertThat(a.strings()).containsExactly(null, null);
    }

    @Test
    void aRepeatedFeaturesMemberReplacesTheLayoutOfTheFirst() {
        EventParser.parseFeatures(json("{\"id\":\"1\",\"model\":\"m\",\"features\":{\"x\":1,\"y\":2}}"));
        FeatureEvent twice = EventParser.parseFeatures(json("{\"id\":\"2\",\"model\":\"m\",\"features\":{\"x\":1,\"y\":2},\"features\":{\"u\":3,\"v\":4}}"));
        assertThat(twice.names()).containsExactly("u", "v");
        assertThat(twice.numbers()).containsExactly(3, 4);
    }

    @Test
    void predictionsAndFeedbackTakeALabelOrANumber() {
        PredictionEvent p = EventParser.parsePrediction(json("{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"yes\",\"scores\":{\"yes\":0.8},\"source\":\"seldon\"}"));
        assertThat(p.label()).isEqualTo("yes");
        assertThat(p.source()).isEqualTo("seldon");
        FeedbackEvent f = EventParser.parseFeedback(json("{\"id\":7,\"model\":\"m\",\"label\":2.5}"));
        assertThat(f.id()).isEqualTo("7");
        assertThat(f.label()).isNull();
        assertThat(f.value()).isEqualTo(2.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{not json|malformed_json",
            "[1,2]|malformed_json",
            "{\"id\":\"1\",\"label\":\"0\"}|missing_field",
            "{\"id\":\"1\",\"model\":\"m\"}|missing_field",
            "{\"id\":\"1\",\"model\":5,\"label\":\"0\"}|invalid_type",
            "{\"id\":\"1\",\"model\":\"m\",\"label\":[0]}|invalid_type",
            "{\"id\":\"1\",\"model\":\"m\",\"label\":\"0\"} x|malformed_json"})
    void badFeedbackIsRejectedWithItsReason(String record, String reason) {
        assertThatThrownBy(() -> EventParser.parseFeedback(json(record)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void badScoresAndTimestampsAreRejected() {
        assertThatThrownBy(() -> EventParser.parsePrediction(json("{\"id\":\"1\",\"model\":\"m\",\"prediction\":\"a\",\"scores\":{\"a\":\"high\"}}")))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("scores");
        assertThatThrownBy(() -> EventParser.parseFeatures(json("{\"id\":\"1\",\"model\":\"m\",\"ts\":\"yesterday\",\"features\":{}}")))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("ts");
        // a valid ISO instant beyond the epoch-millis range is a bad value, not an ArithmeticException that would
        // escape the consumer
        assertThatThrownBy(() -> EventParser.parseFeatures(json("{\"id\":\"1\",\"model\":\"m\",\"ts\":\"+300000000-01-01T00:00:00Z\",\"features\":{}}")))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo("invalid_value"));
    }
}
