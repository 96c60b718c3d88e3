package io.driftline.api;

import io.driftline.error.NotFoundException;
import io.driftline.monitor.MonitorRegistry;
import io.driftline.monitor.MonitorService;
import io.driftline.stream.MonitorPipeline;
import io.driftline.monitor.MonitorSpec;
import io.driftline.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;

/** CRUD of monitor specs ({@code /api/v1/monitors}); reads need role viewer, changes operator. */
@Path("/api/v1/monitors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MonitorResource {

    private final MonitorService monitors;
    private final MonitorRegistry registry;
    private final MonitorPipeline pipeline;

    MonitorResource(MonitorService monitors, MonitorRegistry registry, MonitorPipeline pipeline) {
        this.monitors = monitors;
        this.registry = registry;
        this.pipeline = pipeline;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<MonitorSpec>> list() {
        return monitors.list();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<MonitorSpec> get(@PathParam("name") @Pattern(regexp = MonitorSpec.NAME_PATTERN, message = MonitorSpec.NAME_MESSAGE) String name) {
        return monitors.get(name);
    }

    @GET
    @Path("/{name}/state")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Map<String, Object>> state(@PathParam("name") @Pattern(regexp = MonitorSpec.NAME_PATTERN, message = MonitorSpec.NAME_MESSAGE) String name) {
        MonitorSpec live = registry.get(name);
        if (live == null) {
            return Uni.createFrom().failure(new NotFoundException("monitor '" + name + "' does not exist"));
        }
        return Uni.createFrom().item(() -> pipeline.state(live));
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RestResponse<MonitorSpec>> create(@NotNull(message = "a monitor spec is required") @Valid MonitorSpec spec) {
        return monitors.create(spec).map(created -> RestResponse.ResponseBuilder
                .<MonitorSpec>created(URI.create("/api/v1/monitors/" + created.name())).entity(created).build());
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<MonitorSpec> replace(@PathParam("name") @Pattern(regexp = MonitorSpec.NAME_PATTERN, message = MonitorSpec.NAME_MESSAGE) String name,
            @NotNull(message = "a monitor spec is required") @Valid MonitorSpec spec) {
        return monitors.replace(name, spec);
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RestResponse<Void>> delete(@PathParam("name") @Pattern(regexp = MonitorSpec.NAME_PATTERN, message = MonitorSpec.NAME_MESSAGE) String name) {
        return monitors.delete(name).map(v -> RestResponse.noContent());
    }
}
