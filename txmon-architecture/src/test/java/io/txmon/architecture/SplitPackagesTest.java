package io.txmon.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A package belongs to one module: a class of one module in another module's package would see that
 * module's package-private members and hide where the concept lives. A module's tests may add packages
 * of their own (such as the core's test kit), but not borrow another module's.
 */
class SplitPackagesTest {

    @Test
    void eachPackageOfProductionClassesLivesInOneModule() {
        SortedMap<String, SortedSet<String>> modulesByPackage = new TreeMap<>();
        for (String module : Modules.ALL) {
            for (String pkg : packagesOf(Modules.mainClassesOf(module))) {
                modulesByPackage.computeIfAbsent(pkg, p -> new TreeSet<>()).add(module);
            }
        }

        assertThat(modulesByPackage)
                .as("packages whose production classes are spread over more than one module")
                .allSatisfy((pkg, modules) -> assertThat(modules).as(pkg).hasSize(1));
    }

    @Test
    void eachModulesTestsLiveInPackagesOfItsOwn() {
        Map<String, Set<String>> ownersByPackage = new TreeMap<>();
        for (String module : Modules.ALL) {
            packagesOf(Modules.mainClassesOf(module)).forEach(pkg -> ownersByPackage
                    .computeIfAbsent(pkg, p -> new TreeSet<>())
                    .add(module));
        }
        SortedMap<String, Set<String>> borrowed = new TreeMap<>();
        for (String module : Modules.ALL) {
            for (String pkg : packagesOf(Modules.testClassesOf(module))) {
                Set<String> owners = ownersByPackage.getOrDefault(pkg, Set.of(module));
                if (!owners.contains(module)) {
                    borrowed.put(module + " tests in " + pkg, owners);
                }
            }
        }

        assertThat(borrowed).as("test packages that belong to another module").isEmpty();
    }

    @Test
    void checksEveryModuleInTheCheckout() {
        SortedSet<String> checked = new TreeSet<>(Modules.ALL);
        checked.add(Modules.ARCHITECTURE);

        assertThat(Modules.inCheckout())
                .as("modules in %s (a new one belongs in Modules.ALL)", Modules.root())
                .isEqualTo(checked);
    }

    private static Set<String> packagesOf(Iterable<JavaClass> classes) {
        Set<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(c.getPackageName()));
        return packages;
    }
}
