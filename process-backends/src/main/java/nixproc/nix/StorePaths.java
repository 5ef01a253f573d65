package nixproc.nix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nixproc.run.Command;
import nixproc.run.CommandResult;
import nixproc.run.CommandRunner;

/**
 * Builds (or fetches) the store paths a Nix model refers to before they are activated, and keeps them alive: each
 * becomes an indirect GC root in {@code rootDir} ({@code nix-store --realise --add-root --indirect}), so
 * {@code nix-collect-garbage} keeps what a generation runs as long as the roots are there.
 */
public final class StorePaths {

	/** Building a package can take a while; evaluation has its own, shorter limit. */
	public static final Duration TIMEOUT = Duration.ofMinutes(30);

	private StorePaths() {
	}

	/**
	 * @param storePaths {@code /nix/store/…drv!out} or plain store paths, as {@link NixModels.Evaluated} lists them
	 * @return the realised output paths
	 * @throws IllegalStateException with nix-store's output when a path cannot be realised
	 */
	public static List<Path> realise(CommandRunner runner, List<String> storePaths, Path rootDir) {
		if (storePaths.isEmpty()) {
			return List.of();
		}
		try {
			Files.createDirectories(rootDir);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<Path> out = new ArrayList<>();
		for (int i = 0; i < storePaths.size(); i++) {
			// one root per path, named by position: the model's order is stable for one evaluation
			Command command = Command.of("nix-store", "--option", "build-users-group", "", "--option", "sandbox", "false",
					"--realise", storePaths.get(i), "--add-root", rootDir.resolve("root-" + i).toString(), "--indirect")
				.withTimeout(TIMEOUT);
			CommandResult result = runner.run(command);
			if (!result.succeeded()) {
				throw new IllegalStateException("nix-store --realise " + storePaths.get(i) + " failed"
						+ (result.exitCode() == CommandResult.TIMED_OUT ? " (timed out after " + TIMEOUT.toMinutes() + " min)" : "")
						+ ": " + result.tail(10));
			}
			out.add(rootDir.resolve("root-" + i));
		}
		return out;
	}

}
