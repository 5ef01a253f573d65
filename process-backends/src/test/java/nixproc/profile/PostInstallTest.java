package nixproc.profile;

import java.nio.charset.StandardCharsets;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.GeneratedFile;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code postInstall}: the seed's extra build commands, run with {@code $out} holding the instance's generated files,
 * whose result is the instance's files (#16: it was read and then ignored by every backend).
 */
class PostInstallTest {

	static java.util.List<Backend> backends() {
		return Backends.all();
	}

	@ParameterizedTest(name = "{0}") // #16
	@MethodSource("backends")
	void itsFilesJoinTheInstancesFilesAndItsHash(Backend backend) {
		String script = "mkdir -p $out/etc/dysnomia/containers && printf 'port=9001\\n' > $out/etc/dysnomia/containers/extra"
				+ " && printf '#!/bin/sh\\n' > $out/bin-extra && chmod +x $out/bin-extra";
		BuiltProfile with = build(backend, script);
		BuiltProfile without = build(backend, "");

		assertThat(with.files().files().get("etc/dysnomia/containers/extra"))
			.isEqualTo(new GeneratedFile.Regular("port=9001\n".getBytes(StandardCharsets.UTF_8), false));
		assertThat(with.files().files().get("bin-extra")).isEqualTo(new GeneratedFile.Regular("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), true));
		InstanceEntry webapp = with.instances().stream().filter(i -> i.name().equals("webapp")).findFirst().orElseThrow();
		assertThat(webapp.files()).contains("etc/dysnomia/containers/extra", "bin-extra");
		assertThat(webapp.hash()).isNotEqualTo(without.instances().stream().filter(i -> i.name().equals("webapp")).findFirst().orElseThrow().hash());
		// everything the generator wrote is still there, unless the script changed it
		assertThat(with.files().files()).containsAllEntriesOf(without.files().files());
	}

	@Test // #16
	void itSeesTheGeneratedFilesAndMayChangeThem() {
		BuiltProfile profile = build(Backends.all().get(0), "test -x $out/etc/rc.d/init.d/webapp && echo '# extra' >> $out/etc/rc.d/init.d/webapp");

		GeneratedFile.Regular script = (GeneratedFile.Regular) profile.files().files().get("etc/rc.d/init.d/webapp");
		assertThat(new String(script.content(), StandardCharsets.UTF_8)).endsWith("# extra\n");
		assertThat(script.executable()).isTrue();
	}

	@Test // #16
	void aFailingScriptIsNamedWithItsField() {
		assertThatThrownBy(() -> build(Backends.all().get(0), "echo no such tool >&2; exit 3"))
			.isInstanceOf(ModelException.class)
			.hasMessageContaining("/webapp/pkg/postInstall: the script failed with exit code 3: no such tool");
	}

	private static BuiltProfile build(Backend backend, String postInstall) {
		ProcessesModel model = ModelReader.readProcesses("""
				{"webapp": {"pkg": {"process": "/bin/webapp", "daemonArgs": ["-D"], "pidFile": "/run/webapp.pid",
				  "postInstall": %s}}}
				""".formatted(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(postInstall)), false);
		return ProfileBuilder.build(model, backend, Layout.privileged());
	}

}
