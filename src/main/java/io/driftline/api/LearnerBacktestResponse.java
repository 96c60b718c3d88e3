package io.driftline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of a learner backtest (test-then-train over the posted rows).
 *
 * @param instances   rows evaluated (rows with a missing class are predicted and not evaluated or learned)
 * @param accuracy    prequential accuracy; absent when no row was evaluated
 * @param kappa       Cohen's kappa as MOA computes it; absent when undefined
 * @param windows     accuracy of each complete block of {@code window} evaluated rows
 * @param predictions the predicted label of every row, in order; only when requested
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LearnerBacktestResponse(long instances, Double accuracy, Double kappa, List<Window> windows, List<String> predictions) {

    @RegisterForReflection
    public record Window(
            @Schema(description = "rows evaluated when the block closed (exclusive end: 1000, 2000, …)") long end,
            double accuracy) {
    }
}
