package io.driftline.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * A detection (DESIGN.md "Drift event"): {@code kind} DATA (a feature's values) or CONCEPT (the error
 * stream), {@code level} WARNING (a warning zone starts) or DRIFT, {@code position} the 0-based index of the
 * value that raised it in that detector's own input sequence.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftEvent(String eventId, String monitor, Kind kind, String feature, String detector, Level level,
        long position, Instant ts, double estimate, Map<String, Object> details) {

    public enum Kind { DATA, CONCEPT }

    public enum Level { WARNING, DRIFT }
}
