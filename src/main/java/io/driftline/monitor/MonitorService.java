package io.driftline.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.error.ConflictException;
import io.driftline.error.InvalidInputException;
import io.driftline.error.NotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/** Monitor CRUD: validates, persists with Hibernate Reactive, and keeps the live {@link MonitorRegistry} in step. */
@ApplicationScoped
public class MonitorService {
    private static final Logger LOG = Logger.getLogger(MonitorService.class);

    private final MonitorRepository repository;
    private final MonitorRegistry registry;
    private final ObjectMapper mapper;

    MonitorService(MonitorRepository repository, MonitorRegistry registry, ObjectMapper mapper) {
        this.repository = repository;
        this.registry = registry;
        this.mapper = mapper;
    }

    /**
     * Loads every stored monitor before the channels start consuming (SmallRye Reactive Messaging starts them
     * from a StartupEvent observer of priority 1000), so no record is routed to an empty set of monitors.
     */
    void loadOnStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 100) StartupEvent event) throws Throwable {
        List<MonitorSpec> specs = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> repository.listAll().map(list -> list.stream().map(this::fromEntity).toList())));
        registry.replaceAll(specs);
        LOG.infof("loaded %d monitor(s)", specs.size());
    }

    public Uni<List<MonitorSpec>> list() {
        return Panache.withSession(() -> repository.findAll(io.quarkus.panache.common.Sort.by("name")).list()
                .map(list -> list.stream().map(this::fromEntity).toList()));
    }

    public Uni<MonitorSpec> get(String name) {
        return Panache.withSession(() -> repository.findById(name))
                .onItem().ifNull().failWith(() -> new NotFoundException("monitor '" + name + "' does not exist"))
                .map(this::fromEntity);
    }

    public Uni<MonitorSpec> create(MonitorSpec input) {
        MonitorSpec spec = input.normalized();
        MonitorValidator.validate(spec);
        return Panache.withTransaction(() -> repository.findById(spec.name()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ConflictException("monitor '" + spec.name() + "' already exists"));
            }
            MonitorEntity entity = new MonitorEntity();
            entity.name = spec.name();
            entity.createdAt = now();
            fill(entity, spec);
            return repository.persist(entity);
        })).map(saved -> {
            registry.put(spec);
            return spec;
        });
    }

    public Uni<MonitorSpec> replace(String name, MonitorSpec input) {
        if (!name.equals(input.name())) {
            throw new InvalidInputException("name", "must equal the name in the path ('" + name + "')");
        }
        MonitorSpec spec = input.normalized();
        MonitorValidator.validate(spec);
        return Panache.withTransaction(() -> repository.findById(name).flatMap(entity -> {
            if (entity == null) {
                return Uni.createFrom().failure(new NotFoundException("monitor '" + name + "' does not exist"));
            }
            fill(entity, spec);
            return Uni.createFrom().item(entity);
        })).map(saved -> {
            registry.put(spec);
            return spec;
        });
    }

    public Uni<Void> delete(String name) {
        return Panache.withTransaction(() -> repository.deleteById(name)).flatMap(deleted -> {
            if (!deleted) {
                return Uni.createFrom().failure(new NotFoundException("monitor '" + name + "' does not exist"));
            }
            registry.remove(name);
            return Uni.createFrom().voidItem();
        });
    }

    private void fill(MonitorEntity entity, MonitorSpec spec) {
        entity.model = spec.modelName();
        entity.updatedAt = now();
        try {
            entity.spec = mapper.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MonitorSpec fromEntity(MonitorEntity entity) {
        try {
            return mapper.readValue(entity.spec, MonitorSpec.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored monitor '" + entity.name + "' is unreadable", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
