package nixproc.service.problem;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nixproc.model.Problem;
import nixproc.problem.ProblemDocument;
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
			response.setContentType(ProblemDocument.MEDIA_TYPE);
			json.writeValue(response.getOutputStream(), Problems.document(HttpStatus.CONTENT_TOO_LARGE, detail,
					List.of(new Problem("", detail))).at(request.getRequestURI()));
			return;
		}
		chain.doFilter(request, response);
	}

}
