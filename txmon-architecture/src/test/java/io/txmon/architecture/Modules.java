package io.txmon.architecture;

import static java.util.stream.Collectors.toCollection;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The compiled classes of txmon's modules, read from each module's {@code target/classes} (or
 * {@code target/test-classes}) in the checkout named by the system property {@code txmon.root} (the
 * build sets it), else the folder above the working directory. The folders, not the class path: the
 * service's jar is a Spring Boot jar whose classes ArchUnit would not find, and a class's folder says
 * which module it belongs to. A module whose classes are missing fails the test rather than passing it
 * with nothing to check. Each module is read once per test run.
 */
final class Modules {
    static final String CORE = "txmon-core";
    static final String SIMULATOR = "txmon-simulator";
    static final String FORMATS = "txmon-formats";
    static final String APPLICATION = "txmon-application";
    static final String CLI = "txmon-cli";
    static final String SERVICE = "txmon-service";
    static final String BENCHMARKS = "txmon-benchmarks";
    static final String STREAM = "txmon-stream";

    /** Every module with production classes, in the order the parent POM builds them. */
    static final List<String> ALL = List.of(CORE, SIMULATOR, FORMATS, APPLICATION, CLI, SERVICE, BENCHMARKS, STREAM);

    /** This module: tests only, so it is not one of {@link #ALL}. */
    static final String ARCHITECTURE = "txmon-architecture";

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private Modules() {}

    /** The checkout holding the modules. */
    static Path root() {
        return Path.of(System.getProperty("txmon.root", "..")).toAbsolutePath().normalize();
    }

    /** The production classes of the given modules, read together. */
    static JavaClasses mainClassesOf(String... modules) {
        return classes(List.of(modules), "classes");
    }

    /** The production classes of every module but the given ones. */
    static JavaClasses mainClassesOfAllBut(String... excluded) {
        List<String> left = List.of(excluded);
        left.forEach(Modules::requireKnown);
        return classes(ALL.stream().filter(m -> !left.contains(m)).toList(), "classes");
    }

    /** The production classes of every module, read together. */
    static JavaClasses allMainClasses() {
        return classes(ALL, "classes");
    }

    /** The test classes of one module; none when it has no tests. */
    static JavaClasses testClassesOf(String module) {
        requireKnown(module);
        Path folder = root().resolve(module).resolve("target").resolve("test-classes");
        if (!Files.isDirectory(folder)) {
            return new ClassFileImporter().importPaths(List.of());
        }
        return IMPORTED.computeIfAbsent(module + ":test-classes", key -> new ClassFileImporter().importPath(folder));
    }

    /** The names of the modules in the checkout: the folders named {@code txmon-*} that hold a POM. */
    static SortedSet<String> inCheckout() {
        try (Stream<Path> folders = Files.list(root())) {
            return folders.filter(f -> f.getFileName().toString().startsWith("txmon-"))
                    .filter(f -> Files.isRegularFile(f.resolve("pom.xml")))
                    .map(f -> f.getFileName().toString())
                    .collect(toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the modules in " + root(), e);
        }
    }

    private static JavaClasses classes(List<String> modules, String output) {
        modules.forEach(Modules::requireKnown);
        String key = String.join(",", modules) + ":" + output;
        return IMPORTED.computeIfAbsent(key, k -> {
            List<Path> folders = modules.stream()
                    .map(m -> requireCompiled(
                            m, root().resolve(m).resolve("target").resolve(output)))
                    .toList();
            return new ClassFileImporter().importPaths(folders);
        });
    }

    private static Path requireCompiled(String module, Path folder) {
        boolean compiled;
        try (Stream<Path> files = Files.exists(folder) ? Files.walk(folder) : Stream.empty()) {
            compiled = files.anyMatch(f -> f.toString().endsWith(".class"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        if (!compiled) {
            throw new IllegalStateException("module " + module + " has no compiled classes in " + folder
                    + ": build it first (./mvnw test -pl txmon-architecture -am)");
        }
        return folder;
    }

    private static void requireKnown(String module) {
        Objects.requireNonNull(module, "module");
        if (!ALL.contains(module)) {
            throw new IllegalArgumentException("module must be one of " + ALL + ", was " + module);
        }
    }
}
