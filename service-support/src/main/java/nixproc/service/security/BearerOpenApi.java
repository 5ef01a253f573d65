package nixproc.service.security;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * What the OpenAPI document says about tokens: a {@value #SCHEME} HTTP bearer scheme required by every operation
 * (the open paths — health, the document itself — are not operations of it), and per operation the weakest role
 * that may call it, read from its {@code @PreAuthorize("hasRole('…')")} (none means viewer, as the filter chain
 * requires), as {@value #ROLE_EXTENSION} and in the description.
 */
final class BearerOpenApi {

	static final String SCHEME = "bearer";

	static final String ROLE_EXTENSION = "x-nixproc-role";

	private static final Pattern HAS_ROLE = Pattern.compile("hasRole\\('([A-Za-z_]+)'\\)");

	private BearerOpenApi() {
	}

	static GlobalOpenApiCustomizer scheme() {
		return BearerOpenApi::declare;
	}

	static GlobalOperationCustomizer roles() {
		return (operation, handler) -> {
			PreAuthorize rule = rule(handler);
			Role role = rule == null ? Role.VIEWER : parse(rule.value());
			// an expression other than hasRole('…') is quoted rather than guessed at
			return role != null ? describe(operation, role) : append(operation, "Access: " + rule.value() + ".");
		};
	}

	private static void declare(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.description("A token configured in nixproc.security.tokens (or NIXPROC_BOOTSTRAP_ADMIN_TOKEN). Roles: "
					+ "viewer < deployer < admin, each including the weaker ones; an operation's "
					+ ROLE_EXTENSION + " is the weakest role that may call it. No token: 401; too weak a role: 403."));
		if (openApi.getSecurity() == null || openApi.getSecurity().stream().noneMatch(r -> r.containsKey(SCHEME))) {
			openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
		}
	}

	private static Operation describe(Operation operation, Role role) {
		String name = role.name().toLowerCase(Locale.ROOT);
		operation.addExtension(ROLE_EXTENSION, name);
		return append(operation, "Role: " + name + (role == Role.ADMIN ? "." : " or stronger."));
	}

	private static Operation append(Operation operation, String text) {
		operation.setDescription(operation.getDescription() == null ? text : operation.getDescription() + "\n\n" + text);
		return operation;
	}

	/** The method's (or else its class's) {@code @PreAuthorize}. */
	private static @Nullable PreAuthorize rule(HandlerMethod handler) {
		PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
		return rule != null ? rule : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
	}

	private static @Nullable Role parse(String expression) {
		Matcher matcher = HAS_ROLE.matcher(expression.trim());
		if (!matcher.matches()) {
			return null;
		}
		try {
			return Role.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
