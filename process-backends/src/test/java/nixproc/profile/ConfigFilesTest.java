package nixproc.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model's {@code configFiles}: part of the instance's hash, written with their mode before the instance starts. */
class ConfigFilesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path state;

	private final Backend backend = Backends.byKind(BackendKind.SYSVINIT).orElseThrow();

	@Test
	void aConfigFileIsWrittenWithItsPlaceholdersAndModeAndReplacedAtomically() throws Exception {
		BuiltProfile profile = build("listen 1;\nroot ${stateDir}/${instanceName};\n", "0640");
		ProfileGeneration generation = new GenerationStore(GenerationStore.profileDir(state, "p")).write(profile.files(),
				new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, "sysvinit", java.time.Instant.now(), "", profile.instances(), ProfileManifest.AccountNames.NONE));
		Path target = state.resolve("proxy/proxy.conf");
		Files.createDirectories(target.getParent());
		Files.writeString(target, "stale");

		ConfigFiles.materialise(generation, generation.manifest().instances());

		assertThat(target).hasContent("listen 1;\nroot " + state + "/proxy;\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
		try (var siblings = Files.list(target.getParent())) {
			assertThat(siblings).containsExactly(target);
		}
	}

	@Test // #17
	void aConfigFileIsWrittenWithoutFollowingALinkOnItsPathOrAtItsName(@TempDir Path outside) throws Exception {
		BuiltProfile profile = build("listen 1;\n", "0640");
		ProfileGeneration generation = new GenerationStore(GenerationStore.profileDir(state, "p")).write(profile.files(),
				new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, "sysvinit", java.time.Instant.now(), "", profile.instances(), ProfileManifest.AccountNames.NONE));
		// the instance's user owns its directory and makes it a link to where it wants root to write
		Path link = Files.createSymbolicLink(state.resolve("proxy"), outside);

		assertThatThrownBy(() -> ConfigFiles.materialise(generation, generation.manifest().instances()))
			.hasMessageContaining(link.toString())
			.hasMessageContaining("symbolic link");
		try (var planted = Files.list(outside)) {
			assertThat(planted).isEmpty();
		}

		// links at the file's own name and at its temporary name are replaced, never written through
		Files.delete(link);
		Files.createDirectories(state.resolve("proxy"));
		Path victim = Files.writeString(outside.resolve("victim"), "precious");
		Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
		Files.createSymbolicLink(state.resolve("proxy/proxy.conf"), victim);
		Files.createSymbolicLink(state.resolve("proxy/.proxy.conf.nixproc-tmp"), victim);
		ConfigFiles.materialise(generation, generation.manifest().instances());
		assertThat(victim).hasContent("precious");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("rw-------");
		assertThat(Files.isSymbolicLink(state.resolve("proxy/proxy.conf"))).isFalse();
		assertThat(state.resolve("proxy/proxy.conf")).hasContent("listen 1;\n");
		try (var siblings = Files.list(state.resolve("proxy"))) {
			assertThat(siblings).containsExactly(state.resolve("proxy/proxy.conf"));
		}
	}

	@Test // #17
	void aConfigFileWithoutAModeIsReadableByTheInstancesUserAlone() throws Exception {
		Map<String, Object> model = Map.of("keeper", Map.of("pkg", Map.of("foregroundProcess", "/bin/sleep", "user",
				"daemon", "configFiles", List.of(Map.of("path", "${stateDir}/${instanceName}/key", "content", "s3cret")))));
		Layout privileged = new Layout(StateDirs.derive(state.toString(), Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty()), false);
		BuiltProfile profile = ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false),
				backend, privileged);
		ProfileGeneration generation = new GenerationStore(GenerationStore.profileDir(state, "p")).write(profile.files(),
				new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, "sysvinit", java.time.Instant.now(), "",
						profile.instances(), ProfileManifest.AccountNames.NONE));

		ConfigFiles.materialise(generation, generation.manifest().instances());

		Path key = state.resolve("keeper/key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		assertThat(Files.getOwner(key).getName()).isEqualTo("daemon");
	}

	@Test
	void changingAConfigFileChangesOnlyThatInstancesHash() {
		BuiltProfile one = build("listen 1;\n", "0644");
		BuiltProfile two = build("listen 2;\n", "0644");

		assertThat(two.instances().get(0).hash()).isEqualTo(one.instances().get(0).hash());
		assertThat(two.instances().get(1).hash()).isNotEqualTo(one.instances().get(1).hash());
		assertThat(one.instances().get(1).files()).contains("nixproc-config/proxy/0", "nixproc-config/proxy/index.json");
	}

	@Test
	void aPathThatIsNotAbsoluteIsBadInputNamingItsPointer() {
		assertThatThrownBy(() -> ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(Map.of("proxy", Map.of("pkg", Map.of(
				"foregroundProcess", "/bin/sleep", "configFiles", List.of(Map.of("path", "proxy.conf", "content", "x")))))), false),
				backend, layout()))
			.isInstanceOfSatisfying(ModelException.class, ex -> assertThat(ex.problems())
				.extracting(p -> p.pointer())
				.containsExactly("/proxy/pkg/configFiles/0/path"));
	}

	private BuiltProfile build(String conf, String mode) {
		Map<String, Object> model = new java.util.LinkedHashMap<>();
		model.put("app", Map.of("pkg", Map.of("foregroundProcess", "/bin/sleep", "foregroundProcessArgs", List.of("1"))));
		model.put("proxy", Map.of("pkg", Map.of("foregroundProcess", "/bin/sleep", "foregroundProcessArgs", List.of("2"), "configFiles",
				List.of(Map.of("path", "${stateDir}/${instanceName}/proxy.conf", "content", conf, "mode", mode)))));
		return ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false), backend, layout());
	}

	private Layout layout() {
		return new Layout(StateDirs.derive(state.toString(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), true);
	}

}
