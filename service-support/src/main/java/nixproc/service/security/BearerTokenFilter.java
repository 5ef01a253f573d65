package nixproc.service.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} and, for a known token, authenticates the request with its role. A
 * request without the header goes on unauthenticated (open endpoints serve it, the others answer 401); a header
 * with an unknown token or another scheme is answered 401 at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final TokenRegistry tokens;

	private final AuthenticationEntryPoint entryPoint;

	BearerTokenFilter(TokenRegistry tokens, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			entryPoint.commence(request, response,
					new BadCredentialsException("Authorization must use the Bearer scheme"));
			return;
		}
		String token = header.substring(PREFIX.length()).trim();
		Role role = tokens.roleOf(token).orElse(null);
		if (role == null) {
			entryPoint.commence(request, response, new BadCredentialsException("Unknown bearer token"));
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new TokenAuthentication(role));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** An authenticated caller; the principal is its role, as tokens carry no identity of their own. */
	static final class TokenAuthentication extends AbstractAuthenticationToken {

		private final Role role;

		TokenAuthentication(Role role) {
			super(List.of(role.authority()));
			this.role = role;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return "token:" + role.name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
