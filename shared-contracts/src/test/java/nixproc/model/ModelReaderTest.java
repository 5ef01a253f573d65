package nixproc.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelReaderTest {

	@TempDir
	Path tmp;

	@Test
	void readsTheSeedsOwnJsonWithStorePathDependencies() throws IOException {
		// Exactly what the seed's create-agnostic-config.nix emits (§2.1), with store paths as dependencies.
		Path webapp1 = Files.createDirectories(tmp.resolve("nix/store/0c8bb4g3kydjyy7pfi7v8hkdwfvs5c1d-webapp1"));
		Files.writeString(webapp1.resolve("webapp1.json"), """
				{"credentials":{"groups":{"webapp1":{}},"users":{"webapp1":{"description":"Webapp","group":"webapp1"}}},\
				"daemonArgs":["-D"],"description":"Simple web application",\
				"environment":{"PID_FILE":"/tmp/webapp1.pid","PORT":5000},"instanceName":"webapp1",\
				"overrides":{"sysvinit":{"runlevels":[3,4,5]}},"process":"/nix/store/x-webapp/bin/webapp","user":"webapp1"}
				""");
		Path webapp2 = Files.createDirectories(tmp.resolve("nix/store/1z9vmk2w3ba1lbaqd6yq0hv5pxqm6kl2-webapp2"));
		Files.writeString(webapp2.resolve("webapp2.json"), """
				{"daemonArgs":["-D"],"dependencies":["%s"],"description":"Simple web application",\
				"environment":{"PID_FILE":"/tmp/webapp2.pid","PORT":5001},"instanceName":"webapp2",\
				"process":"/nix/store/x-webapp/bin/webapp","user":"webapp2"}
				""".formatted(webapp1));

		ModelReader.SingleProcess read = ModelReader.readManagedProcessFile(webapp2.resolve("webapp2.json"));

		assertThat(read.instanceName()).isEqualTo("webapp2");
		assertThat(read.process().dependencies()).containsExactly("webapp1");
		assertThat(read.process().environment()).containsEntry("PORT", "5001");
		assertThat(read.process().daemonArgs()).contains(List.of("-D"));
		assertThat(read.process().foregroundProcessArgs()).isEmpty();
		ManagedProcess dependency = read.closure().instances().get("webapp1").pkg();
		assertThat(dependency.credentials().users().get("webapp1")).containsEntry("group", "webapp1");
		assertThat(dependency.overridesFor(BackendKind.SYSVINIT).orElseThrow().get("runlevels").size()).isEqualTo(3);
	}

	@Test
	void readsAYamlProcessesModelWithFreeProperties() {
		ProcessesModel model = ModelReader.readProcesses("""
				webapp1:
				  port: 5000
				  dnsName: webapp1.local
				  requiresUniqueIdsFor: [webappPorts]
				  pkg:
				    process: /path/to/webapp
				    daemonArgs: ["-D"]
				    environment: { PORT: 5000, PID_FILE: "${tmpDir}/webapp1.pid" }
				nginx:
				  port: 8080
				  pkg:
				    foregroundProcess: /usr/sbin/nginx
				    nice: 5
				    dependencies: [webapp1]
				""", true);

		assertThat(model.instances()).containsOnlyKeys("webapp1", "nginx");
		Instance webapp1 = model.instances().get("webapp1");
		assertThat(webapp1.properties()).containsOnlyKeys("port", "dnsName");
		assertThat(webapp1.requiresUniqueIdsFor()).containsExactly("webappPorts");
		assertThat(webapp1.pkg().instanceName()).contains("webapp1");
		assertThat(model.instances().get("nginx").pkg().nice()).contains("5");
		assertThat(model.instances().get("nginx").pkg().daemonArgs()).isEqualTo(Optional.empty());
	}

	@Test
	void anUnknownFieldIsNamedByPointer() {
		assertThatThrownBy(() -> ModelReader.readProcesses("{\"a\":{\"pkg\":{\"process\":\"/x\",\"procces\":1}}}", false))
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems()).containsExactly(new Problem("/a/pkg/procces", "not a managed-process field")));
	}

	@Test
	void aWrongTypeIsNamedByPointer() {
		assertThatThrownBy(() -> ModelReader.readProcesses("{\"a\":{\"pkg\":{\"process\":\"/x\",\"args\":{\"k\":1}}}}", false))
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems()).singleElement().extracting(Problem::pointer).isEqualTo("/a/pkg/args"));
	}

	@Test
	void aDependencyDirectoryWithoutItsJsonIsReported() throws IOException {
		Path file = tmp.resolve("a.json");
		Files.writeString(file, "{\"process\":\"/x\",\"dependencies\":[\"missing\"]}");
		assertThatThrownBy(() -> ModelReader.readManagedProcessFile(file))
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems()).singleElement().extracting(Problem::pointer).isEqualTo("/dependencies/0"));
	}

	@Test
	void aCycleBetweenJsonFilesIsReported() throws IOException {
		Files.writeString(tmp.resolve("a.json"), "{\"process\":\"/x\",\"dependencies\":[\"b.json\"]}");
		Files.writeString(tmp.resolve("b.json"), "{\"process\":\"/x\",\"dependencies\":[\"a.json\"]}");
		assertThatThrownBy(() -> ModelReader.readManagedProcessFile(tmp.resolve("a.json")))
			.isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.getMessage()).contains("dependency cycle"));
	}

	@Test
	void brokenJsonIsOneProblemAtTheRoot() {
		assertThatThrownBy(() -> ModelReader.readProcesses("{\"a\":", false))
			.isInstanceOfSatisfying(ModelException.class,
					e -> assertThat(e.problems()).singleElement().extracting(Problem::pointer).isEqualTo(""));
	}


	@Test // #16
	void aDependencyMayNameTheInstanceNameOfAnInstanceKeyedOtherwise() {
		// what a Nix model gives for `dependencies = [ webapp.pkg ]` when webapp's instanceName is not its key
		ProcessesModel model = ModelReader.readProcesses("""
				webapp:
				  pkg: { instanceName: webapp-primary, process: /bin/webapp }
				nginx:
				  pkg: { process: /bin/nginx, dependencies: [webapp-primary] }
				""", true);

		assertThat(model.instances().get("nginx").pkg().dependencies()).containsExactly("webapp");
	}

	@Test // #16
	void aDependencyNamingNeitherAKeyNorAnInstanceNameIsStillRefused() {
		assertThatThrownBy(() -> ModelReader.readProcesses("""
				webapp:
				  pkg: { instanceName: webapp-primary, process: /bin/webapp }
				nginx:
				  pkg: { process: /bin/nginx, dependencies: [webapp-secondary] }
				""", true)).isInstanceOf(ModelException.class)
			.hasMessageContaining("/nginx/pkg/dependencies/0: no instance named webapp-secondary in this model");
	}

	@Test // #16
	void aDependencyNamedAsTheNixLibraryNamesItIsFoundInTheSeedsLayoutOrBeside() throws IOException {
		// each process in <name>/<name>.json, as the seed's store paths are laid out, its dependencies by name
		Files.createDirectories(tmp.resolve("layout/webapp1"));
		Files.writeString(tmp.resolve("layout/webapp1/webapp1.json"), "{\"instanceName\": \"webapp1\", \"process\": \"/bin/webapp\"}");
		Files.createDirectories(tmp.resolve("layout/nginx"));
		Files.writeString(tmp.resolve("layout/nginx/nginx.json"), "{\"instanceName\": \"nginx\", \"process\": \"/bin/nginx\", \"dependencies\": [\"webapp1\"]}");
		Files.writeString(tmp.resolve("layout/nginx/webapp1.json"), "{\"instanceName\": \"webapp1\", \"process\": \"/bin/beside\"}");

		ModelReader.SingleProcess read = ModelReader.readManagedProcessFile(tmp.resolve("layout/nginx/nginx.json"));
		assertThat(read.closure().instances().get("webapp1").pkg().process()).contains("/bin/beside");

		Files.delete(tmp.resolve("layout/nginx/webapp1.json"));
		read = ModelReader.readManagedProcessFile(tmp.resolve("layout/nginx/nginx.json"));
		assertThat(read.process().dependencies()).containsExactly("webapp1");
		assertThat(read.closure().instances().get("webapp1").pkg().process()).contains("/bin/webapp");
	}

}
