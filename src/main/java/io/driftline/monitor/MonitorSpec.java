package io.driftline.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A monitor: which model's streams to watch, its feature schema, and the detectors and learner to run on
 * them. This record is the JSON contract of DESIGN.md ("Monitor spec") on REST and in the database.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorSpec(
        @NotNull(message = "is required")
        @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
        @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String model,
        @NotNull(message = "is required") @Size(max = 1000, message = "at most 1000 features") List<@NotNull(message = "must not be null") @Valid FeatureSpec> features,
        @Valid DetectorConfig dataDrift,
        @Valid ConceptDriftConfig conceptDrift,
        @Valid LearnerConfig learner) {

    /** A DNS-1123 label: the name also becomes a metric label, a Kafka key and a Kubernetes name. */
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    public static final String NAME_MESSAGE = "must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit";

    /** The model whose streams this monitor watches; defaults to the monitor's name. */
    public String modelName() {
        return model == null ? name : model;
    }

    /** The spec as stored and returned: the model filled in. */
    public MonitorSpec normalized() {
        return new MonitorSpec(name, modelName(), features, dataDrift, conceptDrift, learner);
    }

    public enum FeatureType { NUMERIC, CATEGORICAL }

    public enum Task { CLASSIFICATION, REGRESSION }

    /** How a regression monitor turns a prediction and its label into an error value. */
    public enum ErrorMetric { ABSOLUTE, SQUARED }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeatureSpec(
            @NotNull(message = "is required")
            @Pattern(regexp = "^[A-Za-z0-9_.:-]{1,128}$", message = "must be 1-128 letters, digits, '_', '.', ':' or '-'") String name,
            @NotNull(message = "is required (NUMERIC or CATEGORICAL)") FeatureType type,
            @Size(max = 100, message = "at most 100 categories") List<@NotNull @Size(min = 1, max = 256) String> categories) {
    }

    /** A detector config: {@code {"type":"ADWIN","params":{"delta":0.002}}}; params left out take the defaults. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DetectorConfig(
            @NotNull(message = "is required") String type,
            @Size(max = 50, message = "at most 50 parameters") Map<String, Object> params) {
    }

    /** The concept-drift detector, plus how the error stream is built from predictions and feedback. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConceptDriftConfig(
            @NotNull(message = "is required") String type,
            @Size(max = 50, message = "at most 50 parameters") Map<String, Object> params,
            Task task,
            ErrorMetric errorMetric) {

        public Task taskOrDefault() {
            return task == null ? Task.CLASSIFICATION : task;
        }

        public ErrorMetric errorMetricOrDefault() {
            return errorMetric == null ? ErrorMetric.ABSOLUTE : errorMetric;
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LearnerConfig(
            @NotNull(message = "is required") String type,
            @Size(max = 50, message = "at most 50 parameters") Map<String, Object> params) {
    }
}
