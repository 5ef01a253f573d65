package nixproc.backend.disnix;

import java.nio.file.Path;
import java.util.Optional;

import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Golden;
import nixproc.backend.Tools;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.ProfileBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisnixGeneratorTest {

	static final DisnixBackend BACKEND = new DisnixBackend();

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static Layout unprivileged(String stateDir) {
		return new Layout(StateDirs.derive(stateDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
				true);
	}

	static String text(GeneratedFiles files, String path) {
		return new String(((GeneratedFile.Regular) files.files().get(path)).content());
	}

	@Test
	void webappsBehindNginxPrivileged(@TempDir Path out) {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "webappsBehindNginxPrivileged");
		shellcheckEveryWrapper(files, out);
	}

	@Test
	void foregroundOnlyWebappUnprivileged(@TempDir Path out) {
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged("/home/unprivileged/var")).files();
		Golden.assertMatches(files, getClass(), "foregroundOnlyWebappUnprivileged");
		shellcheckEveryWrapper(files, out);
	}

	@Test
	void theProcessConfigNamesTheWrapperAndTheDerivedPidFile() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		assertThat(text(files, "etc/dysnomia/process/webapp1"))
			.isEqualTo("process=bin/webapp1-process-wrapper\npidFile=/tmp/webapp1.pid\n");
		assertThat(files.files().get("bin/webapp1-process-wrapper")).isInstanceOfSatisfying(GeneratedFile.Regular.class,
				f -> assertThat(f.executable()).isTrue());
	}

	@Test
	void aForegroundProcessIsDaemonisedByTheSharedShellDaemoniserWithNice() {
		String wrapper = text(ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged("/u/var")).files(),
				"bin/webapp-process-wrapper");
		assertThat(wrapper).contains("elif command -v start-stop-daemon >/dev/null 2>&1; then\n")
			.contains("--nicelevel 5").contains("logfile=/u/var/log/nixproc-webapp.log\n");
	}

	@Test
	void overridesAreRefusedByPointerBecauseThereAreNoParameters() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"disnix\":{\"type\":\"x\"}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/disnix/type"));
	}

	private static void shellcheckEveryWrapper(GeneratedFiles files, Path out) {
		files.writeTo(out);
		files.files().keySet().stream().filter(p -> p.startsWith("bin/")).forEach(p -> Tools.shellcheck(out.resolve(p)));
	}

}
