package nixproc.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import nixproc.architecture.fixture.app.Command;
import nixproc.architecture.fixture.lib.Library;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Module dependencies point the way architecture §2 says (checked on the compiled classes of every module). */
class ModuleDependencyTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void everyModuleDependsOnlyOnWhatArchitectureAllows() {
		Map<String, String> moduleOfClass = moduleOfEveryClass();
		JavaClasses all = new ClassFileImporter().importPaths(ModuleDependencies.ALLOWED.keySet().stream()
			.map(module -> ROOT.resolve(module).resolve("target/classes"))
			.filter(Files::isDirectory)
			.toList());

		assertThat(ModuleDependencies.violations(all, c -> Optional.ofNullable(moduleOfClass.get(c.getName()))))
			.isEmpty();
	}

	@Test // #15: nixproc.ids was the package of id-service and of the algorithm in process-backends
	void noPackageIsSplitAcrossModules() {
		Map<String, Set<String>> modulesOfPackage = new TreeMap<>();
		moduleOfEveryClass().forEach((className, module) -> modulesOfPackage
			.computeIfAbsent(className.substring(0, className.lastIndexOf('.')), p -> new TreeSet<>())
			.add(module));

		assertThat(modulesOfPackage).allSatisfy((pkg, modules) -> assertThat(modules).as(pkg).hasSize(1));
	}

	/** Class name → module, for the main classes of every module architecture §2 names. */
	private static Map<String, String> moduleOfEveryClass() {
		Map<String, String> moduleOfClass = new HashMap<>();
		ClassFileImporter importer = new ClassFileImporter();
		for (String module : ModuleDependencies.ALLOWED.keySet()) {
			Path classes = ROOT.resolve(module).resolve("target/classes");
			if (!Files.isDirectory(ROOT.resolve(module).resolve("src/main"))) {
				continue;
			}
			assertThat(classes).as("compiled classes of %s (build the modules before architecture-tests)", module)
				.isDirectory();
			for (JavaClass javaClass : importer.importPath(classes)) {
				moduleOfClass.put(javaClass.getName(), module);
			}
		}
		return moduleOfClass;
	}

	@Test
	void aLibraryUsingAnApplicationOrSpringIsReported() {
		JavaClasses fixture = new ClassFileImporter().importClasses(Library.class, Command.class);
		Map<String, String> modules = Map.of(Library.class.getName(), "process-backends", Command.class.getName(), "cli");

		assertThat(ModuleDependencies.violations(fixture, c -> Optional.ofNullable(modules.get(c.getName()))))
			.anySatisfy(v -> assertThat(v).startsWith("process-backends must not depend on cli:")
				.contains("Library").contains("Command"));
	}

	@Test // #15
	void servicesNeverUseTheProcessManagersCode() {
		assertThat(ModuleDependencies.ALLOWED.get("id-service")).doesNotContain("process-backends", "target-agent", "cli");
		assertThat(ModuleDependencies.ALLOWED.get("model-service")).doesNotContain("process-backends", "target-agent", "cli");
		assertThat(ModuleDependencies.ALLOWED.get("coordinator")).doesNotContain("process-backends", "target-agent", "cli");
	}

	@Test
	void servicesNeverImportEachOther() {
		assertThat(ModuleDependencies.ALLOWED.get("coordinator")).doesNotContain("id-service", "model-service");
		assertThat(ModuleDependencies.ALLOWED.get("id-service")).doesNotContain("coordinator", "model-service");
		assertThat(ModuleDependencies.ALLOWED.get("model-service")).doesNotContain("coordinator", "id-service");
	}

}
