package io.txmon.service.problems;

import io.txmon.transaction.FreeText;
import io.txmon.transaction.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Holds every text a request carries, in a JSON body, a query parameter or a path variable, to the {@link FreeText} rule before any
 * endpoint sees it: one place, so that a new field or parameter cannot forget it, and a NUL never reaches
 * PostgreSQL, which would fail the statement. Identifiers have their own, stricter rule on top.
 */
@Configuration(proxyBeanMethods = false)
class FreeTextInput implements WebMvcConfigurer {

    @Bean
    JsonMapperBuilderCustomizer freeTextStrings() {
        return builder ->
                builder.addModule(new SimpleModule("txmon-free-text").addDeserializer(String.class, new Checked()));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new QueryText());
    }

    /** Reads a JSON string as Jackson does, then refuses control characters, naming the property it was read for. */
    private static final class Checked extends StdScalarDeserializer<String> {
        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String name = parser.currentName();
            // Jackson adds the path to the property ("items[3].note") as it unwinds; the name is a fallback.
            return FreeText.require(name == null ? "body" : name, value);
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }
    }

    /** Refuses a query parameter or path variable holding control characters before the endpoint reads it. */
    private static final class QueryText implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod)) {
                return true;
            }
            if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> path) {
                path.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value)));
            }
            if (request.getQueryString() != null) {
                request.getParameterMap().forEach((name, values) -> {
                    for (String value : values) {
                        check(name, value);
                    }
                });
            }
            return true;
        }

        private static void check(String name, String value) {
            String problem = FreeText.problem(value);
            if (problem != null) {
                throw new InvalidFieldException(visible(name), problem);
            }
        }

        private static String visible(String name) {
            return FreeText.isValid(name) ? QueryParameters.abbreviate(name) : "query";
        }
    }
}
