package io.txmon.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 the content types an HTML form can send across sites without the browser asking first
 * ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain}), before anything
 * reads the body. No endpoint takes a form; only rule files may come as {@code text/plain}.
 */
final class FormContentRefusal extends OncePerRequestFilter {
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data");
    private static final String TEXT = "text/plain";
    /** The endpoints whose body is a rule file, which is text and long travelled as text/plain. */
    private static final Set<String> RULE_FILE_PATHS = Set.of("/rules", "/rules/backtest");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = mediaType(request.getContentType());
        if (FORM_TYPES.contains(type) || (type.equals(TEXT) && !RULE_FILE_PATHS.contains(request.getRequestURI()))) {
            SecurityProblems.write(
                    response,
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Media Type",
                    "Content-Type",
                    "Content-Type " + type + " is not accepted here: send "
                            + (RULE_FILE_PATHS.contains(request.getRequestURI())
                                    ? "application/yaml"
                                    : "application/json"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The type and subtype of a Content-Type header, lower case, without parameters; empty when there is none. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }
}
