package io.mandate.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The query side knows the published language only, never another service's internals. */
@AnalyzeClasses(packages = "io.mandate.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryArchitectureTest {

    @ArchTest
    static final ArchRule queryDoesNotDependOnOtherServices = noClasses()
            .that().resideInAPackage("io.mandate.query..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.mandate.command..", "io.mandate.issuer..", "io.mandate.dashboard..");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("io.mandate.query.(*)..")
            .should().beFreeOfCycles();
}
