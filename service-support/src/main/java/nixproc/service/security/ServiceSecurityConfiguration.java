package nixproc.service.security;

import jakarta.servlet.DispatcherType;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security set up for bearer tokens only: no sessions, no CSRF (no cookies to forge), no login forms, no
 * generated default user. Spring Security rather than a hand-written filter because it gives method-level
 * {@code @PreAuthorize} with a role hierarchy and the 401/403 split for free, and every service gets the same
 * filter chain from here.
 */
@AutoConfiguration(before = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ServiceSecurityConfiguration {

	/** Paths anyone may call: probes and the API description. */
	static final String[] OPEN = { "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
			"/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error" };

	@Bean
	TokenRegistry tokenRegistry(SecurityProperties properties) {
		return TokenRegistry.from(properties);
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.ADMIN.name()).implies(Role.DEPLOYER.name())
			.role(Role.DEPLOYER.name()).implies(Role.VIEWER.name())
			.build();
	}

	/** Its presence keeps Boot from creating a user with a generated password; tokens are checked by the filter. */
	@Bean
	AuthenticationManager bearerTokensOnly() {
		return authentication -> {
			throw new ProviderNotFoundException("nixproc services accept bearer tokens only");
		};
	}

	/** The bearer scheme in the OpenAPI document, required by every operation. */
	@Bean
	GlobalOpenApiCustomizer bearerOpenApiScheme() {
		return BearerOpenApi.scheme();
	}

	/** Each operation's weakest role in the OpenAPI document, from its {@code @PreAuthorize}. */
	@Bean
	GlobalOperationCustomizer bearerOpenApiRoles() {
		return BearerOpenApi.roles();
	}

	@Bean
	SecurityFilterChain nixprocSecurityFilterChain(HttpSecurity http, TokenRegistry tokens, JsonMapper json)
			throws Exception {
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(json);
		http.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.addFilterBefore(new BearerTokenFilter(tokens, handlers), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(OPEN)
				.permitAll()
				.anyRequest()
				.hasRole(Role.VIEWER.name()));
		return http.build();
	}

}
