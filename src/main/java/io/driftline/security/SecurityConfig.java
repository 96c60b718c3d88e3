package io.driftline.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * Static bearer tokens. {@code DRIFTLINE_ADMIN_TOKEN} holds every role; operator tokens also read.
 * An OIDC/JWT mechanism can be added beside {@link BearerTokenAuthenticationMechanism} later: resources only
 * speak roles.
 */
@ConfigMapping(prefix = "driftline.security")
public interface SecurityConfig {

    @WithName("admin-token")
    Optional<String> adminToken();

    @WithName("viewer-tokens")
    Optional<List<String>> viewerTokens();

    @WithName("operator-tokens")
    Optional<List<String>> operatorTokens();

    /** The Alertmanager webhook's own token ({@code DRIFTLINE_ALERTMANAGER_TOKEN}). */
    @WithName("alertmanager-token")
    Optional<String> alertmanagerToken();
}
