package io.driftline.api;

import io.driftline.monitor.MonitorService;
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
import org.jboss.resteasy.reactive.RestResponse;

/** CRUD of monitor specs ({@code /api/v1/monitors}); reads need role viewer, changes operator. */
@Path("/api/v1/monitors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MonitorResource {

    private final MonitorService monitors;

    MonitorResource(MonitorService monitors) {
        this.monitors = monitors;
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
