package nixproc.model;

import java.util.Optional;

/**
 * A file materialised under the instance's state before start (nixproc extension). {@code path} may use the
 * {@code ${stateDir}}-style placeholders; {@code mode} is octal text such as {@code "0640"}.
 */
public record ConfigFile(String path, String content, Optional<String> mode) {

	public ConfigFile {
		path = path == null ? "" : path;
		content = content == null ? "" : content;
		mode = mode == null ? Optional.empty() : mode;
	}

}
