package nixproc.service.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nixproc.problem.ProblemDocument;
import nixproc.service.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, written by the security filters before any controller runs. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	ProblemSecurityHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		String detail = request.getHeader(HttpHeaders.AUTHORIZATION) == null
				? "A bearer token is required (Authorization: Bearer <token>)" : ex.getMessage();
		write(response, HttpStatus.UNAUTHORIZED, detail, request);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(response, HttpStatus.FORBIDDEN, "The token's role does not allow this request", request);
	}

	private void write(HttpServletResponse response, HttpStatus status, String detail, HttpServletRequest request)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(ProblemDocument.MEDIA_TYPE);
		json.writeValue(response.getOutputStream(), Problems.document(status, detail, List.of()).at(request.getRequestURI()));
	}

}
