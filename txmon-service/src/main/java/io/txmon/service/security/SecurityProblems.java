package io.txmon.service.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem details (RFC 9457) the security layer answers with itself, before any controller and so before
 * {@code Problems} could: 401, 403 and 415.
 */
final class SecurityProblems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SecurityProblems() {}

    /** Writes the problem; {@code field} names what the client must change: a header, as every 4xx names one. */
    static void write(HttpServletResponse response, int status, String title, String field, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("field", field);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
