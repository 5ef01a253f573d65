package nixproc.architecture;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;

/**
 * Test classes that no build runs: a class holding test methods (its own or inherited) that Surefire does not
 * select by name, and that is neither abstract (its subclasses run its tests) nor a {@code @Nested} or jqwik
 * {@code @Group} class inside a class that runs. Issue 15 found five such jqwik classes (~470 lines) that had never
 * run.
 */
final class NeverRunTests {

	/** What makes a method a test for JUnit Jupiter or jqwik (composed annotations count too). */
	static final List<String> TEST_ANNOTATIONS = List.of("org.junit.jupiter.api.Test",
			"org.junit.jupiter.params.ParameterizedTest", "org.junit.jupiter.api.RepeatedTest",
			"org.junit.jupiter.api.TestFactory", "org.junit.jupiter.api.TestTemplate", "net.jqwik.api.Property",
			"net.jqwik.api.Example");

	/** What makes an inner class run with its enclosing class. */
	static final List<String> NESTED_ANNOTATIONS = List.of("org.junit.jupiter.api.Nested", "net.jqwik.api.Group");

	/**
	 * Benchmarks are JUnit-launched on purpose and run on demand ({@code -Dtest=PlanningBenchmark}, see the module
	 * READMEs), never in the normal build: their figures mean something only on a quiet machine.
	 */
	static final String ON_DEMAND_SUFFIX = "Benchmark";

	private NeverRunTests() {
	}

	/**
	 * One line per class that holds tests nobody runs.
	 *
	 * @param selectionOf the Surefire selection of the class's module; empty for classes that are not checked
	 */
	static Set<String> find(Iterable<JavaClass> classes, Function<JavaClass, Optional<SurefireSelection>> selectionOf) {
		Set<String> found = new TreeSet<>();
		for (JavaClass javaClass : classes) {
			Optional<SurefireSelection> selection = selectionOf.apply(javaClass);
			if (selection.isEmpty() || !isConcrete(javaClass)) {
				continue;
			}
			List<String> annotations = testAnnotations(javaClass);
			if (annotations.isEmpty()) {
				continue;
			}
			Optional<String> reason = whyNeverRun(javaClass, selection.get());
			reason.ifPresent(r -> found.add(javaClass.getName() + " holds tests (" + String.join(", ", annotations)
					+ ") but " + r));
		}
		return found;
	}

	private static Optional<String> whyNeverRun(JavaClass javaClass, SurefireSelection selection) {
		if (isNestedTestClass(javaClass)) {
			JavaClass enclosing = javaClass.getEnclosingClass().orElseThrow();
			if (!isConcrete(enclosing)) {
				// inherited @Nested classes run with each concrete subclass, which is checked itself
				return Optional.empty();
			}
			return whyNeverRun(enclosing, selection)
				.map(reason -> "it runs only inside " + enclosing.getName() + ", and " + reason);
		}
		if (javaClass.isNestedClass()) {
			return Optional.of("it is nested in " + javaClass.getEnclosingClass().orElseThrow().getName()
					+ " without @Nested (or @Group), so JUnit never reaches it and Surefire skips nested classes;"
					+ " make it @Nested or a class of its own");
		}
		if (javaClass.getSimpleName().endsWith(ON_DEMAND_SUFFIX) || selection.runs(javaClass.getName())) {
			return Optional.empty();
		}
		return Optional.of("Surefire never runs it: its name matches no include of " + selection.describe()
				+ "; name it *Test (or make it abstract if subclasses run its tests)");
	}

	private static boolean isNestedTestClass(JavaClass javaClass) {
		return javaClass.isInnerClass() && javaClass.getEnclosingClass().isPresent()
				&& NESTED_ANNOTATIONS.stream().anyMatch(javaClass::isAnnotatedWith);
	}

	private static boolean isConcrete(JavaClass javaClass) {
		return !javaClass.isInterface() && !javaClass.isAnnotation() && !javaClass.isEnum() && !javaClass.isRecord()
				&& !javaClass.isAnonymousClass() && !javaClass.isLocalClass()
				&& !javaClass.getModifiers().contains(JavaModifier.ABSTRACT);
	}

	/** The simple names of the test annotations on the class's methods, inherited ones included. */
	private static List<String> testAnnotations(JavaClass javaClass) {
		Set<String> names = new TreeSet<>();
		for (JavaMethod method : javaClass.getAllMethods()) {
			for (String annotation : TEST_ANNOTATIONS) {
				if (method.isAnnotatedWith(annotation) || method.isMetaAnnotatedWith(annotation)) {
					names.add("@" + annotation.substring(annotation.lastIndexOf('.') + 1));
				}
			}
		}
		return names.stream().collect(Collectors.toList());
	}

}
