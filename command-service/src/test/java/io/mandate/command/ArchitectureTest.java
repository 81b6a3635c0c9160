package io.mandate.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The command side talks to the other services only through the published language and Kafka. */
class ArchitectureTest {

    private final JavaClasses commandClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mandate.command");

    @Test
    void commandSideWhenCompiledThenDependsOnNeitherQueryNorIssuer() {
        noClasses().that().resideInAPackage("io.mandate.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mandate.query..", "io.mandate.issuer..",
                        "io.mandate.dashboard..")
                .check(commandClasses);
    }

    @Test
    void featuresWhenCompiledThenSharedWebPackageDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.mandate.command.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mandate.command.grant..",
                        "io.mandate.command.publishing..", "io.mandate.command.security..")
                .check(commandClasses);
    }
}
