package io.driftline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of a detector backtest: positions are 0-based indexes into the posted values.
 *
 * @param count    values read
 * @param drifts   indexes of the values that raised a drift
 * @param warnings warning zones: from the value that raised {@code warning_on} to the one that raised
 *                 {@code warning_off}; a zone still open after the last value has no {@code to}
 * @param events   every event in order, with the detector's estimate after that value
 */
@RegisterForReflection
public record DetectorBacktestResponse(long count, List<Long> drifts, List<WarningZone> warnings, List<Event> events) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WarningZone(
            @Schema(description = "index of the value that raised warning_on") long from,
            @Schema(description = "index of the value that raised warning_off (the first value out of the zone); "
                    + "absent when the zone is still open after the last value") Long to) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            @Schema(enumeration = {"drift", "warning_on", "warning_off"}) String event,
            long index,
            @Schema(description = "the detector's estimate after this value; absent when not a finite number") Double estimate) {
    }
}
