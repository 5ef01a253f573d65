package nixproc.nix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import nixproc.model.ModelException;
import nixproc.model.Problem;
import nixproc.model.ProcessesModel;
import nixproc.network.NixEvaluator;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link NixModels} against the real nix-instantiate, and without one. */
class NixModelsTest {

	private static final Path LIBRARY = Path.of("..", "nix").toAbsolutePath().normalize();

	private static final NixModelArguments ARGUMENTS = NixModelArguments.of(
			new Layout(StateDirs.derive("/srv", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), true),
			"supervisord");

	@TempDir
	Path tmp;

	private final NixModels nix = new NixModels(NixEvaluator.fromPath(), Optional.of(LIBRARY));

	@Test
	void withoutNixInstantiateANixModelGetsOneLine() throws IOException {
		Path model = Files.writeString(tmp.resolve("processes.nix"), "{ }: { }");
		ModelException e = catchThrowableOfType(ModelException.class,
				() -> new NixModels(NixEvaluator.unavailable(), Optional.of(LIBRARY)).read(model, ARGUMENTS));
		assertThat(e.problems()).containsExactly(new Problem("", NixEvaluator.UNAVAILABLE));
		assertThat(NixEvaluator.UNAVAILABLE).doesNotContain("\n").contains("JSON or YAML");
	}

	@Test
	void theArgumentsAreTheVariantsAndTheSeedsDerivedDirectories() throws IOException {
		Path model = Files.writeString(tmp.resolve("processes.nix"), """
				{ stateDir, runtimeDir, logDir, tmpDir, cacheDir, spoolDir, lockDir, libDir, forceDisableUserChange, processManager, ... }@args:
				{ probe = { pkg = { process = "/bin/true"; }; seen = builtins.attrNames args;
				  dirs = [ stateDir runtimeDir logDir tmpDir cacheDir spoolDir lockDir libDir ];
				  inherit forceDisableUserChange processManager; }; }
				""");
		ProcessesModel read = nix.read(model, ARGUMENTS);
		var probe = read.instances().get("probe").properties();
		assertThat(probe.get("dirs").toString())
			.isEqualTo("[\"/srv\",\"/srv/run\",\"/srv/log\",\"/srv/tmp\",\"/srv/cache\",\"/srv/spool\",\"/srv/lock\",\"/srv/lib\"]");
		assertThat(probe.get("forceDisableUserChange").asBoolean()).isTrue();
		assertThat(probe.get("processManager").asString()).isEqualTo("supervisord");
		// the ellipsis does not widen what is passed: only declared arguments, as the seed intersects them
		assertThat(probe.get("seen").toString()).doesNotContain("callingUser").doesNotContain("ids");
	}

	@Test
	void aNonTerminatingModelIsStoppedAtTheTimeout() throws IOException {
		Path model = Files.writeString(tmp.resolve("processes.nix"), "{ }: builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 2000000000)");
		// the timeout alone: the list would otherwise meet the memory limit first (#17)
		NixModels quick = new NixModels(NixEvaluator.fromPath().withLimits(Duration.ofSeconds(2), 1 << 20)
			.withMemoryLimit(64L << 30), Optional.of(LIBRARY));
		long start = System.nanoTime();
		ModelException e = catchThrowableOfType(ModelException.class, () -> quick.read(model, ARGUMENTS));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		assertThat(e.problems().get(0).message()).contains("did not finish within 2 s");
	}

	@Test
	void filesOutsideTheModelsDirectoryAndTheLibraryAreNotReadable() throws IOException {
		Path outside = Files.writeString(tmp.resolve("secret.nix"), "{ }");
		Path dir = Files.createDirectories(tmp.resolve("model"));
		Path model = Files.writeString(dir.resolve("processes.nix"), "{ }: import " + outside);
		ModelException e = catchThrowableOfType(ModelException.class, () -> nix.read(model, ARGUMENTS));
		assertThat(e.problems().get(0).message()).contains("forbidden in restricted mode");
		Files.writeString(dir.resolve("inner.nix"), "{ }");
		assertThat(nix.read(Files.writeString(dir.resolve("ok.nix"), "{ }: import ./inner.nix"), ARGUMENTS).instances()).isEmpty();
	}

	@Test
	void searchPathEntriesMakeNixpkgsResolveAndReadable() throws IOException {
		Path pkgs = Files.createDirectories(tmp.resolve("nixpkgs"));
		Files.writeString(pkgs.resolve("default.nix"), "{ ... }: { hello = \"/opt/hello\"; }");
		Path dir = Files.createDirectories(tmp.resolve("model"));
		Path model = Files.writeString(dir.resolve("processes.nix"),
				"{ pkgs ? import <nixpkgs> { } }: { hello = { pkg = { process = \"${pkgs.hello}/bin/hello\"; }; }; }");
		NixModels withNixpkgs = new NixModels(NixEvaluator.fromPath(), Optional.of(LIBRARY), List.of("nixpkgs=" + pkgs));
		assertThat(withNixpkgs.evaluate(model, ARGUMENTS)).contains("/opt/hello/bin/hello");
		ModelException e = catchThrowableOfType(ModelException.class, () -> nix.read(model, ARGUMENTS));
		assertThat(e.problems().get(0).message()).contains("file 'nixpkgs' was not found in the Nix search path");
	}

	@Test
	void aModelThatIsNotAFunctionIsTakenAsItIs() throws IOException {
		Path model = Files.writeString(tmp.resolve("processes.nix"), "{ webapp = { pkg = { process = \"/bin/webapp\"; }; }; }");
		assertThat(nix.read(model, ARGUMENTS).instances()).containsOnlyKeys("webapp");
		assertThat(NixModels.isNix(model)).isTrue();
		assertThat(NixModels.isNix(tmp.resolve("processes.yaml"))).isFalse();
	}

}
