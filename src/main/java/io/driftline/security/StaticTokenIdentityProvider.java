package io.driftline.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps a configured static token to its roles; compares in constant time so tokens do not leak by timing. */
@ApplicationScoped
public class StaticTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final SecurityConfig config;
    private final Optional<String> adminToken;

    StaticTokenIdentityProvider(SecurityConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "driftline.admin-token") Optional<String> adminToken) {
        this.config = config;
        this.adminToken = adminToken;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        if (matches(adminToken, token)) {
            return identity("admin", Set.of(Roles.VIEWER, Roles.OPERATOR));
        }
        if (matchesAny(config.operatorTokens(), token)) {
            return identity("operator", Set.of(Roles.VIEWER, Roles.OPERATOR));
        }
        if (matchesAny(config.viewerTokens(), token)) {
            return identity("viewer", Set.of(Roles.VIEWER));
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("unknown bearer token"));
    }

    private static Uni<SecurityIdentity> identity(String name, Set<String> roles) {
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles)
                .build());
    }

    private static boolean matchesAny(Optional<List<String>> tokens, String token) {
        return tokens.map(list -> list.stream().anyMatch(t -> equal(t, token))).orElse(false);
    }

    private static boolean matches(Optional<String> expected, String token) {
        return expected.filter(t -> !t.isBlank()).map(t -> equal(t, token)).orElse(false);
    }

    private static boolean equal(String expected, String actual) {
        return MessageDigest.isEqual(expected.trim().getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
