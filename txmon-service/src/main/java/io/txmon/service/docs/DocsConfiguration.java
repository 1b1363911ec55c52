package io.txmon.service.docs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** One OpenAPI document, shown by Swagger UI at {@code /docs} and by ReDoc at {@code /redoc} (docs/service.md, "Documentation, metrics and health"). */
@Configuration(proxyBeanMethods = false)
class DocsConfiguration implements WebMvcConfigurer {

    @Bean
    OpenAPI txmonApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("txmon")
                        .description("Transaction monitoring for fraud and anti-money-laundering: real-time"
                                + " detection, alert review, analytics. Every endpoint but health needs an API key"
                                + " in the X-API-Key header.")
                        .version("0.1.0"))
                .components(new Components()
                        .addSecuritySchemes(
                                "api-key",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("api-key"));
    }

    /**
     * Schemas named as the JSON is: springdoc describes types through swagger-core's own Jackson 2 mapper, which
     * knows nothing of the service's Jackson 3 SNAKE_CASE naming, and would otherwise document {@code fromAccount}
     * for a body that must say {@code from_account}. Replaces swagger-core's default resolver.
     */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
        ModelResolver resolver = new ModelResolver(
                mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        resolver.openapi31(mappers.isOpenapi31());
        return resolver;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/redoc").setViewName("forward:/redoc.html");
        registry.addViewController("/").setViewName("redirect:/dashboard");
        registry.addViewController("/dashboard").setViewName("forward:/dashboard/index.html");
    }
}
