package io.mandate.dashboard;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dashboard owns no state: it reaches data only through the query-service HTTP API. */
@AnalyzeClasses(packages = "io.mandate.dashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class DashboardArchitectureTest {

    @ArchTest
    static final ArchRule noOtherServiceCode = noClasses()
            .that().resideInAPackage("io.mandate.dashboard..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.mandate.command..", "io.mandate.issuer..", "io.mandate.query..");

    @ArchTest
    static final ArchRule noDirectStorageOrMessaging = noClasses()
            .that().resideInAPackage("io.mandate.dashboard..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka..", "co.elastic..", "java.sql..", "jakarta.persistence..");
}
