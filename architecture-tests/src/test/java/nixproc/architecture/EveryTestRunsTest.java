package nixproc.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import nixproc.architecture.fixture.surefire.AbstractContract;
import nixproc.architecture.fixture.surefire.InheritedContract;
import nixproc.architecture.fixture.surefire.NeverRunProperties;
import nixproc.architecture.fixture.surefire.Outer;
import nixproc.architecture.fixture.surefire.SomethingBenchmark;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class under a module's {@code src/test/java} that holds tests is run by the build (issue 15: five property
 * classes had never run). Checked on the compiled test classes of every module of the root POM against the
 * Surefire configuration of its POM.
 */
class EveryTestRunsTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/** Classes that break the rule on purpose, for the tests of the rules themselves. */
	private static final String FIXTURES = "nixproc.architecture.fixture";

	@Test
	void surefireRunsEveryTestClassOfEveryModule() throws IOException {
		Map<String, Module> moduleOfClass = new HashMap<>();
		List<Path> testClasses = new ArrayList<>();
		ClassFileImporter importer = new ClassFileImporter();
		for (String name : modules()) {
			Path sources = ROOT.resolve(name).resolve("src/test/java");
			if (!Files.isDirectory(sources)) {
				continue;
			}
			Path classes = ROOT.resolve(name).resolve("target/test-classes");
			assertThat(classes).as("compiled tests of %s (build the modules before architecture-tests)", name)
				.isDirectory();
			Module module = new Module(sources, SurefireSelection.read(ROOT.resolve(name).resolve("pom.xml"),
					ROOT.resolve("pom.xml")));
			for (JavaClass javaClass : importer.importPath(classes)) {
				moduleOfClass.put(javaClass.getName(), module);
			}
			testClasses.add(classes);
		}
		JavaClasses all = importer.importPaths(testClasses);

		assertThat(NeverRunTests.find(all, c -> Optional.ofNullable(moduleOfClass.get(c.getName()))
			.filter(module -> module.compiledFromSources(c))
			.filter(module -> !c.getPackageName().startsWith(FIXTURES))
			.map(Module::selection))).isEmpty();
	}

	@Test // #15
	void propertiesInAClassSurefireNeverSelectsAreReported() {
		assertThat(findInFixtures()).anySatisfy(line -> assertThat(line)
			.startsWith(NeverRunProperties.class.getName() + " holds tests (@Property) but Surefire never runs it")
			.contains("**/*Test.java"));
	}

	@Test
	void theClassNameCountsNotTheFileName() {
		assertThat(findInFixtures()).anySatisfy(line -> assertThat(line)
			.startsWith("nixproc.architecture.fixture.surefire.Misnamed holds tests (@Test) but Surefire never runs it"));
	}

	@Test
	void inheritedTestsCountAndAbstractContractsDoNot() {
		assertThat(findInFixtures()).anySatisfy(line -> assertThat(line).startsWith(InheritedContract.class.getName()))
			.noneSatisfy(line -> assertThat(line).startsWith(AbstractContract.class.getName() + " "));
	}

	@Test
	void nestedClassesRunOnlyWithTheirEnclosingClassAndOnlyWhenNested() {
		assertThat(findInFixtures())
			.anySatisfy(line -> assertThat(line).startsWith(Outer.class.getName() + "$Inner holds tests (@Test)")
				.contains("runs only inside " + Outer.class.getName()))
			.anySatisfy(line -> assertThat(line).startsWith(Outer.class.getName() + "$Forgotten holds tests (@Test)")
				.contains("without @Nested"));
	}

	@Test
	void benchmarksRunOnDemandAndAreNotReported() {
		assertThat(findInFixtures()).noneSatisfy(line -> assertThat(line).startsWith(SomethingBenchmark.class.getName()));
	}

	@Test
	void theProcessBackendsPomRunsLiveTestsInItsSecondExecutionAndNoPropertiesClass() {
		SurefireSelection selection = SurefireSelection.read(ROOT.resolve("process-backends/pom.xml"),
				ROOT.resolve("pom.xml"));

		assertThat(selection.runs("nixproc.backend.systemd.SystemdDriverLiveTest")).isTrue();
		assertThat(selection.runs("nixproc.ids.IdAssignerPropertiesTest")).isTrue();
		assertThat(selection.runs("nixproc.ids.IdAssignerProperties")).isFalse();
		assertThat(selection.runs("nixproc.backend.DriverContract$Nested")).isFalse();
		assertThat(selection.runs("jmh_generated.SwitchBenchmark_jmhTest")).isFalse();
	}

	private static List<String> findInFixtures() {
		JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURES + ".surefire");
		return List.copyOf(NeverRunTests.find(fixtures, c -> Optional.of(SurefireSelection.defaults())));
	}

	/** The modules of the root POM's reactor. */
	private static List<String> modules() throws IOException {
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
		List<String> names = new ArrayList<>();
		while (module.find()) {
			names.add(module.group(1).strip());
		}
		return names;
	}

	/** A module's test sources and what Surefire runs of them. */
	private record Module(Path sources, SurefireSelection selection) {

		/**
		 * Whether the class was compiled from {@code src/test/java} now: not generated (JMH's harness), not left
		 * behind in {@code target/test-classes} by a source that was renamed or deleted.
		 */
		boolean compiledFromSources(JavaClass javaClass) {
			return javaClass.getSource()
				.flatMap(source -> source.getFileName())
				.map(file -> Files.isRegularFile(sources.resolve(javaClass.getPackageName().replace('.', '/')).resolve(file)))
				.orElse(false);
		}

	}

}
