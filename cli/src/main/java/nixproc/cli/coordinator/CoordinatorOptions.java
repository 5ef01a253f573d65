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
import nixproc.ensemble.ClientSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Where the coordinator is, the operator's token, and {@code --json}; shared by every coordinator command. The
 * token comes from a file or {@code NIXPROC_TOKEN}, never from the command line (where {@code ps} shows it). Without
 * {@code --coordinator} and {@code NIXPROC_COORDINATOR_URL}, the network {@code nixproc up} runs on this machine is
 * meant ({@link ClientSettings#current()}: its URL, and its admin token unless a token is given), else
 * {@value #DEFAULT_URL}.
 */
final class CoordinatorOptions {

	static final String TOKEN_VARIABLE = "NIXPROC_TOKEN";

	static final String DEFAULT_URL = "http://127.0.0.1:8080";

	@Option(names = "--coordinator", paramLabel = "URL", defaultValue = "${env:NIXPROC_COORDINATOR_URL}",
			description = "The coordinator (env NIXPROC_COORDINATOR_URL; default: the one nixproc up runs here, else "
					+ DEFAULT_URL + ").")
	Optional<String> url = Optional.empty();

	@Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:NIXPROC_TOKEN_FILE}",
			description = "A file holding the bearer token (env NIXPROC_TOKEN_FILE); without one, NIXPROC_TOKEN.")
	Optional<Path> tokenFile = Optional.empty();

	@Option(names = "--json", description = "Print the coordinator's JSON on standard output; progress, if any, "
			+ "goes to standard error.")
	boolean json;

	CoordinatorClient client() {
		Optional<ClientSettings> up = url.isPresent() ? Optional.empty() : ClientSettings.readCurrent();
		String base = url.or(() -> up.map(ClientSettings::coordinatorUrl)).orElse(DEFAULT_URL);
		return new CoordinatorClient(uri(base), token().or(() -> up.map(s -> read(s.tokenFile()))));
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

	private static URI uri(String url) {
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
			return Optional.of(read(tokenFile.get()));
		}
		return Optional.ofNullable(System.getenv(TOKEN_VARIABLE)).map(String::strip).filter(t -> !t.isEmpty());
	}

	/** A token file's token. */
	static String read(Path file) {
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
		return text;
	}

	static ExitCodes.Failure usage(String message) {
		return new ExitCodes.Failure(ExitCodes.USAGE, message);
	}

}
