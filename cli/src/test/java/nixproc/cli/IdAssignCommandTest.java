package nixproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdsFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nixproc id-assign} on the examples/webapps-ids models (Nix, evaluated by the real nix-instantiate) and on
 * small YAML models for the bad inputs. A rejected run writes nothing.
 */
class IdAssignCommandTest {

	private static final Path EXAMPLE = Path.of("..", "examples", "webapps-ids").toAbsolutePath().normalize();

	@TempDir
	Path tmp;

	@BeforeEach
	void copyTheExampleWithoutItsIds() throws IOException {
		for (String file : List.of("idresources.nix", "processes.nix", "processes-advanced.nix")) {
			Files.copy(EXAMPLE.resolve(file), tmp.resolve(file));
		}
	}

	/** Reference §7.2: assign, remove `webapp`, add webapp1..6 and nginx2; the cursors continue, nothing is reused. */
	@Test
	void replaysTheSeedsSequence() throws IOException {
		CliRun first = assign("--output-file", "ids.nix", "processes.nix");
		assertThat(first.exitCode()).as(first.err()).isZero();
		IdAssignments initial = ids("ids.nix");
		assertThat(initial.ids()).isEqualTo(Map.of(
				"webappPorts", Map.of("webapp", 5000L),
				"nginxPorts", Map.of("nginx", 8080L),
				"uids", Map.of("nginx", 2000L, "webapp", 2001L),
				"gids", Map.of("nginx", 2000L, "webapp", 2001L)));
		assertThat(initial.lastAssignments()).isEqualTo(Map.of("webappPorts", 5000L, "nginxPorts", 8080L, "uids", 2001L, "gids", 2001L));
		// the example's own ids.nix is this output, byte for byte
		assertThat(Files.readString(tmp.resolve("ids.nix"))).isEqualTo(Files.readString(EXAMPLE.resolve("ids.nix")));

		CliRun second = assign("--ids", "ids.nix", "--output-file", "ids.nix", "processes-advanced.nix");
		assertThat(second.exitCode()).as(second.err()).isZero();
		IdAssignments advanced = ids("ids.nix");
		// webapp's 5000 and 2001 are free but lie behind the cursor: reused only after a wrap-around
		assertThat(advanced.ids().get("webappPorts")).isEqualTo(Map.of("webapp1", 5001L, "webapp2", 5002L, "webapp3", 5003L,
				"webapp4", 5004L, "webapp5", 5005L, "webapp6", 5006L));
		assertThat(advanced.ids().get("nginxPorts")).isEqualTo(Map.of("nginx", 8080L, "nginx2", 8081L));
		assertThat(advanced.ids().get("uids")).isEqualTo(Map.of("nginx", 2000L, "nginx2", 2002L, "webapp1", 2003L,
				"webapp2", 2004L, "webapp3", 2005L, "webapp4", 2006L, "webapp5", 2007L, "webapp6", 2008L));
		assertThat(advanced.lastAssignments()).isEqualTo(Map.of("webappPorts", 5006L, "nginxPorts", 8081L, "uids", 2008L, "gids", 2008L));

		// the model reads its ids.nix: the profile gets the assigned ports and UIDs
		CliRun build = CliRun.of("build", "-P", "sysvinit", "--out", tmp.resolve("profile").toString(),
				tmp.resolve("processes-advanced.nix").toString());
		assertThat(build.exitCode()).as(build.err()).isZero();
		assertThat(Files.readString(tmp.resolve("profile/etc/rc.d/init.d/webapp6"))).contains("PORT=5006");
		assertThat(Files.readString(tmp.resolve("profile/dysnomia-support/users/webapp6"))).contains("uid=2008");
	}

	@Test
	void printsNixOrJsonOnStandardOutput() throws IOException {
		CliRun nix = assign("processes.nix");
		assertThat(nix.exitCode()).as(nix.err()).isZero();
		assertThat(IdsFiles.read(nix.out(), IdsFiles.Format.NIX).id("uids", "webapp")).contains(2001L);
		CliRun json = assign("--format", "json", "processes.nix");
		assertThat(json.exitCode()).as(json.err()).isZero();
		assertThat(IdsFiles.read(json.out(), IdsFiles.Format.JSON)).isEqualTo(IdsFiles.read(nix.out(), IdsFiles.Format.NIX));
	}

	@Test
	void aDepletedPoolFailsTheWholeRunAndWritesNothing() throws IOException {
		Files.writeString(tmp.resolve("small.yaml"), "webappPorts: { min: 5000, max: 5004, step: 2 }\nuids: { min: 2000, max: 3000 }\n");
		Files.writeString(tmp.resolve("ids.nix"), "{ ids = { }; }\n");
		CliRun run = CliRun.of("id-assign", "--id-resources", tmp.resolve("small.yaml").toString(), "--output-file",
				tmp.resolve("ids.nix").toString(), yamlModel(4, "webappPorts", "uids").toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("nixproc: pool webappPorts is depleted: all 3 IDs are in use, none left for webapp3")
			.doesNotContain("\tat ");
		assertThat(Files.readString(tmp.resolve("ids.nix"))).isEqualTo("{ ids = { }; }\n");
	}

	@Test
	void minAboveMaxNamesTheField() throws IOException {
		Files.writeString(tmp.resolve("bad.json"), "{ \"uids\": { \"min\": 3000, \"max\": 2000 } }");
		CliRun run = CliRun.of("id-assign", "--id-resources", tmp.resolve("bad.json").toString(), yamlModel(1, "uids").toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("/uids/max: --id-resources").contains("must not be below min (min 3000, max 2000)");
	}

	@Test
	void anUndefinedPoolNamesTheInstanceField() throws IOException {
		CliRun run = CliRun.of("id-assign", "--id-resources", tmp.resolve("idresources.nix").toString(),
				yamlModel(1, "uids", "dbPorts").toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("nixproc: /webapp0/requiresUniqueIdsFor/1: pool dbPorts is not defined in the ID resources");
	}

	@Test
	void anIdsFileInTheWrongFormatIsRefused() throws IOException {
		Files.writeString(tmp.resolve("ids.nix"), "{ \"ids\": { \"uids\": { \"webapp\": 2001 } } }");
		CliRun json = assign("--ids", "ids.nix", "processes.nix");
		assertThat(json.exitCode()).isEqualTo(2);
		assertThat(json.err()).startsWith("nixproc: --ids " + tmp.resolve("ids.nix") + ": not an ids file in the seed's nix format");
		Files.writeString(tmp.resolve("ids.nix"), "{ ids = { uids = { webapp = \"2001\"; }; }; }");
		CliRun string = assign("--ids", "ids.nix", "processes.nix");
		assertThat(string.exitCode()).isEqualTo(2);
		assertThat(string.err()).contains("--ids").contains("uids");
	}

	@Test
	void aBadNixModelIsAUsageError() throws IOException {
		Files.writeString(tmp.resolve("processes.nix"), "{ stateDir }: { webapp = ");
		CliRun run = assign("processes.nix");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Nix evaluation of").contains("syntax error");
	}

	/**
	 * The seed's services example: a supervisord instance needs a port; the pools of UIDs and GIDs, which nothing
	 * needs, are in the output too, empty, as dydisnix-id-assign prints a table for every resource; no newline after
	 * the last brace. On standard output and in --output-file alike.
	 */
	@Test // #16
	void seedStyleIdResourcesGiveTheSeedsOutputByteForByte() throws IOException {
		Files.writeString(tmp.resolve("idresources.nix"), """
				{
				  inetHTTPPorts = { min = 9001; max = 9091; };
				  uids = { min = 2000; max = 3000; };
				  gids = { min = 2000; max = 3000; };
				}
				""");
		Files.writeString(tmp.resolve("supervisord.nix"), """
				{ stateDir ? "/var", processManager ? null }:
				{
				  supervisord = rec {
				    port = 9001;
				    pkg = { instanceName = "supervisord"; foregroundProcess = "/bin/supervisord"; };
				    requiresUniqueIdsFor = [ "inetHTTPPorts" ];
				  };
				}
				""");
		String seed = "{\n"
				+ "  \"ids\" = {\n"
				+ "    \"gids\" = {\n"
				+ "    };\n"
				+ "    \"inetHTTPPorts\" = {\n"
				+ "      \"supervisord\" = 9001;\n"
				+ "    };\n"
				+ "    \"uids\" = {\n"
				+ "    };\n"
				+ "  };\n"
				+ "  \"lastAssignments\" = {\n"
				+ "    \"inetHTTPPorts\" = 9001;\n"
				+ "  };\n"
				+ "}";

		CliRun printed = assign("supervisord.nix");
		assertThat(printed.exitCode()).as(printed.err()).isZero();
		assertThat(printed.out()).isEqualTo(seed);
		CliRun written = assign("--output-file", "ids.nix", "supervisord.nix");
		assertThat(written.exitCode()).as(written.err()).isZero();
		assertThat(Files.readString(tmp.resolve("ids.nix"))).isEqualTo(seed);
		// and read back as the previous assignments, it stays the same
		CliRun again = assign("--ids", "ids.nix", "supervisord.nix");
		assertThat(again.out()).isEqualTo(seed);
	}

	private CliRun assign(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "id-assign";
		all[1] = "--id-resources";
		all[2] = tmp.resolve("idresources.nix").toString();
		for (int i = 0; i < args.length; i++) {
			boolean relative = !args[i].startsWith("-") && (args[i].endsWith(".nix") || args[i].endsWith(".json"));
			all[i + 3] = relative ? tmp.resolve(args[i]).toString() : args[i];
		}
		return CliRun.of(all);
	}

	private IdAssignments ids(String file) throws IOException {
		return IdsFiles.read(Files.readString(tmp.resolve(file)), IdsFiles.Format.NIX);
	}

	/** webapp0..webapp(n-1), each requiring the given pools. */
	private Path yamlModel(int n, String... pools) throws IOException {
		StringBuilder yaml = new StringBuilder();
		for (int i = 0; i < n; i++) {
			yaml.append("webapp").append(i).append(":\n  requiresUniqueIdsFor: [").append(String.join(", ", pools))
				.append("]\n  pkg: { process: /bin/webapp }\n");
		}
		return Files.writeString(tmp.resolve("model.yaml"), yaml.toString());
	}

}
