package nixproc.network;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The notations a model may be written in. */
public enum Format {

	JSON("json"), YAML("yaml"), NIX("nix");

	private final String id;

	Format(String id) {
		this.id = id;
	}

	public String id() {
		return id;
	}

	public static Optional<Format> byId(String id) {
		return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
	}

	/** By file extension: {@code .nix}, {@code .yaml}/{@code .yml}, anything else JSON. */
	public static Format of(Path file) {
		String name = file.getFileName().toString();
		if (name.endsWith(".nix")) {
			return NIX;
		}
		return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
	}

}
