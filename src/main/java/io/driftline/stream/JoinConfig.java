package io.driftline.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds of the prediction/feedback join ({@code driftline.join.*}, e.g. {@code DRIFTLINE_JOIN_TTL=PT30M}). */
@ConfigMapping(prefix = "driftline.join")
public interface JoinConfig {
    /** How long a prediction waits for its feedback, or a feedback for its prediction. */
    @WithDefault("PT10M")
    Duration ttl();

    /** The most records waiting per model and side; beyond it the oldest expires. */
    @WithDefault("100000")
    int maxSize();

    /** How often expired entries are swept (read by the scheduler expression in MonitorPipeline). */
    @WithDefault("1s")
    String sweepInterval();
}
