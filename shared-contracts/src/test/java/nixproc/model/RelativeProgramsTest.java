package nixproc.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import nixproc.network.DeploymentReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Programs written relative to a model file are the files beside it; everything else stays as written. */
class RelativeProgramsTest {

	@TempDir
	Path tmp;

	@Test
	void aProcessesModelFileResolvesItsRelativeProgramsAgainstItsOwnDirectory() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("examples/webapps"));
		Path file = Files.writeString(dir.resolve("processes.yaml"), """
				a: { pkg: { process: ./bin/a } }
				b: { pkg: { daemon: ../webapp/webapp, foregroundProcess: ../webapp/webapp } }
				c: { pkg: { process: webapp } }
				d: { pkg: { process: /usr/sbin/nginx } }
				e: { pkg: { process: "${stateDir}/bin/e", args: [./not-a-program] } }
				""");

		ProcessesModel model = ModelReader.readProcesses(file);

		assertThat(model.instances().get("a").pkg().process()).contains(dir.resolve("bin/a").toString());
		assertThat(model.instances().get("b").pkg().daemon()).contains(tmp.resolve("examples/webapp/webapp").toString());
		assertThat(model.instances().get("b").pkg().foregroundProcess())
			.contains(tmp.resolve("examples/webapp/webapp").toString());
		assertThat(model.instances().get("c").pkg().process()).contains("webapp");
		assertThat(model.instances().get("d").pkg().process()).contains("/usr/sbin/nginx");
		assertThat(model.instances().get("e").pkg().process()).contains("${stateDir}/bin/e");
		assertThat(model.instances().get("e").pkg().args()).containsExactly("./not-a-program");
	}

	@Test
	void aManagedProcessFileResolvesItsRelativeProgramAsItsDependenciesAre() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("examples/webapps"));
		Path file = Files.writeString(dir.resolve("webapp1.json"), """
				{"instanceName": "webapp1", "process": "../webapp/webapp", "daemonArgs": ["-D"]}
				""");

		assertThat(ModelReader.readManagedProcessFile(file).process().process())
			.contains(tmp.resolve("examples/webapp/webapp").toString());
	}

	@Test
	void aModelReadFromTextHasNoDirectoryAndKeepsItsProgramsAsWritten() {
		ProcessesModel model = ModelReader.readProcesses("a: { pkg: { process: ./bin/a } }", true);

		assertThat(model.instances().get("a").pkg().process()).contains("./bin/a");
	}

	@Test
	void aServicesModelFileOfADeploymentResolvesItsRelativeProgramsToo() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("network"));
		Path services = Files.writeString(dir.resolve("services.yaml"), """
				webapp: { name: webapp, pkg: { daemon: ../webapp/webapp, foregroundProcess: webapp } }
				""");
		Path infrastructure = Files.writeString(dir.resolve("infrastructure.yaml"), "test1: { properties: { hostname: h } }\n");
		Path distribution = Files.writeString(dir.resolve("distribution.yaml"), "webapp: [test1]\n");

		JsonNode set = DeploymentReader.modelSetOfFiles(services, infrastructure, distribution, Optional.empty());

		JsonNode pkg = set.get("services").get("webapp").get("pkg");
		assertThat(pkg.get("daemon").asString()).isEqualTo(tmp.resolve("webapp/webapp").toString());
		assertThat(pkg.get("foregroundProcess").asString()).isEqualTo("webapp");
	}

}
