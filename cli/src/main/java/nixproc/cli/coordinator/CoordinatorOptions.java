package nixproc.cli.coordinator;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import nixproc.cli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Where the coordinator is, the operator's token, and {@code --json}; shared by every coordinator command. The
 * token comes from a file or {@code NIXPROC_TOKEN}, never from the command line (where {@code ps} shows it).
 */
final class CoordinatorOptions {

	static final String TOKEN_VARIABLE = "NIXPROC_TOKEN";

	@Option(names = "--coordinator", paramLabel = "URL",
			defaultValue = "${env:NIXPROC_COORDINATOR_URL:-http://127.0.0.1:8080}",
			description = "The coordinator (default: ${DEFAULT-VALUE}; env NIXPROC_COORDINATOR_URL).")
	String url = "http://127.0.0.1:8080";

	@Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:NIXPROC_TOKEN_FILE}",
			description = "A file holding the bearer token (env NIXPROC_TOKEN_FILE); without one, NIXPROC_TOKEN.")
	Optional<Path> tokenFile = Optional.empty();

	@Option(names = "--json", description = "Print the coordinator's JSON on standard output; progress, if any, "
			+ "goes to standard error.")
	boolean json;

	CoordinatorClient client() {
		return new CoordinatorClient(uri(), token());
	}

	/** Where human-readable progress goes: standard error when standard output carries JSON. */
	PrintWriter progress(CommandSpec spec) {
		return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
	}

	/** Prints {@code node} when {@code --json} was given; says whether it did. */
	boolean printJson(CommandSpec spec, JsonNode node) {
		if (json) {
			spec.commandLine().getOut().println(CoordinatorClient.JSON.writerWithDefaultPrettyPrinter()
				.writeValueAsString(node));
			spec.commandLine().getOut().flush();
		}
		return json;
	}

	private URI uri() {
		try {
			URI uri = new URI(url.endsWith("/") ? url : url + "/");
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw usage("--coordinator: not an http(s) URL with a host: " + url);
			}
			return uri;
		}
		catch (URISyntaxException e) {
			throw usage("--coordinator: not a URL: " + url + " (" + e.getReason() + ")");
		}
	}

	private Optional<String> token() {
		if (tokenFile.isPresent()) {
			Path file = tokenFile.get();
			String text;
			try {
				text = Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			catch (IOException e) {
				throw usage("--token-file: cannot read " + file + " ("
						+ (Files.exists(file) ? e.getClass().getSimpleName() : "no such file") + ")");
			}
			if (text.isEmpty()) {
				throw usage("--token-file: " + file + " is empty");
			}
			return Optional.of(text);
		}
		return Optional.ofNullable(System.getenv(TOKEN_VARIABLE)).map(String::strip).filter(t -> !t.isEmpty());
	}

	static ExitCodes.Failure usage(String message) {
		return new ExitCodes.Failure(ExitCodes.USAGE, message);
	}

}
