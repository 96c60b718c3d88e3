package io.driftline.monitor;

import io.driftline.learn.Attribute;
import io.driftline.learn.Schema;
import java.util.List;

/** The learner schema of a monitor: its features in declared order, the target discovered as labels arrive. */
public final class LearnerSchemas {

    private LearnerSchemas() {
    }

    public static Schema of(MonitorSpec spec) {
        List<Attribute> inputs = spec.features().stream()
                .map(f -> f.type() == MonitorSpec.FeatureType.NUMERIC
                        ? Attribute.numeric(f.name())
                        : Attribute.nominal(f.name(), f.categories() == null ? List.of() : f.categories()))
                .toList();
        boolean regression = spec.conceptDrift() != null && spec.conceptDrift().taskOrDefault() == MonitorSpec.Task.REGRESSION;
        Attribute target = regression ? Attribute.numeric("label") : Attribute.nominal("label", List.of());
        return new Schema(inputs, target);
    }
}
