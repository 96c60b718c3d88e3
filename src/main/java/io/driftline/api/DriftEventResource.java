package io.driftline.api;

import io.driftline.alert.DriftEvent;
import io.driftline.alert.DriftEventHistory;
import io.driftline.alert.DriftEventRepository;
import io.driftline.error.InvalidInputException;
import io.driftline.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Drift event history: {@code GET /api/v1/drift-events?monitor=&kind=&level=&feature=&from=&to=&page=&size=}, newest first. */
@Path("/api/v1/drift-events")
@Produces(MediaType.APPLICATION_JSON)
public class DriftEventResource {
    private final DriftEventRepository repository;
    private final DriftEventHistory history;

    DriftEventResource(DriftEventRepository repository, DriftEventHistory history) {
        this.repository = repository;
        this.history = history;
    }

    @RegisterForReflection
    public record DriftEventPage(List<DriftEvent> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<DriftEventPage> list(@QueryParam("monitor") String monitor, @QueryParam("kind") String kind,
            @QueryParam("level") String level, @QueryParam("feature") String feature,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be >= 0") int page,
            @QueryParam("size") @DefaultValue("100") @Min(value = 1, message = "must be >= 1") @Max(value = 1000, message = "must be <= 1000") int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (monitor != null) {
            where.add("monitor = :monitor");
            params.put("monitor", monitor);
        }
        if (kind != null) {
            where.add("kind = :kind");
            params.put("kind", enumValue(DriftEvent.Kind.class, kind, "kind").name());
        }
        if (level != null) {
            where.add("level = :level");
            params.put("level", enumValue(DriftEvent.Level.class, level, "level").name());
        }
        if (feature != null) {
            where.add("feature = :feature");
            params.put("feature", feature);
        }
        if (from != null) {
            where.add("ts >= :from");
            params.put("from", instant(from, "from").atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            where.add("ts < :to");
            params.put("to", instant(to, "to").atOffset(ZoneOffset.UTC));
        }
        String query = String.join(" and ", where);
        Sort sort = Sort.descending("ts").and("position", Sort.Direction.Descending);
        return Panache.withSession(() -> {
            var q = query.isEmpty() ? repository.findAll(sort) : repository.find(query, sort, params);
            return q.page(Page.of(page, size)).list().flatMap(items -> q.count().map(total ->
                    new DriftEventPage(items.stream().map(history::fromEntity).toList(), page, size, total)));
        });
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "unknown value '" + value + "'");
        }
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
        }
    }
}
