package io.driftline.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-path request body limits, answered as problem+json before the body is read: monitors and triggers are
 * small documents, event batches larger, backtests carry up to millions of values.
 */
@ApplicationScoped
public class RequestSizeLimits {
    private final long defaultLimit;
    private final long eventsLimit;
    private final long backtestLimit;

    RequestSizeLimits(@ConfigProperty(name = "driftline.http.max-body-size", defaultValue = "1M") MemorySize defaultLimit,
            @ConfigProperty(name = "driftline.http.max-events-body-size", defaultValue = "16M") MemorySize eventsLimit,
            @ConfigProperty(name = "driftline.http.max-backtest-body-size", defaultValue = "256M") MemorySize backtestLimit) {
        this.defaultLimit = defaultLimit.asLongValue();
        this.eventsLimit = eventsLimit.asLongValue();
        this.backtestLimit = backtestLimit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long limit = limitFor(ctx.request().path());
            if (length != null && parse(length) > limit) {
                JsonObject problem = new JsonObject()
                        .put("type", "about:blank")
                        .put("title", "Payload too large")
                        .put("status", 413)
                        .put("detail", "the request body has " + length + " bytes; this resource accepts at most " + limit)
                        .put("instance", ctx.request().path());
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                        .end(problem.encode());
                return;
            }
            ctx.next();
        });
    }

    long limitFor(String path) {
        if (path.startsWith("/api/v1/backtests")) {
            return backtestLimit;
        }
        if (path.startsWith("/api/v1/events")) {
            return eventsLimit;
        }
        return defaultLimit;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
