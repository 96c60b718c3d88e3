package io.driftline.detect;

import static io.driftline.detect.ExpectedStreams.assertSameEvents;
import static io.driftline.detect.ExpectedStreams.expected;
import static io.driftline.detect.ExpectedStreams.positionsOf;
import static io.driftline.detect.ExpectedStreams.values;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MOA's recorded events on the shared streams: ADWINChangeDetector (INCREASE) and ADWIN.setInput (BOTH). */
class AdwinExpectedStreamsTest {

    static java.util.List<String> streams() {
        return ExpectedStreams.DETECTOR_STREAMS;
    }

    @ParameterizedTest
    @MethodSource("streams")
    void increaseMatchesMoaAdwinChangeDetector(String stream) {
        Adwin adwin = Adwin.fromParams(Map.of("direction", "increase"));
        assertSameEvents(expected("ADWIN", stream), positionsOf(adwin, values(stream)), 1e-6, "ADWIN " + stream);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void bothMatchesMoaAdwinSetInput(String stream) {
        Adwin adwin = new Adwin();
        assertSameEvents(expected("ADWIN_core", stream), positionsOf(adwin, values(stream)), 1e-6, "ADWIN_core " + stream);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void detectorTypeBuildsTheSameDetector(String stream) {
        DriftDetector adwin = DetectorType.ADWIN.create(Map.of());
        assertSameEvents(expected("ADWIN_core", stream), positionsOf(adwin, values(stream)), 1e-6, "ADWIN_core " + stream);
    }
}
