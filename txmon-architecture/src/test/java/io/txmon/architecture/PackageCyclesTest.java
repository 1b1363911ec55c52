package io.txmon.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

/**
 * Packages are domain concepts that point one way: a package that needs another cannot be needed by it,
 * directly or through others. Checked over the production classes of every module at once, so that a
 * cycle across modules (which the modules' own dependencies mostly rule out) or inside one shows.
 */
class PackageCyclesTest {

    @Test
    void noTwoConceptsDependOnEachOther() {
        slices().matching("io.txmon.(*)..")
                .namingSlices("io.txmon.$1")
                .should()
                .beFreeOfCycles()
                .check(Modules.allMainClasses());
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("io.txmon.(**)")
                .namingSlices("io.txmon.$1")
                .should()
                .beFreeOfCycles()
                .check(Modules.allMainClasses());
    }
}
