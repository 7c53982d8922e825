package dev.mailroom.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the test classes Surefire would leave out. Surefire runs only classes whose simple name
 * matches its default includes ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}; the
 * parent pom keeps those defaults) and no nested class except through its outer class (JUnit's
 * {@code @Nested}, jqwik's {@code @Group}). A class with test methods that misses them is silently
 * never run, as {@code DailyRollupProperties} once was.
 *
 * <p>Each module has a {@code TestDiscoveryTest} that calls {@link #classesSurefireWouldMiss} on its
 * own {@code test-classes} folder and expects nothing.
 */
public final class TestDiscovery {
    /** Method annotations that make a test, by name (so model need not depend on every engine). */
    private static final Set<String> TEST_ANNOTATIONS = Set.of(
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.api.RepeatedTest",
            "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.api.TestTemplate",
            "org.junit.jupiter.params.ParameterizedTest",
            "net.jqwik.api.Property",
            "net.jqwik.api.Example");

    private static final Set<String> NESTING_ANNOTATIONS =
            Set.of("org.junit.jupiter.api.Nested", "net.jqwik.api.Group");

    private TestDiscovery() {}

    /** Surefire's default includes, applied to a class's simple name. */
    public static boolean matchesSurefireIncludes(String simpleName) {
        return simpleName.startsWith("Test")
                || simpleName.endsWith("Test")
                || simpleName.endsWith("Tests")
                || simpleName.endsWith("TestCase");
    }

    /** The folder of compiled test classes that holds {@code anchor}. */
    public static Path testClassesOf(Class<?> anchor) {
        try {
            return Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class in the folder that has test methods; never empty for a module with tests. */
    public static List<Class<?>> classesWithTests(Path testClasses) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : classesIn(testClasses)) {
            if (hasTestMethods(c)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The classes with test methods that Surefire would not run, each with the reason. */
    public static List<String> classesSurefireWouldMiss(Path testClasses) {
        List<Class<?>> all = classesIn(testClasses);
        List<String> missed = new ArrayList<>();
        for (Class<?> c : all) {
            if (!hasTestMethods(c)) {
                continue;
            }
            if (c.isMemberClass()) {
                if (!nestedRuns(c)) {
                    missed.add(c.getName() + ": a nested class with tests needs @Nested (or jqwik's @Group)"
                            + " and an outer class Surefire runs");
                }
            } else if (Modifier.isAbstract(c.getModifiers())) {
                boolean runByASubclass = all.stream()
                        .anyMatch(s -> c.isAssignableFrom(s)
                                && s != c
                                && !Modifier.isAbstract(s.getModifiers())
                                && !s.isMemberClass()
                                && matchesSurefireIncludes(s.getSimpleName()));
                if (!runByASubclass) {
                    missed.add(c.getName() + ": abstract, and no subclass named *Test runs its tests");
                }
            } else if (!c.isAnonymousClass() && !c.isLocalClass() && !matchesSurefireIncludes(c.getSimpleName())) {
                missed.add(c.getName() + ": the name does not match Surefire's includes (name it *Test)");
            }
        }
        return missed;
    }

    private static boolean nestedRuns(Class<?> c) {
        if (!c.isMemberClass()) {
            return !Modifier.isAbstract(c.getModifiers()) && matchesSurefireIncludes(c.getSimpleName());
        }
        boolean nested = Stream.of(c.getAnnotations())
                .map(a -> a.annotationType().getName())
                .anyMatch(NESTING_ANNOTATIONS::contains);
        // JUnit's @Nested and jqwik's @Group classes are inner (non-static) classes.
        return nested && !Modifier.isStatic(c.getModifiers()) && nestedRuns(c.getDeclaringClass());
    }

    private static boolean hasTestMethods(Class<?> c) {
        try {
            for (Method m : c.getDeclaredMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    if (TEST_ANNOTATIONS.contains(a.annotationType().getName())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (LinkageError e) {
            throw new IllegalStateException("cannot inspect " + c.getName(), e);
        }
    }

    private static List<Class<?>> classesIn(Path root) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Stream<Path> files = Files.walk(root)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String rel =
                        root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                String name = rel.substring(0, rel.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                try {
                    classes.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load test class " + name, e);
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
