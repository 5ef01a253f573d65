package nixproc.service.problem;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a body larger than {@code nixproc.http.max-request-bytes} (default 1 MiB) with 413 before anything reads
 * it, so an oversized request costs neither memory nor a database transaction.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final JsonMapper json;

	public BodySizeLimitFilter(long maxBytes, JsonMapper json) {
		this.maxBytes = maxBytes;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
		if (length > maxBytes || chunked) {
			String detail = chunked ? "Chunked request bodies are not accepted; send Content-Length (at most " + maxBytes
					+ " bytes)" : "The request body has " + length + " bytes; the limit is " + maxBytes;
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType("application/problem+json");
			json.writeValue(response.getOutputStream(), Problems.asMap(HttpStatus.CONTENT_TOO_LARGE,
					HttpStatus.CONTENT_TOO_LARGE.getReasonPhrase(), detail, request.getRequestURI(),
					List.of(new FieldProblem("", detail))));
			return;
		}
		chain.doFilter(request, response);
	}

}
