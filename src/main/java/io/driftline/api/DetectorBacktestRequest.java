package io.driftline.api;

import io.driftline.monitor.MonitorSpec.DetectorConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON body of {@code POST /api/v1/backtests/detectors}, as documented in DESIGN.md:
 * {@code {"detector":{"type":"ADWIN","params":{"delta":0.002}},"values":[0.1,0.4,…]}}.
 *
 * <p>This record is the documented shape only: the resource never binds a body to it, because a backtest may
 * carry millions of values. It reads the body with a streaming parser instead and feeds each value to the
 * detector as it is read ({@link BacktestValues}).
 */
@RegisterForReflection
public record DetectorBacktestRequest(
        @Schema(required = true, description = "the detector config: a type and its params (left-out params take the defaults)")
        DetectorConfig detector,
        @Schema(required = true, description = "the values, in stream order; JSON numbers only. Put 'detector' first so the "
                + "values stream through in constant memory (at most " + BacktestValues.MAX_BUFFERED + " values may come before it)")
        double[] values) {
}
