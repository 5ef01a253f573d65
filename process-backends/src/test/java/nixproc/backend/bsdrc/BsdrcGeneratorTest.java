package nixproc.backend.bsdrc;

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

class BsdrcGeneratorTest {

	static final BsdrcBackend BACKEND = new BsdrcBackend();

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static Layout unprivileged() {
		return new Layout(StateDirs.derive("/home/unprivileged/var", Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), true);
	}

	static String script(GeneratedFiles files, String name) {
		return new String(((GeneratedFile.Regular) files.files().get("etc/rc.d/" + name)).content());
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

	@Test // #3: the seed's daemon(8) writes no PID file where rc.subr's pidfile= looks unless pidFile is explicit
	void daemonWritesThePidFileRcSubrChecks() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps-foreground.json"), BACKEND, unprivileged()).files();
		assertThat(script(files, "webapp"))
			.contains("\ncommand=/usr/sbin/daemon\nprocname=/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp\n")
			.contains("\ncommand_args='-p /home/unprivileged/var/run/webapp.pid -o /home/unprivileged/var/log/nixproc-webapp.log "
					+ "/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp'\n")
			.contains("\npidfile=/home/unprivileged/var/run/webapp.pid\n");
	}

	@Test
	void requireListsTheDependenciesAndInitializeIsTheStartPrecmd() {
		GeneratedFiles files = ProfileBuilder.build(example("webapps.json"), BACKEND, Layout.privileged()).files();
		String nginx = script(files, "nginx");
		assertThat(nginx).contains("# PROVIDE: nginx\n# REQUIRE: webapp1 webapp2\n# KEYWORD: shutdown\n")
			.contains("\nstart_precmd=nginx_prestart\n")
			.contains("nginx_prestart() {\n\tmkdir -p /var/nginx/logs /var/cache/nginx\n");
		assertThat(script(files, "webapp1")).doesNotContain("REQUIRE").contains("\nwebapp1_user=webapp1\n");
	}

	@Test
	void commandArgumentsAreQuotedForRcSubrsEval() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"daemon\":\"/bin/w\",\"daemonArgs\":[\"a b\",\"$(x)\",\"it's\"]}}}", false);
		String script = script(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), "w");
		// rc.subr evals "$command $rc_flags $command_args": the value is the shell-quoted words.
		assertThat(script).contains("\ncommand_args=''\\''a b'\\'' '\\''$(x)'\\'' '\\''it'\\''\\'\\'''\\''s'\\'''\n");
		Tools.Result eval = Tools.runScript("sh", script.lines().filter(l -> l.startsWith("command_args="))
			.findFirst().orElseThrow() + "\neval \"printf '[%s]' $command_args\"\n");
		assertThat(eval.output()).isEqualTo("[a b][$(x)][it's]");
	}

	@Test
	void aUserWithArgumentsSuCannotCarryIsRefusedByPointer() {
		ProcessesModel model = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"daemon\":\"/bin/w\",\"daemonArgs\":[\"a b\"],\"user\":\"w\"}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(model, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/user"));
		// unprivileged there is no su, so the same model is fine
		assertThat(script(ProfileBuilder.build(model, BACKEND, unprivileged()).files(), "w")).contains("command_args=''\\''a b'\\'''\n");
	}

	@Test
	void overridesDeepMergeAndUnknownKeysAreNamedByPointer() {
		ProcessesModel model = ModelReader.readProcesses("""
				{"w":{"pkg":{"daemon":"/bin/w","overrides":{"bsdrc":{"requires":["NETWORKING"],"keywords":["shutdown","nojail"],
				 "stopSignal":"INT"}}}}}
				""", false);
		assertThat(script(ProfileBuilder.build(model, BACKEND, Layout.privileged()).files(), "w"))
			.contains("# PROVIDE: w\n# REQUIRE: NETWORKING\n# KEYWORD: shutdown nojail\n").contains("\nsig_stop=INT\n");
		ProcessesModel unknown = ModelReader.readProcesses(
				"{\"w\":{\"pkg\":{\"daemon\":\"/bin/w\",\"overrides\":{\"bsdrc\":{\"rcvar\":\"x\"}}}}}", false);
		assertThatThrownBy(() -> ProfileBuilder.build(unknown, BACKEND, Layout.privileged()).files())
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems().get(0).pointer()).isEqualTo("/w/pkg/overrides/bsdrc/rcvar"));
	}

	private static void shellcheckEveryScript(GeneratedFiles files, Path out) {
		files.writeTo(out);
		files.files().keySet().stream().filter(p -> p.startsWith("etc/rc.d/")).forEach(p -> Tools.shellcheck(out.resolve(p)));
	}

}
