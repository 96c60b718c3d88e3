package io.driftline.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * Static viewer and operator bearer tokens ({@code DRIFTLINE_SECURITY_VIEWER_TOKENS}, {@code …_OPERATOR_TOKENS});
 * operator tokens also read. The admin token is {@code driftline.admin-token} ({@code DRIFTLINE_ADMIN_TOKEN}).
 * An OIDC/JWT mechanism can be added beside {@link BearerTokenAuthenticationMechanism} later: resources only
 * speak roles.
 */
@ConfigMapping(prefix = "driftline.security")
public interface SecurityConfig {

    @WithName("viewer-tokens")
    Optional<List<String>> viewerTokens();

    @WithName("operator-tokens")
    Optional<List<String>> operatorTokens();

}
