package io.txmon.service.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** One OpenAPI document, shown by Swagger UI at {@code /docs} and by ReDoc at {@code /redoc} (seed 001). */
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

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/redoc").setViewName("forward:/redoc.html");
        registry.addViewController("/").setViewName("redirect:/dashboard");
        registry.addViewController("/dashboard").setViewName("forward:/dashboard/index.html");
    }
}
