package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service's JVM with an AppCDS archive of its classes, which starts a Spring Boot service in about 60 % of the
 * time (stack notes: 9.2 s → 5.5 s on this kind of machine). CDS cannot archive classes from a Boot jar's nested
 * jars, so the jar is extracted once per build ({@code java -Djarmode=tools -jar … extract}) into the user's cache;
 * a run without an archive writes one when it stops ({@code -XX:ArchiveClassesAtExit}), which the next run maps.
 *
 * @param extracted the extracted jar ({@code <dir>/<module>.jar} with {@code lib/} beside it)
 * @param archive where the archive lives once written
 */
record ClassDataSharing(Path extracted, Path archive) {

	/** An archive smaller than this was written by a run that stopped early: a service loads far more. */
	private static final long COMPLETE = 20_000_000;

	/** The extracted form of {@code jar}, made on first use (into a temporary directory renamed into place). */
	static ClassDataSharing of(Path jar) {
		String module = jar.getFileName().toString().replaceFirst("\\.jar$", "");
		try {
			String stamp = Files.getLastModifiedTime(jar).toMillis() + "." + Files.size(jar);
			Path dir = EmbeddedPostgres.cacheHome().resolve("nixproc").resolve("services").resolve(module + "-" + stamp);
			Path extracted = dir.resolve("extracted").resolve(jar.getFileName());
			if (!Files.isRegularFile(extracted)) {
				extract(jar, dir);
			}
			return new ClassDataSharing(extracted, dir.resolve(module + ".jsa"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot prepare " + jar + " for class data sharing", e);
		}
	}

	/** The JVM options and jar to run: mapping the archive, or writing one to {@code pending} at exit. */
	List<String> javaArguments(Path pending) {
		if (Files.isRegularFile(archive)) {
			return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar",
					extracted.toString());
		}
		return List.of("-XX:ArchiveClassesAtExit=" + pending, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar",
				extracted.toString());
	}

	/** Once the run that wrote {@code pending} has stopped: keep it as the archive if it is whole. */
	void adopt(Path pending) {
		try {
			if (Files.isRegularFile(pending) && Files.size(pending) > COMPLETE && !Files.exists(archive)) {
				Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE);
			}
			Files.deleteIfExists(pending);
		}
		catch (IOException e) {
			// without an archive the next start is only slower
		}
	}

	private static void extract(Path jar, Path dir) throws IOException {
		Files.createDirectories(dir);
		Path tmp = Files.createTempDirectory(dir, ".extract-");
		Process extract = new ProcessBuilder(Installation.java().toString(), "-Djarmode=tools", "-jar", jar.toString(),
				"extract", "--destination", tmp.resolve("extracted").toString()).redirectErrorStream(true)
			.redirectOutput(tmp.resolve("extract.log").toFile())
			.start();
		try {
			if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
				extract.destroyForcibly();
				throw new EnsembleException("cannot extract " + jar + " for class data sharing:\n"
						+ ChildProcess.tail(tmp.resolve("extract.log"), 20));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EnsembleException("interrupted while extracting " + jar);
		}
		try {
			Files.move(tmp.resolve("extracted"), dir.resolve("extracted"), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException raced) {
			// another up extracted the same build first
		}
		Ensemble.deleteTree(tmp);
	}

}
