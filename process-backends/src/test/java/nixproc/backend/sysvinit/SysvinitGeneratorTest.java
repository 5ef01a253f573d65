package nixproc.backend.sysvinit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

class SysvinitGeneratorTest {

	private static final SysvinitBackend BACKEND = new SysvinitBackend();

	private static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	private static Layout unprivileged() {
		return new Layout(StateDirs.derive("/home/unprivileged/var", Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), true);
	}

	@Test
	void webappsBehindNginxPrivileged(@TempDir Path out) {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		Golden.assertMatches(files, getClass(), "webappsBehindNginxPrivileged");
		shellcheckEveryScript(files, out);
	}

	@Test
	void foregroundOnlyWebappUnprivileged(@TempDir Path out) {
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged()).files();
		Golden.assertMatches(files, getClass(), "foregroundOnlyWebappUnprivileged");
		shellcheckEveryScript(files, out);
	}

	@Test // #3: the seed writes no S links without runlevels, so nothing ever starts
	void withoutRunlevelsTheProcessStartsInRunlevels3To5() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		assertThat(files.files().keySet()).contains("etc/rc.d/rc3.d/S00webapp1", "etc/rc.d/rc4.d/S00webapp1",
				"etc/rc.d/rc5.d/S00webapp1", "etc/rc.d/rc0.d/K99webapp1", "etc/rc.d/rc6.d/K99webapp1",
				"etc/rc.d/rc3.d/S01nginx", "etc/rc.d/rc2.d/K98nginx");
	}

	@Test
	void aDependantStartsAfterEveryDependency() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		List<String> rc3 = files.files().keySet().stream().filter(p -> p.startsWith("etc/rc.d/rc3.d/")).sorted().toList();
		assertThat(rc3).containsExactly("etc/rc.d/rc3.d/S00webapp1", "etc/rc.d/rc3.d/S00webapp2", "etc/rc.d/rc3.d/S01nginx");
		assertThat(files.files().get("etc/rc.d/rc3.d/S01nginx")).isEqualTo(new GeneratedFile.Symlink("../init.d/nginx"));
	}

	@Test
	void unprivilegedProfilesCreateNoGroupsAndNoSu() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, unprivileged()).files();
		assertThat(files.files().keySet()).noneMatch(p -> p.startsWith("dysnomia-support/"));
		GeneratedFile.Regular script = (GeneratedFile.Regular) files.files().get("etc/rc.d/init.d/webapp1");
		assertThat(new String(script.content())).doesNotContain("su -s").contains("pidfile=/home/unprivileged/var/tmp/webapp1.pid");
	}

	@Test
	void anOverrideTheBackendDoesNotHaveIsNamedByPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"sysvinit\":{\"runlevel\":[3]}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/sysvinit/runlevel"));
	}

	@Test
	void customActivitiesAreAddedAndBuiltinsCanBeRemoved() {
		ProcessesModel model = ModelReader.readProcesses("{\"w\":{\"pkg\":{\"process\":\"/bin/w\",\"overrides\":{\"sysvinit\":"
				+ "{\"activities\":{\"check\":\"echo ok\"},\"removeActivities\":[\"reload\"],\"runlevels\":null}}}}}", false);
		GeneratedFiles files = ProfileBuilder.build(model, BACKEND, Layout.privileged()).files();
		String script = new String(((GeneratedFile.Regular) files.files().get("etc/rc.d/init.d/w")).content());
		assertThat(script).contains("\tcheck)\n\t\techo ok\n").contains("{start|stop|restart|status|check}").doesNotContain("\treload)");
		// runlevels: null removes the default, as the seed's unset runlevels: every level stops it.
		assertThat(files.files().keySet()).noneMatch(p -> p.contains("/S")).contains("etc/rc.d/rc3.d/K99w");
	}

	private static void shellcheckEveryScript(GeneratedFiles files, Path out) {
		files.writeTo(out);
		files.files().keySet().stream().filter(p -> p.startsWith("etc/rc.d/init.d/")).forEach(p -> {
			assertThat(Files.isExecutable(out.resolve(p))).isTrue();
			Tools.shellcheck(out.resolve(p));
		});
	}

}
