package nixproc.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden files (style G7): {@code src/test/resources/golden/<TestClass>/<method>/} holds every regular file
 * byte for byte plus {@code MANIFEST}, one line per generated path with its kind ({@code file}, {@code exec},
 * {@code link -> target}). Run with {@code -Dnixproc.golden.update=true} to rewrite them, then review the diff.
 */
public final class Golden {

	private static final Path ROOT = Path.of("src/test/resources/golden");

	private Golden() {
	}

	public static void assertMatches(GeneratedFiles files, Class<?> testClass, String method) {
		Path dir = ROOT.resolve(testClass.getSimpleName()).resolve(method);
		try {
			if (Boolean.getBoolean("nixproc.golden.update")) {
				update(files, dir);
				return;
			}
			if (!Files.isDirectory(dir)) {
				fail("no golden files at " + dir.toAbsolutePath() + "; run with -Dnixproc.golden.update=true and review them");
			}
			List<String> mismatches = new ArrayList<>();
			compare(manifest(files).getBytes(StandardCharsets.UTF_8), dir.resolve("MANIFEST"), mismatches);
			for (Map.Entry<String, GeneratedFile> entry : files.files().entrySet()) {
				if (entry.getValue() instanceof GeneratedFile.Regular regular) {
					compare(regular.content(), dir.resolve(entry.getKey()), mismatches);
				}
			}
			assertThat(mismatches).as("golden files differ (update with -Dnixproc.golden.update=true)").isEmpty();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	private static String manifest(GeneratedFiles files) {
		StringBuilder out = new StringBuilder();
		files.files().forEach((path, file) -> {
			if (file instanceof GeneratedFile.Regular regular) {
				out.append(regular.executable() ? "exec " : "file ").append(path).append('\n');
			}
			else if (file instanceof GeneratedFile.Symlink link) {
				out.append("link ").append(path).append(" -> ").append(link.target()).append('\n');
			}
		});
		return out.toString();
	}

	private static void update(GeneratedFiles files, Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> walk = Files.walk(dir)) {
				for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("MANIFEST"), manifest(files));
		for (Map.Entry<String, GeneratedFile> entry : files.files().entrySet()) {
			if (entry.getValue() instanceof GeneratedFile.Regular regular) {
				Path target = dir.resolve(entry.getKey());
				Files.createDirectories(target.getParent());
				Files.write(target, regular.content());
			}
		}
	}

	private static void compare(byte[] actual, Path expectedFile, List<String> mismatches) throws IOException {
		if (!Files.exists(expectedFile)) {
			mismatches.add(expectedFile + " is missing");
			return;
		}
		if (java.util.Arrays.equals(actual, Files.readAllBytes(expectedFile))) {
			return;
		}
		Path actualFile = Files.createTempFile("actual", ".txt");
		Files.write(actualFile, actual);
		try {
			Process diff = new ProcessBuilder("diff", "-u", expectedFile.toString(), actualFile.toString()).redirectErrorStream(true).start();
			mismatches.add(new String(diff.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		finally {
			Files.delete(actualFile);
		}
	}

}
