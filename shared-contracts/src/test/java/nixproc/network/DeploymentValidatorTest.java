package nixproc.network;

import java.util.List;

import nixproc.model.Problem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.network.Fixtures.modelSet;
import static nixproc.network.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per rule: break the valid example in one place and expect exactly that problem. */
class DeploymentValidatorTest {

	private final ObjectNode set = modelSet();

	private ObjectNode service(String name) {
		return (ObjectNode) set.get("services").get(name);
	}

	private ObjectNode target(String name) {
		return (ObjectNode) set.get("infrastructure").get(name);
	}

	private Problem only() {
		List<Problem> problems = problems(set);
		assertThat(problems).hasSize(1);
		return problems.get(0);
	}

	@Test
	void theExampleIsValid() {
		assertThat(problems(set)).isEmpty();
	}

	@Test
	void serviceNameMustEqualItsKey() {
		service("webapp2").put("name", "webappTwo");

		assertThat(only()).isEqualTo(new Problem("/services/webapp2/name",
				"must equal the service's key webapp2, as Disnix requires, not webappTwo"));
	}

	@Test
	void serviceKeysMustBeValidNames() {
		ObjectNode bad = service("monitor").deepCopy().put("name", "bad name");
		((ObjectNode) set.get("services")).set("bad name", bad);

		assertThat(only().pointer()).isEqualTo("/services/bad name");
	}

	@Test
	void dependsOnAndActivatesAfterMustNameServices() {
		((ObjectNode) service("nginx").get("dependsOn")).put("app", "ghost");
		service("monitor").putObject("activatesAfter").put("x", "phantom");

		assertThat(problems(set)).containsExactly(new Problem("/services/nginx/dependsOn/app", "no service named ghost"),
				new Problem("/services/monitor/activatesAfter/x", "no service named phantom"));
	}

	@Test
	void dependsOnCyclesArePrintedConnectsToCyclesAllowed() {
		service("webapp1").putObject("dependsOn").put("proxy", "nginx");
		service("nginx").putObject("connectsTo").put("monitor", "monitor");
		((ObjectNode) set.get("distribution")).putArray("monitor").add("test1");

		assertThat(only()).satisfies(p -> {
			assertThat(p.pointer()).isEqualTo("/services/nginx/dependsOn/webapp1");
			assertThat(p.message()).startsWith("dependency cycle webapp1 -> nginx -> webapp1");
		});
	}

	@Test
	void activatesAfterCountsForCycles() {
		service("webapp2").putObject("activatesAfter").put("after", "webapp2");

		assertThat(only().message()).startsWith("dependency cycle webapp2 -> webapp2");
	}

	@Test
	void distributionOfAnUnknownServiceOrToAnUnknownTarget() {
		((ObjectNode) set.get("distribution")).putArray("ghost").add("test1");
		((ObjectNode) set.get("distribution")).putArray("monitor").add("test9");

		assertThat(problems(set)).containsExactly(
				new Problem("/distribution/ghost", "no service named ghost in the services model"),
				new Problem("/distribution/monitor/0", "no target named test9 in the infrastructure model"));
	}

	@Test
	void targetsNeedAKnownProcessManager() {
		target("test1").remove("processManager");
		target("test2").put("processManager", "upstart");

		assertThat(problems(set)).extracting(Problem::pointer)
			.containsExactly("/infrastructure/test1/processManager", "/infrastructure/test2/processManager");
	}

	@Test
	void theProcessManagerMustBeAbleToRunTheType() {
		service("webapp2").put("type", "systemd-unit");
		service("webapp1").put("type", "mysql-database");
		((ObjectNode) set.get("distribution")).putArray("webapp1").add("test2");
		((ObjectNode) set.get("distribution")).putArray("monitor").add("test1");
		service("monitor").put("type", "postgresql-database");

		assertThat(problems(set)).containsExactly(new Problem("/distribution/webapp2/targets/0",
				"target test1 runs sysvinit, which cannot run services of type systemd-unit (they need systemd)"),
				new Problem("/distribution/webapp2/targets/1",
						"target test2 runs supervisord, which cannot run services of type systemd-unit (they need systemd)"),
				new Problem("/distribution/monitor/0", "target test1 (sysvinit) has no container postgresql-database "
						+ "for services of type postgresql-database; declare it under the target's containers or use type process"));
	}

	@Test
	void twoInstancesWithOneNameOnATarget() {
		((ObjectNode) service("monitor").get("pkg")).put("instanceName", "nginx");
		((ObjectNode) set.get("distribution")).putArray("monitor").add("test2");

		assertThat(only()).isEqualTo(new Problem("/distribution/monitor/0",
				"two instances named nginx on target test2: services nginx and monitor; their files would clash"));
	}

	@Test
	void theSameMappingTwice() {
		((ObjectNode) set.get("distribution")).putArray("monitor").add("test2").add("test2");

		assertThat(only()).isEqualTo(new Problem("/distribution/monitor/1", "monitor is mapped to test2 (container process) twice"));
	}

	@Test
	void undefinedPools() {
		service("webapp2").putArray("requiresUniqueIdsFor").add("gids");

		assertThat(only()).isEqualTo(new Problem("/services/webapp2/requiresUniqueIdsFor/0",
				"no pool named gids in idResources; known: [webappPorts, uids]"));
	}

	@Test
	void invalidInstanceNames() {
		((ObjectNode) service("webapp2").get("pkg")).put("instanceName", "-web app");

		assertThat(only().pointer()).isEqualTo("/services/webapp2/pkg/instanceName");
	}

	@Test
	void referencesThatCannotResolve() {
		ObjectNode env = (ObjectNode) service("webapp2").get("pkg").get("environment");
		env.put("A", "${ids.webappPorts.webapp2}");
		env.put("B", "${target.properties.cpu}");
		env.put("C", "${stateDirr}/x");
		env.put("D", "${dependsOn.webapp1.properties.port}");
		env.put("E", "${unterminated");
		((ObjectNode) service("nginx").get("pkg")).put("initialize", "echo ${HOME} ${dependsOn.webapp9.properties.port}");

		assertThat(problems(set)).extracting(Problem::pointer, Problem::message).containsExactly(
				org.assertj.core.groups.Tuple.tuple("/services/webapp2/pkg/environment/A",
						"${ids.webappPorts.webapp2} cannot resolve: webapp2 does not list webappPorts in requiresUniqueIdsFor, so it holds no such ID"),
				org.assertj.core.groups.Tuple.tuple("/services/webapp2/pkg/environment/B",
						"${target.properties.cpu} cannot resolve: target test1 of webapp2 has no property cpu"),
				org.assertj.core.groups.Tuple.tuple("/services/webapp2/pkg/environment/C",
						"${stateDirr} cannot resolve: unknown reference; known are [cacheDir, instanceName, logDir, runtimeDir, stateDir, tmpDir], ids.<pool>.<service>, target.properties.<p> and dependsOn.<param>.(target.)properties.<p>"),
				org.assertj.core.groups.Tuple.tuple("/services/webapp2/pkg/environment/D",
						"${dependsOn.webapp1.properties.port} cannot resolve: webapp2 has no dependsOn parameter webapp1"),
				org.assertj.core.groups.Tuple.tuple("/services/webapp2/pkg/environment/E",
						"unterminated reference starting at ${unterminated"),
				org.assertj.core.groups.Tuple.tuple("/services/nginx/pkg/initialize",
						"${dependsOn.webapp9.properties.port} cannot resolve: nginx has no dependsOn parameter webapp9"));
	}

	@Test
	void incompleteDistribution() {
		((ObjectNode) set.get("distribution")).remove("webapp2");

		assertThat(only()).isEqualTo(new Problem("/services/nginx/dependsOn/webapp2",
				"incomplete distribution: nginx is deployed but its dependency webapp2 is mapped to no target"));
	}

	@Test
	void nothingMayDependOnAPackage() {
		service("webapp2").put("type", "package");

		assertThat(only()).isEqualTo(new Problem("/services/nginx/dependsOn/webapp2",
				"webapp2 has type package; nothing may depend on a package, as in Disnix"));
	}

	@Test
	void poolBoundsAndCores() {
		((ObjectNode) set.get("idResources").get("uids")).put("min", 4000).put("step", 0);
		target("test2").put("numOfCores", 0);

		assertThat(problems(set)).containsExactly(new Problem("/infrastructure/test2/numOfCores", "must be at least 1, not 0"),
				new Problem("/idResources/uids/min", "must not exceed max 3000"),
				new Problem("/idResources/uids/step", "must be at least 1"));
	}

	@Test
	void everyProblemAtOnce() {
		service("webapp2").put("name", "other");
		target("test1").remove("processManager");
		service("webapp1").putArray("requiresUniqueIdsFor").add("nope");

		assertThat(problems(set)).hasSizeGreaterThanOrEqualTo(3);
	}

}
