package io.txmon.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key, taken from the {@code X-API-Key} header only. No other credential is read:
 * a browser attaches Basic credentials and cookies to cross-site requests by itself, a custom header it never does,
 * so a page of another site cannot act with a key.
 */
final class ApiKeyFilter extends OncePerRequestFilter {
    static final String HEADER = "X-API-Key";

    private final ApiKeys keys;

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = keyOf(request);
        if (key != null) {
            keys.holderOf(key).ifPresent(holder -> SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            holder.name(), null, authorities(holder.roles()))));
        }
        chain.doFilter(request, response);
    }

    /** The key the request carries, or null. */
    static String keyOf(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }

    private static List<SimpleGrantedAuthority> authorities(Set<Role> roles) {
        return roles.stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }
}
