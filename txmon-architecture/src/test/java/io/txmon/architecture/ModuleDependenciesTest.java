package io.txmon.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each module's classes may use, beyond what its Maven dependencies allow: the core and the
 * simulator are plain Java, Spring stays in the service and JDBC in storage. The enforcer checks the
 * dependencies a module declares; these rules check what its classes actually touch, the JDK's own
 * frameworks included.
 */
class ModuleDependenciesTest {

    @Test
    void coreDependsOnNothingButTheJdk() {
        JavaClasses core = Modules.mainClassesOf(Modules.CORE);

        classes()
                .should()
                .onlyDependOnClassesThat(plainJava().or(oneOf(core, Modules.CORE)))
                .because("the core is plain Java, free of any framework, database, broker or JSON library")
                .check(core);
    }

    @Test
    void simulatorDependsOnNothingButTheJdkAndTheCore() {
        JavaClasses core = Modules.mainClassesOf(Modules.CORE);
        JavaClasses simulator = Modules.mainClassesOf(Modules.SIMULATOR);

        classes()
                .should()
                .onlyDependOnClassesThat(
                        plainJava().or(oneOf(core, Modules.CORE)).or(oneOf(simulator, Modules.SIMULATOR)))
                .because("the simulator is plain Java over the core")
                .check(simulator);
    }

    @Test
    void onlyTheServiceUsesSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("Spring is how the service is served, not part of the domain")
                .check(Modules.mainClassesOfAllBut(Modules.SERVICE));
    }

    @Test
    void onlyStorageUsesJdbc() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..")
                .because("the database is storage's business; its callers see domain types and exceptions")
                .check(Modules.mainClassesOfAllBut(Modules.APPLICATION));
    }

    @Test
    void onlyTheStreamUsesFlink() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.flink..")
                .because("Flink is one way of running the decision path, kept in txmon-stream (and the stream"
                        + " benchmark's reference job)")
                .check(Modules.mainClassesOfAllBut(Modules.STREAM, Modules.BENCHMARKS));
    }

    @Test
    void onlyTheStreamUsesKafka() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "kafka..")
                .because("topics and their messages are the stream's business; the command line calls its producers,"
                        + " consumers and broker")
                .check(Modules.mainClassesOfAllBut(Modules.STREAM, Modules.BENCHMARKS));
    }

    @Test
    void storagesPublicMethodsThrowNoSqlExceptionButItsOwnJdbcSeams() {
        methods()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .areDeclaredInClassesThat(are(not(jdbcSeams())))
                .should()
                .notDeclareThrowableOfType(SQLException.class)
                .because("storage's callers see StorageException, mapped once at the service's edge")
                .check(Modules.mainClassesOf(Modules.APPLICATION));
    }

    /**
     * Where storage's packages hand JDBC to each other, public only because Java has no access between sibling
     * packages (outside storage nothing may touch {@code java.sql}, see {@link #onlyStorageUsesJdbc}): the
     * connection source, JDBC helpers, the decision row mapping, the alert-closing hook that runs inside a review's
     * transaction, and the triggers H2 instantiates by reflection.
     */
    private static DescribedPredicate<JavaClass> jdbcSeams() {
        return describe(
                "storage's JDBC seams",
                c -> c.isAssignableTo("org.h2.api.Trigger")
                        || List.of(
                                        "io.txmon.storage.Database",
                                        "io.txmon.storage.Jdbc",
                                        "io.txmon.storage.StoredHistory",
                                        "io.txmon.decisions.DecisionColumns",
                                        "io.txmon.alerts.Alerts$ClosingHook")
                                .contains(c.getName()));
    }

    /** The JDK's {@code java.*} packages, primitives and arrays of them included. */
    private static DescribedPredicate<JavaClass> plainJava() {
        return describe("the JDK's java.* packages", c -> {
            JavaClass base = c.getBaseComponentType();
            return base.isPrimitive() || base.getPackageName().startsWith("java.");
        });
    }

    /** The classes of a module, and arrays of them. */
    private static DescribedPredicate<JavaClass> oneOf(JavaClasses module, String name) {
        return describe(
                "classes of " + name,
                c -> module.contain(c.getBaseComponentType().getName()));
    }
}
