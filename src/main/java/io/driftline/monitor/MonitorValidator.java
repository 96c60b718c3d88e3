package io.driftline.monitor;

import io.driftline.detect.DetectorType;
import io.driftline.detect.InvalidParameterException;
import io.driftline.error.InvalidInputException;
import io.driftline.error.InvalidInputException.Violation;
import io.driftline.learn.LearnerType;
import io.driftline.monitor.MonitorSpec.DetectorConfig;
import io.driftline.monitor.MonitorSpec.FeatureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks what Bean Validation cannot: detector and learner types and their parameters (by building them once
 * through the core's factories, so the API and the core can never disagree) and unique feature names.
 */
public final class MonitorValidator {

    private MonitorValidator() {
    }

    public static void validate(MonitorSpec spec) {
        List<Violation> violations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.features().size(); i++) {
            FeatureSpec f = spec.features().get(i);
            if (!names.add(f.name())) {
                violations.add(new Violation("features[" + i + "].name", "duplicate feature name '" + f.name() + "'"));
            }
            if (f.categories() != null && f.type() == MonitorSpec.FeatureType.NUMERIC) {
                violations.add(new Violation("features[" + i + "].categories", "only CATEGORICAL features have categories"));
            }
        }
        if (spec.dataDrift() != null) {
            checkDetector("dataDrift", spec.dataDrift(), violations);
        }
        if (spec.conceptDrift() != null) {
            checkDetector("conceptDrift", new DetectorConfig(spec.conceptDrift().type(), spec.conceptDrift().params()), violations);
        }
        if (spec.learner() != null) {
            LearnerType type = parse(LearnerType.class, spec.learner().type(), "learner.type", violations);
            if (type != null) {
                try {
                    type.create(LearnerSchemas.of(spec), spec.learner().params());
                } catch (InvalidParameterException e) {
                    violations.add(new Violation("learner.params." + e.parameter(), e.getMessage()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** Parses a detector config into a ready detector type, or throws naming the field under {@code prefix}. */
    public static DetectorType detectorType(String prefix, String type) {
        List<Violation> violations = new ArrayList<>();
        DetectorType parsed = parse(DetectorType.class, type, prefix + ".type", violations);
        if (parsed == null) {
            throw new InvalidInputException(violations);
        }
        return parsed;
    }

    private static void checkDetector(String prefix, DetectorConfig config, List<Violation> violations) {
        DetectorType type = parse(DetectorType.class, config.type(), prefix + ".type", violations);
        if (type == null) {
            return;
        }
        try {
            type.create(config.params());
        } catch (InvalidParameterException e) {
            violations.add(new Violation(prefix + ".params." + e.parameter(), e.getMessage()));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<Violation> violations) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            violations.add(new Violation(field, "unknown type '" + value + "'; one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
            return null;
        }
    }
}
