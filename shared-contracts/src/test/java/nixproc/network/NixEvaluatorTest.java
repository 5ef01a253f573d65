package nixproc.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import nixproc.model.ModelException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.network.Fixtures.modelSet;
import static nixproc.network.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the real nix-instantiate (Debian's nix-bin, infra/packages.txt). Without it these tests fail with the
 * message below instead of being skipped.
 */
class NixEvaluatorTest {

	private static final NixEvaluator NIX = NixEvaluator.fromPath();

	@TempDir
	Path dir;

	@BeforeAll
	static void nixIsInstalled() {
		assertThat(NIX.available()).as("nix-instantiate on the PATH; run infra/install-prerequisites.sh").isTrue();
	}

	@Test
	void disnixStyleNixModelsEvaluateToTheJsonShape() throws Exception {
		Path services = write("services.nix", resource("services.nix"));
		Path infrastructure = write("infrastructure.nix", resource("infrastructure.nix"));
		Path distribution = write("distribution.nix", resource("distribution.nix"));
		Path ids = write("idresources.yaml", resource("idresources.yaml"));

		DeploymentModel model = DeploymentReader.readValidFiles(services, infrastructure, distribution, Optional.of(ids), NIX);

		assertThat(model.services().get("nginx").dependsOn()).containsExactly(
				java.util.Map.entry("webapp1", "webapp1"), java.util.Map.entry("webapp2", "webapp2"));
		assertThat(model.services().get("nginx").pkg().args()).last().isEqualTo(
				"server_name ${target.properties.hostname}; upstream test1.local:5000;");
		assertThat(model.services().get("monitor").connectsTo()).containsEntry("proxy", "nginx");
		assertThat(model.distribution().get("webapp2")).containsExactly(Placement.to("test1"),
				new Placement("test2", Optional.of("process")));
		assertThat(model.infrastructure().get("test2").containers()).containsKey("mysql-database");
		assertThat(model.idResources()).containsOnlyKeys("webappPorts", "uids");
	}

	@Test
	void syntaxErrorsPointAtTheModel() {
		ObjectNode set = modelSet();
		set.putObject("distribution").put("format", "nix").put("text", "{ infrastructure }: { webapp1 = [ ; }");

		assertThatThrownBy(() -> DeploymentReader.readValid(set, NIX)).isInstanceOfSatisfying(ModelException.class,
				e -> assertThat(e.problems()).singleElement().satisfies(p -> {
					assertThat(p.pointer()).isEqualTo("/distribution");
					assertThat(p.message()).startsWith("Nix evaluation failed: error: syntax error").doesNotContain("/tmp/");
				}));
	}

	@Test
	void nonTerminatingNixIsKilledAtTheTimeout() throws Exception {
		Path file = write("loop.nix", "builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 2000000000)");
		long start = System.nanoTime();

		// the timeout alone: the list would otherwise meet the memory limit first
		NixEvaluator.Result result = NIX.withLimits(Duration.ofSeconds(2), 1024).withMemoryLimit(64L << 30).evaluate(file);

		assertThat(result).isEqualTo(new NixEvaluator.Failed("Nix evaluation did not finish within 2 s (non-terminating expression?)"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
	}

	@Test
	void endlessOutputIsCutAtTheLimit() throws Exception {
		Path file = write("deep.nix", "let x = { a = x; b = \"0123456789\"; }; in x");

		assertThat(NIX.withLimits(Duration.ofSeconds(5), 100_000).evaluate(file))
			.isEqualTo(new NixEvaluator.Failed("Nix evaluation produced more than 100000 characters of JSON"));
	}

	@Test
	void restrictedEvaluationCannotReadOtherFiles() throws Exception {
		Path file = write("read.nix", "builtins.readFile /etc/passwd");

		assertThat(NIX.evaluate(file)).isInstanceOfSatisfying(NixEvaluator.Failed.class,
				f -> assertThat(f.message()).contains("forbidden in restricted mode"));
	}

	@Test
	void searchPathEntriesResolveAndAreTheOnlyOtherReadablePlaces(@TempDir Path elsewhere) throws Exception {
		Path pkgs = Files.createDirectories(elsewhere.resolve("pkgs"));
		Files.writeString(pkgs.resolve("default.nix"), "{ }: { hello = \"from pkgs\"; }");
		Files.writeString(elsewhere.resolve("secret.nix"), "\"secret\"");
		Path file = write("uses.nix", "(import <nixpkgs> { }).hello");

		assertThat(NIX.evaluate(file, List.of("nixpkgs=" + pkgs))).isEqualTo(new NixEvaluator.Json("\"from pkgs\""));
		assertThat(NIX.evaluate(file)).isInstanceOfSatisfying(NixEvaluator.Failed.class,
				f -> assertThat(f.message()).contains("file 'nixpkgs' was not found in the Nix search path"));
		Path sibling = write("sibling.nix", "import " + elsewhere.resolve("secret.nix"));
		assertThat(NIX.evaluate(sibling, List.of("nixpkgs=" + pkgs))).isInstanceOfSatisfying(NixEvaluator.Failed.class,
				f -> assertThat(f.message()).contains("forbidden in restricted mode"));
	}

	@Test // #17
	void anEvaluationFetchesNothingRunsNothingAndSeesNoEnvironment() throws Exception {
		Path marker = dir.resolve("ran");
		assertThat(NIX.evaluate(write("fetch.nix", "builtins.fetchurl \"http://127.0.0.1:9/key\"")))
			.isInstanceOfSatisfying(NixEvaluator.Failed.class,
					f -> assertThat(f.message()).contains("forbidden in restricted mode"));
		assertThat(NIX.evaluate(write("exec.nix", "builtins.exec [ \"touch\" \"" + marker + "\" ]")))
			.isInstanceOf(NixEvaluator.Failed.class);
		assertThat(marker).doesNotExist();
		// the service's environment (its tokens, NIXPROC_DB_PASSWORD) is not the model's to read
		assertThat(NIX.evaluate(write("env.nix", "[ (builtins.getEnv \"HOME\") (builtins.getEnv \"PATH\") ]")))
			.isEqualTo(new NixEvaluator.Json("[\"\",\"\"]"));
	}

	@Test // #17
	void anEvaluationIsHeldToItsMemoryLimit() throws Exception {
		Path file = write("big.nix",
				"builtins.length (builtins.genList (x: \"xxxxxxxxxxxxxxxxxxxxxxxxx${toString x}\") 20000000)");

		assertThat(NIX.withMemoryLimit(256L * 1024 * 1024).evaluate(file)).isInstanceOfSatisfying(
				NixEvaluator.Failed.class, f -> assertThat(f.message()).startsWith("Nix evaluation needed more than 256 MiB"));
	}

	@Test // #17
	void evaluationsBeyondTheBoundWaitForASlotThenAreRefusedAsBusy() throws Exception {
		// a stand-in for nix-instantiate that takes two seconds to answer 1
		Path program = write("slow-nix-instantiate", "#!/bin/sh\nsleep 2\nprintf 1\n");
		program.toFile().setExecutable(true);
		NixEvaluator one = NIX.withExecutable(program).withConcurrency(1, Duration.ofMillis(300));
		Path slow = write("slow.nix", "1");
		Path quick = write("quick.nix", "1");
		java.util.concurrent.CompletableFuture<NixEvaluator.Result> first = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> one.evaluate(slow));
		Thread.sleep(500);

		assertThatThrownBy(() -> one.evaluate(quick)).isInstanceOf(NixEvaluator.Busy.class)
			.hasMessageContaining("too many Nix evaluations at once");
		assertThat(first.get()).isInstanceOf(NixEvaluator.Json.class);
		assertThat(one.evaluate(quick)).isEqualTo(new NixEvaluator.Json("1"));
	}

	@Test
	void nixPathIsSplitAsNixSplitsIt() {
		assertThat(NixEvaluator.parseNixPath("nixpkgs=/a/b:/c::d=https://example.org/x.tar.gz:channel:nixos-22.05:e=/f"))
			.containsExactly("nixpkgs=/a/b", "/c", "d=https://example.org/x.tar.gz", "channel:nixos-22.05", "e=/f");
		assertThat(NixEvaluator.parseNixPath("")).isEmpty();
		assertThat(NixEvaluator.absolute("nixpkgs=https://example.org/x.tar.gz")).isEqualTo("nixpkgs=https://example.org/x.tar.gz");
		assertThat(NixEvaluator.absolute("nixpkgs=rel/dir")).isEqualTo("nixpkgs=" + Path.of("rel/dir").toAbsolutePath());
		assertThat(NixEvaluator.absolute("/abs")).isEqualTo("/abs");
	}

	@Test // #16
	void aServicesModelImportsConstructorsFromAParentDirectoryOfItsWorkingCopy() throws Exception {
		Path checkout = Files.createDirectories(dir.resolve("checkout"));
		Files.createDirectories(checkout.resolve(".git"));
		Path constructors = Files.createDirectories(checkout.resolve("constructors"));
		Files.writeString(constructors.resolve("default.nix"), """
				{ port }: { process = "/bin/webapp"; environment.PORT = toString port; }
				""");
		Path models = Files.createDirectories(checkout.resolve("deployment/network"));
		Path services = Files.writeString(models.resolve("services.nix"), """
				{ distribution, invDistribution, system, pkgs }:
				{ webapp = { name = "webapp"; type = "process"; pkg = import ../../constructors { port = 5000; }; }; }
				""");
		Path infrastructure = Files.writeString(models.resolve("infrastructure.nix"),
				"{ test1 = { properties.hostname = \"test1\"; processManager = \"sysvinit\"; }; }");
		Path distribution = Files.writeString(models.resolve("distribution.nix"),
				"{ infrastructure }: { webapp = [ infrastructure.test1 ]; }");

		DeploymentModel model = DeploymentReader.readValidFiles(services, infrastructure, distribution, Optional.empty(), NIX);
		assertThat(model.services().get("webapp").pkg().environment()).containsEntry("PORT", "5000");

		// with the root at the models' own directory, the parent directory is out of reach, and the message says why
		assertThatThrownBy(() -> DeploymentReader.readValidFiles(services, infrastructure, distribution, Optional.empty(), NIX,
				Optional.of(models)))
			.isInstanceOf(ModelException.class)
			.hasMessageContaining("forbidden in restricted mode")
			.hasMessageContaining("a model may read files below " + models + "; choose another directory with --model-root");
	}

	private Path write(String name, String text) throws Exception {
		return Files.writeString(dir.resolve(name), text);
	}

}
