package nixproc.architecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Which test classes a module's Surefire executions select, read from its POM (and the root POM it inherits from):
 * the plugin's {@code includes} and {@code excludes} (Surefire's defaults where a POM gives none), each execution's
 * own (replacing the plugin's, or appended with {@code combine.children="append"}), and an execution's pinned
 * {@code test}, which overrides both as in Surefire. Profiles are not read: what a default build runs counts.
 *
 * @param executions execution id → what it selects
 */
record SurefireSelection(Map<String, Execution> executions) {

	/** Surefire's default {@code includes}. */
	static final List<String> DEFAULT_INCLUDES = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java",
			"**/*TestCase.java");

	/** Surefire's default {@code excludes}: nested classes, which run through their enclosing class. */
	static final List<String> DEFAULT_EXCLUDES = List.of("**/*$*");

	private static final String SUREFIRE = "maven-surefire-plugin";

	SurefireSelection {
		executions = Map.copyOf(executions);
	}

	/** A module whose POM configures nothing: Surefire's {@code default-test} with the defaults. */
	static SurefireSelection defaults() {
		return new SurefireSelection(Map.of("default-test", new Execution(DEFAULT_INCLUDES, DEFAULT_EXCLUDES)));
	}

	/** What the module of {@code modulePom} runs, with the plugin configuration inherited from {@code rootPom}. */
	static SurefireSelection read(Path modulePom, Path rootPom) {
		Optional<Element> own = surefire(parse(modulePom));
		Optional<Element> inherited = modulePom.equals(rootPom) ? Optional.empty() : surefire(parse(rootPom));
		List<String> includes = patterns(own, "includes").or(() -> patterns(inherited, "includes"))
			.orElse(DEFAULT_INCLUDES);
		List<String> excludes = patterns(own, "excludes").or(() -> patterns(inherited, "excludes"))
			.orElse(DEFAULT_EXCLUDES);
		Map<String, Execution> executions = new LinkedHashMap<>();
		executions.put("default-test", new Execution(includes, excludes));
		for (Element execution : own.map(plugin -> children(child(plugin, "executions"), "execution")).orElse(List.of())) {
			String id = text(child(execution, "id")).orElse("default");
			boolean tests = id.equals("default-test") || children(child(execution, "goals"), "goal").stream()
				.anyMatch(goal -> text(Optional.of(goal)).orElse("").equals("test"));
			if (!tests) {
				continue;
			}
			Optional<Element> configuration = child(execution, "configuration");
			Optional<String> pinned = text(child(configuration, "test"));
			if (pinned.isPresent()) {
				executions.put(id, new Execution(pinnedPatterns(pinned.get()), List.of()));
			}
			else {
				executions.put(id, new Execution(merged(includes, configuration, "includes"),
						merged(excludes, configuration, "excludes")));
			}
		}
		return new SurefireSelection(executions);
	}

	/**
	 * Whether some execution runs the class whose binary name is {@code className} (nested classes with {@code $}).
	 */
	boolean runs(String className) {
		String path = className.replace('.', '/') + ".java";
		return executions.values().stream().anyMatch(execution -> execution.selects(path));
	}

	/** The patterns, for messages: {@code default-test: **}{@code /*Test.java, … excluding **}{@code /*$*}. */
	String describe() {
		return executions.entrySet()
			.stream()
			.map(e -> e.getKey() + ": " + String.join(", ", e.getValue().includes())
					+ (e.getValue().excludes().isEmpty() ? "" : " excluding " + String.join(", ", e.getValue().excludes())))
			.collect(Collectors.joining("; "));
	}

	/** One Surefire execution's selection, as Ant-style patterns over {@code .java} paths. */
	record Execution(List<String> includes, List<String> excludes) {

		Execution {
			includes = List.copyOf(includes);
			excludes = List.copyOf(excludes);
		}

		boolean selects(String path) {
			return includes.stream().anyMatch(p -> matches(p, path)) && excludes.stream().noneMatch(p -> matches(p, path));
		}

	}

	/** Surefire's Ant-style matching: {@code **}{@code /} any directories (none too), {@code *} and {@code ?} within a name. */
	static boolean matches(String pattern, String path) {
		String normalised = pattern.endsWith(".class") ? pattern.substring(0, pattern.length() - 6) + ".java" : pattern;
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < normalised.length(); i++) {
			char c = normalised.charAt(i);
			if (normalised.startsWith("**/", i)) {
				regex.append("(?:.*/)?");
				i += 2;
			}
			else if (normalised.startsWith("**", i)) {
				regex.append(".*");
				i += 1;
			}
			else if (c == '*') {
				regex.append("[^/]*");
			}
			else if (c == '?') {
				regex.append("[^/]");
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.matches(regex.toString(), path);
	}

	private static List<String> pinnedPatterns(String pinned) {
		List<String> patterns = new ArrayList<>();
		for (String part : pinned.split(",")) {
			String name = part.strip().replaceAll("#.*", "");
			if (!name.isEmpty()) {
				patterns.add((name.contains("/") ? "" : "**/") + (name.endsWith(".java") ? name : name + ".java"));
			}
		}
		return patterns;
	}

	private static List<String> merged(List<String> inherited, Optional<Element> configuration, String name) {
		Optional<Element> list = child(configuration, name);
		if (list.isEmpty()) {
			return inherited;
		}
		List<String> own = patterns(configuration, name).orElse(List.of());
		if (!list.get().getAttribute("combine.children").equals("append")) {
			return own;
		}
		List<String> all = new ArrayList<>(inherited);
		all.addAll(own);
		return all;
	}

	/** The patterns of {@code <includes>} or {@code <excludes>} directly in the plugin's or an execution's configuration. */
	private static Optional<List<String>> patterns(Optional<Element> pluginOrConfiguration, String name) {
		Optional<Element> configuration = pluginOrConfiguration
			.flatMap(e -> e.getTagName().equals("configuration") ? Optional.of(e) : child(Optional.of(e), "configuration"));
		return child(configuration, name).map(list -> children(Optional.of(list), name.substring(0, name.length() - 1))
			.stream()
			.map(pattern -> text(Optional.of(pattern)).orElse(""))
			.toList());
	}

	private static Optional<Element> surefire(Document pom) {
		Optional<Element> build = child(Optional.of(pom.getDocumentElement()), "build");
		for (Optional<Element> plugins : List.of(child(build, "plugins"),
				child(child(build, "pluginManagement"), "plugins"))) {
			for (Element plugin : children(plugins, "plugin")) {
				if (text(child(plugin, "artifactId")).orElse("").equals(SUREFIRE)) {
					return Optional.of(plugin);
				}
			}
		}
		return Optional.empty();
	}

	private static Document parse(Path pom) {
		try {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
		}
		catch (ParserConfigurationException | SAXException | IOException ex) {
			throw new IllegalStateException(pom + ": cannot read: " + ex.getMessage(), ex);
		}
	}

	private static Optional<Element> child(Element parent, String name) {
		return child(Optional.of(parent), name);
	}

	private static Optional<Element> child(Optional<Element> parent, String name) {
		return children(parent, name).stream().findFirst();
	}

	private static List<Element> children(Optional<Element> parent, String name) {
		List<Element> found = new ArrayList<>();
		parent.ifPresent(p -> {
			for (Node node = p.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node instanceof Element element && element.getTagName().equals(name)) {
					found.add(element);
				}
			}
		});
		return found;
	}

	private static Optional<String> text(Optional<Element> element) {
		return element.map(e -> e.getTextContent().strip()).filter(t -> !t.isEmpty());
	}

}
