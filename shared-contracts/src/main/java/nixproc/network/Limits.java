package nixproc.network;

import java.time.Duration;

/**
 * The documented bounds on what a model may cost to read. Every model that breaks one is refused with a problem
 * naming the limit; none of them makes a reader hang or run out of memory.
 */
public final class Limits {

	/** Characters of one model document (JSON, YAML or Nix text) and of Nix's JSON output. */
	public static final int MAX_DOCUMENT_CHARS = 32 * 1024 * 1024;

	/** Nesting of objects and arrays; a real model needs about ten levels. */
	public static final int MAX_DEPTH = 64;

	/** Characters of one string value or key. */
	public static final int MAX_STRING_CHARS = 1024 * 1024;

	/** Digits of one number. */
	public static final int MAX_NUMBER_CHARS = 64;

	/** Characters of a service, target, pool or container name. */
	public static final int MAX_NAME_CHARS = 253;

	/** Wall-clock time one {@code nix-instantiate} run may take before it is killed. */
	public static final Duration NIX_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Address space one {@code nix-instantiate} run may use ({@code prlimit --as}); past it Nix stops with "out of
	 * memory". A models' evaluation needs tens of MiB; importing nixpkgs a few hundred.
	 */
	public static final long NIX_MEMORY_BYTES = 1024L * 1024 * 1024;

	/** Nix evaluations one JVM runs at once; more wait for up to {@link #NIX_TIMEOUT}, then are refused as busy. */
	public static final int NIX_CONCURRENT = 2;

	private Limits() {
	}

}
