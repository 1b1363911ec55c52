package io.txmon.service.security;

import io.txmon.service.TxmonProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Every request needs an API key in the {@code X-API-Key} header, but health and the pages of
 * the dashboard and the API documentation, which hold no data; each endpoint needs a role: {@code INGEST} sends
 * transactions and payments, {@code ANALYST} reads and reviews, {@code ADMIN} (which includes {@code ANALYST})
 * changes rules and models. Rules name method and path together, and whatever no rule names is refused, whatever its
 * method (HEAD and OPTIONS included). Denials are problem details, 401 without a valid key and 403 without the role,
 * and are logged by {@link AccessFailures}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String ANALYST = Role.ANALYST.name();
    private static final String ADMIN = Role.ADMIN.name();
    private static final String INGEST = Role.INGEST.name();

    /**
     * The pages, scripts and styles served without a key: they hold no data, every call they make needs one. The
     * icon a browser asks for by itself is among them, so that opening a page logs no refusal.
     */
    private static final String[] DASHBOARD_PAGES = {
        "/", "/dashboard", "/dashboard/**", "/webjars/uplot/**", "/favicon.ico"
    };

    /**
     * Swagger UI, ReDoc and the OpenAPI document they show, served without a key: a browser cannot send a header
     * when it opens a page, and the document describes the API of an open-source project, not its data. Trying a
     * call from Swagger UI needs a key, given through its Authorize button.
     */
    private static final String[] DOCUMENTATION = {
        "/docs", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/redoc", "/redoc.html", "/webjars/redoc/**"
    };

    /** What {@code ANALYST} reads (docs/service.md), each path as it is, so that no write endpoint shares a pattern. */
    private static final String[] ANALYST_READS = {
        "/transactions/count",
        "/anomalies/count",
        "/ingestion/status",
        "/ingestion/rejected",
        "/analytics/hourly",
        "/analytics/alert-rate",
        "/analytics/spending/*",
        "/analytics/risk/*",
        "/analytics/accounts/*/five-minute",
        "/accounts/*",
        "/accounts/*/ledger",
        "/alerts",
        "/alerts/*",
        "/rules",
        "/rules/versions",
        "/models",
        "/models/supervised",
        "/models/*/drift",
        "/models/shadow",
        "/models/*/shadow",
        "/actuator/**"
    };

    /**
     * Only this site's own scripts, styles, images and calls, and no framing: the dashboard needs nothing else, and
     * a JSON answer opened as a page can run nothing.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    /**
     * Swagger UI and ReDoc set styles inline, show icons as data URLs, and ReDoc searches in a worker made from a
     * blob; still no inline script and no framing.
     */
    private static final String DOCUMENTATION_CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none';"
                    + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The keys of {@code txmon.api-keys} ({@code TXMON_API_KEYS}). With none configured, one admin key is made
     * and printed once, so that a first start works and says how to set keys of one's own.
     */
    @Bean
    ApiKeys apiKeys(TxmonProperties properties) {
        ApiKeys keys = ApiKeys.parse(properties.apiKeys());
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

    /** {@code ADMIN} may do all {@code ANALYST} may (docs/service.md); {@code ANALYST} does not send transactions. */
    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN)
                .implies(ANALYST)
                .build();
    }

    @Bean
    AccessFailures accessFailures(Clock clock) {
        return new AccessFailures(clock);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKeys keys, AccessFailures failures) throws Exception {
        RequestMatcher documentation = new OrRequestMatcher(Arrays.stream(DOCUMENTATION)
                .map(path -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(path))
                .toList());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(documentation),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                documentation,
                                new ContentSecurityPolicyHeaderWriter(DOCUMENTATION_CONTENT_SECURITY_POLICY))))
                .addFilterBefore(new ApiKeyFilter(keys), UsernamePasswordAuthenticationFilter.class)
                // After authorization: a request without a key is refused before anything looks at its body.
                .addFilterAfter(new FormContentRefusal(), AuthorizationFilter.class)
                .authorizeHttpRequests(SecurityConfiguration::rules)
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> {
                            failures.refused(request, HttpServletResponse.SC_UNAUTHORIZED, "no valid API key");
                            // Not Basic: a browser would then prompt for credentials and send them on its own.
                            response.setHeader("WWW-Authenticate", "ApiKey realm=\"txmon\", header=\"X-API-Key\"");
                            SecurityProblems.write(
                                    response,
                                    HttpServletResponse.SC_UNAUTHORIZED,
                                    "Unauthorized",
                                    ApiKeyFilter.HEADER,
                                    "a valid API key is required in the X-API-Key header");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            failures.refused(request, HttpServletResponse.SC_FORBIDDEN, "no role of the key allows it");
                            SecurityProblems.write(
                                    response,
                                    HttpServletResponse.SC_FORBIDDEN,
                                    "Forbidden",
                                    ApiKeyFilter.HEADER,
                                    "no role of this API key allows " + request.getMethod() + " "
                                            + request.getRequestURI());
                        }));
        return http.build();
    }

    private static void rules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests
                // A forward (/dashboard to its page) or an error page was authorized as the request it serves.
                .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, "/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers(HttpMethod.GET, DASHBOARD_PAGES)
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, DASHBOARD_PAGES)
                .permitAll()
                .requestMatchers(HttpMethod.GET, DOCUMENTATION)
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, DOCUMENTATION)
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/detect", "/detect/batch", "/payments")
                .hasRole(INGEST)
                .requestMatchers(HttpMethod.POST, "/accounts")
                .hasRole(ADMIN)
                // A payer looks up what became of a held payment.
                .requestMatchers(HttpMethod.GET, "/payments/*")
                .hasAnyRole(INGEST, ANALYST)
                .requestMatchers(HttpMethod.HEAD, "/payments/*")
                .hasAnyRole(INGEST, ANALYST)
                .requestMatchers(HttpMethod.PATCH, "/alerts/{id:[0-9]+}")
                .hasRole(ANALYST)
                // Labels are what analysts' reviews give too: ground truth that training and evaluation learn from.
                .requestMatchers(HttpMethod.POST, "/labels")
                .hasRole(ANALYST)
                .requestMatchers(
                        HttpMethod.PUT, "/rules", "/models/active", "/models/supervised/active", "/models/shadow")
                .hasRole(ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/models/shadow")
                .hasRole(ADMIN)
                .requestMatchers(
                        HttpMethod.POST,
                        "/rules/backtest",
                        "/models/train",
                        "/models/supervised/train",
                        "/analytics/refresh")
                .hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, ANALYST_READS)
                .hasRole(ANALYST)
                .requestMatchers(HttpMethod.HEAD, ANALYST_READS)
                .hasRole(ANALYST)
                // Any other method or path, OPTIONS and /error asked for directly among them.
                .anyRequest()
                .denyAll();
    }

    /** No users and passwords: only API keys, which {@link ApiKeyFilter} checks. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException("txmon authenticates API keys, not users");
        };
    }
}
