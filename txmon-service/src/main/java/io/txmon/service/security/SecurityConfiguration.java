package io.txmon.service.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Every endpoint but health needs an API key, and each a role: {@code INGEST} sends transactions and payments, {@code ANALYST}
 * reads and reviews, {@code ADMIN} changes rules and models. Denials are problem details: 401 without a valid
 * key, 403 without the role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String ANALYST = Role.ANALYST.name();
    private static final String ADMIN = Role.ADMIN.name();
    private static final String INGEST = Role.INGEST.name();

    /**
     * The keys of {@code txmon.api-keys} ({@code TXMON_API_KEYS}). With none configured, one admin key is made
     * and printed once, so that a first start works and says how to set keys of one's own.
     */
    @Bean
    ApiKeys apiKeys(@Value("${txmon.api-keys:}") String configured) {
        ApiKeys keys = ApiKeys.parse(configured);
        if (!keys.isEmpty()) {
            return keys;
        }
        String key = ApiKeys.newKey();
        System.out.println("txmon serve: no API key is configured, so this one was made for this run, with every"
                + " role:\n\n  " + key + "\n\nSend it in the X-API-Key header. To set your own keys, start with"
                + " TXMON_API_KEYS=\"key1:ADMIN,ANALYST,INGEST;key2:INGEST\" (or txmon.api-keys in the configuration"
                + " file); keys are kept only as hashes.");
        LOG.warn("no API key configured: made one admin key for this run and printed it on stdout");
        return ApiKeys.only(key);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKeys keys) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ApiKeyFilter(keys), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // The dashboard's page, script and styles: no data, which every call they make needs a key for.
                        .requestMatchers(HttpMethod.GET, "/", "/dashboard", "/dashboard/**", "/webjars/uplot/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/detect", "/detect/batch", "/payments")
                        .hasRole(INGEST)
                        .requestMatchers(HttpMethod.POST, "/accounts")
                        .hasRole(ADMIN)
                        // A payer looks up what became of a held payment.
                        .requestMatchers(HttpMethod.GET, "/payments/**")
                        .hasAnyRole(INGEST, ANALYST, ADMIN)
                        .requestMatchers(HttpMethod.PATCH, "/alerts/**")
                        .hasRole(ANALYST)
                        .requestMatchers(HttpMethod.PUT, "/rules", "/models/active")
                        .hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/rules/backtest", "/models/train", "/analytics/refresh")
                        .hasRole(ADMIN)
                        .requestMatchers(
                                HttpMethod.GET,
                                "/transactions/**",
                                "/anomalies/**",
                                "/ingestion/**",
                                "/analytics/**",
                                "/accounts/**",
                                "/alerts/**",
                                "/rules/**",
                                "/models/**",
                                "/actuator/**")
                        .hasAnyRole(ANALYST, ADMIN)
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> {
                            // The Basic challenge makes a browser prompt for a key, which is right when nothing
                            // was sent (a page opened in a browser) and wrong for a script that sent a bad key.
                            if (request.getHeader(ApiKeyFilter.HEADER) == null) {
                                response.setHeader("WWW-Authenticate", "Basic realm=\"txmon\"");
                            }
                            problem(
                                    response,
                                    HttpServletResponse.SC_UNAUTHORIZED,
                                    "Unauthorized",
                                    "a valid API key is required in the X-API-Key header");
                        })
                        .accessDeniedHandler((request, response, e) -> problem(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                "Forbidden",
                                "this API key lacks the role " + request.getMethod() + " " + request.getRequestURI()
                                        + " needs")));
        return http.build();
    }

    /** No users and passwords: only API keys, which {@link ApiKeyFilter} checks. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException("txmon authenticates API keys, not users");
        };
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail.replace("\"", "'") + "\"}");
    }
}
