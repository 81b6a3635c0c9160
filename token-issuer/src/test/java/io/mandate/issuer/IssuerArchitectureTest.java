package io.mandate.issuer;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The issuer talks to the other services only through the published language (module
 * {@code messages}) on Kafka and the command-service's HTTP API (grants born from consent): it must
 * never reach into their code.
 */
@AnalyzeClasses(packages = "io.mandate.issuer", importOptions = ImportOption.DoNotIncludeTests.class)
class IssuerArchitectureTest {

    @ArchTest
    static final ArchRule independentOfOtherServices = noClasses().that().resideInAPackage("io.mandate.issuer..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.mandate.command..", "io.mandate.query..", "io.mandate.dashboard..", "io.mandate.infra..");

}
