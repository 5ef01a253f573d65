package nixproc.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import nixproc.model.ModelException;
import nixproc.network.DeploymentReader.Part;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates the Nix models of a model set with Disnix's calling convention (reference disnix.md §1): the
 * infrastructure is an attribute set; the distribution a function of {@code { infrastructure }} returning, per
 * service, a list of target records or {@code { targets = [ { target; container; } ]; }}; the services model a
 * function of {@code { system, pkgs, distribution, invDistribution }} ({@code pkgs} is {@code <nixpkgs>} when the search
 * path has it) where {@code dependsOn}/{@code connectsTo}
 * hold services and {@code pkg} may be a function of the inter-dependency parameters (each the dependency's
 * properties plus {@code targets} and {@code target}). Only the arguments a function declares are passed, as
 * Disnix does. Target records are turned back into target names and services into service names, so the result
 * has exactly the JSON shape. Models given as JSON or YAML are handed to the Nix ones through {@code fromJSON}.
 */
final class DisnixEvaluation {

	private static final String WRAPPER = """
			let
			  call = f: args: if builtins.isFunction f then f (builtins.intersectAttrs (builtins.functionArgs f) args) else f;
			  system = builtins.currentSystem;
			  # nixpkgs when the search path has it (-I nixpkgs=…, NIX_PATH), as disnix-env passes it; lazy, so a model
			  # that declares pkgs and uses none of it needs no nixpkgs
			  pkgs = if builtins.any (entry: entry.prefix == "nixpkgs") builtins.nixPath then import <nixpkgs> { inherit system; } else { };
			  infrastructure0 = call (@INFRASTRUCTURE@) { inherit system pkgs; };
			  infrastructure = builtins.mapAttrs (name: t: if builtins.isAttrs t then t // { __nixprocTarget = name; } else t) infrastructure0;
			  toName = t: if builtins.isAttrs t && t ? __nixprocTarget then t.__nixprocTarget else t;
			  toMapping = m: if builtins.isAttrs m && m ? target then m // { target = toName m.target; } else toName m;
			  mappings = v: if builtins.isList v then map toMapping v
			    else if builtins.isAttrs v && v ? targets && builtins.isList v.targets then map toMapping v.targets else v;
			  distribution = builtins.mapAttrs (n: mappings) (call (@DISTRIBUTION@) { inherit infrastructure; });
			  targetNameOf = m: if builtins.isAttrs m then m.target or null else m;
			  invDistribution = builtins.mapAttrs (name: t: t // {
			    services = builtins.filter (s: builtins.isList distribution.${s}
			      && builtins.any (m: targetNameOf m == name) distribution.${s}) (builtins.attrNames distribution);
			  }) infrastructure;
			  services0 = call (@SERVICES@) { inherit system pkgs distribution invDistribution; };
			  nameOf = s: if builtins.isAttrs s && s ? name then s.name else s;
			  targetsOf = n: let d = distribution.${n} or [ ]; in if builtins.isList d then
			    map (m: builtins.removeAttrs (infrastructure.${targetNameOf m} or { }) [ "__nixprocTarget" "containers" ]) d else [ ];
			  interDependency = n: let s = services0.${n} or { }; ts = targetsOf n; in
			    (builtins.removeAttrs s [ "pkg" "dependsOn" "connectsTo" "activatesAfter" ])
			    // { targets = ts; } // (if ts == [ ] then { } else { target = builtins.head ts; });
			  parameters = s: builtins.mapAttrs (p: d: interDependency (nameOf d)) ((s.dependsOn or { }) // (s.connectsTo or { }));
			  names = s: field: if s ? ${field} && builtins.isAttrs s.${field} then { ${field} = builtins.mapAttrs (p: nameOf) s.${field}; } else { };
			  service = s: if !(builtins.isAttrs s) then s else s
			    // names s "dependsOn" // names s "connectsTo" // names s "activatesAfter"
			    // (if s ? pkg && builtins.isFunction s.pkg then { pkg = s.pkg (parameters s); } else { });
			in {
			  infrastructure = infrastructure0;
			  distribution = distribution;
			  services = builtins.mapAttrs (n: service) services0;
			  idResources = call (@ID_RESOURCES@) { };
			}
			""";

	private DisnixEvaluation() {
	}

	/**
	 * The trees of the parts given as Nix; {@code parsed} holds the others, already read. A Nix part in
	 * {@code files} is imported from that file, its root readable (its working copy, or {@code --model-root}), instead
	 * of from its text in a temporary directory.
	 */
	static Map<Part, JsonNode> evaluate(NixEvaluator nix, Map<Part, String> nixTexts, Map<Part, JsonNode> parsed,
			DeploymentReader.NixFiles nixFiles) {
		Map<Part, Path> files = nixFiles.files();
		if (!nix.available()) {
			Part first = nixTexts.keySet().iterator().next();
			throw new ModelException("/" + first.key(), NixEvaluator.UNAVAILABLE);
		}
		Path dir = null;
		try {
			dir = Files.createTempDirectory("nixproc-models-");
			String wrapper = WRAPPER;
			List<String> readable = new ArrayList<>();
			for (Part part : Part.values()) {
				String file = part.key() + (nixTexts.containsKey(part) ? ".nix" : ".json");
				if (nixTexts.containsKey(part) && files.containsKey(part)) {
					Path source = files.get(part).toAbsolutePath().normalize();
					wrapper = wrapper.replace("@" + token(part) + "@", "import " + NixEvaluator.pathLiteral(source));
					List<String> places = new ArrayList<>();
					if (source.getParent() != null) {
						places.add(source.getParent().toString());
					}
					Path root = nixFiles.roots().get(part);
					if (root != null) {
						places.add(ModelRoot.searchPathEntry(root));
					}
					places.stream().filter(place -> !readable.contains(place)).forEach(readable::add);
				}
				else if (nixTexts.containsKey(part)) {
					Files.writeString(dir.resolve(file), nixTexts.get(part), StandardCharsets.UTF_8);
					wrapper = wrapper.replace("@" + token(part) + "@", "import ./" + file);
				}
				else {
					String json = parsed.containsKey(part) ? Documents.JSON.writeValueAsString(parsed.get(part)) : "{}";
					Files.writeString(dir.resolve(file), json, StandardCharsets.UTF_8);
					wrapper = wrapper.replace("@" + token(part) + "@", "builtins.fromJSON (builtins.readFile ./" + file + ")");
				}
			}
			Path main = dir.resolve("nixproc-model-set.nix");
			Files.writeString(main, wrapper, StandardCharsets.UTF_8);
			NixEvaluator.Result result = nix.evaluate(main, readable);
			if (result instanceof NixEvaluator.Failed failed) {
				throw new ModelException(pointerOf(failed.message(), nixTexts), "Nix evaluation failed: " + failed.message()
						+ (nixFiles.roots().isEmpty() ? "" : ModelRoot.hint(failed.message(),
								String.join(", ", nixFiles.roots().values().stream().map(Path::toString).distinct().toList()))));
			}
			JsonNode all = Documents.parse(((NixEvaluator.Json) result).text(), Format.JSON, "");
			Map<Part, JsonNode> out = new EnumMap<>(Part.class);
			for (Part part : nixTexts.keySet()) {
				out.put(part, all.get(part.key()));
			}
			return out;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			delete(dir);
		}
	}

	private static String token(Part part) {
		return part == Part.ID_RESOURCES ? "ID_RESOURCES" : part.name();
	}

	/** The part whose file Nix's message names first, else the first Nix part. */
	private static String pointerOf(String message, Map<Part, String> nixTexts) {
		int best = Integer.MAX_VALUE;
		Part found = nixTexts.keySet().iterator().next();
		for (Part part : nixTexts.keySet()) {
			int index = message.indexOf(part.key() + ".nix");
			if (index >= 0 && index < best) {
				best = index;
				found = part;
			}
		}
		return "/" + found.key();
	}

	private static void delete(Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// a leftover temporary directory is harmless; the evaluation's outcome matters more
		}
	}

}
