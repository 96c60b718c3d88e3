package io.driftline.api;

import io.driftline.monitor.MonitorSpec.FeatureSpec;
import io.driftline.monitor.MonitorSpec.LearnerConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/backtests/learners}:
 * {@code {"learner":{"type":"HOEFFDING_TREE","params":{}},"csv":"a,b,class\n…","target":"class","predictions":true,"window":1000}}.
 */
@RegisterForReflection
public record LearnerBacktestRequest(
        @NotNull(message = "is required") @Valid
        @Schema(required = true, description = "the learner config: a type and its params (left-out params take the defaults)")
        LearnerConfig learner,
        @NotNull(message = "is required")
        @Schema(required = true, description = "CSV text: a header row of column names, then one instance per line")
        String csv,
        @Size(min = 1, max = 128, message = "must be 1-128 characters")
        @Schema(description = "the class column; defaults to the last column (of 'columns' when given, else of the CSV)")
        String target,
        @Schema(description = "answer the predicted label of every row (default false)")
        Boolean predictions,
        @Min(value = 1, message = "must be >= 1") @Max(value = 1_000_000, message = "must be <= 1000000")
        @Schema(description = "instances per block of windowed accuracy (default 1000)")
        Integer window,
        @Size(max = 1001, message = "at most 1001 columns")
        @Schema(description = "optional column types, in the feature shape of monitor specs, every CSV column once: "
                + "NUMERIC columns must hold numbers, and CATEGORICAL categories fix the value indexes (for the target, "
                + "the class order, which decides ties). Without it types are inferred and values indexed in order of "
                + "first appearance; an inferred target is always treated as a class")
        List<@NotNull(message = "must not be null") @Valid FeatureSpec> columns) {

    public static final int DEFAULT_WINDOW = 1000;

    public int windowOrDefault() {
        return window == null ? DEFAULT_WINDOW : window;
    }

    public boolean predictionsOrDefault() {
        return predictions != null && predictions;
    }
}
