package io.mandate.messages;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The published language is shared by every service: it must stay free of heavy frameworks. */
@AnalyzeClasses(packages = "io.mandate.messages", importOptions = ImportOption.DoNotIncludeTests.class)
class MessagesArchitectureTest {

    @ArchTest
    static final ArchRule noFrameworks = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework..", "jakarta.persistence..", "org.apache.kafka..", "co.elastic..",
            "org.elasticsearch..", "org.axonframework..", "org.hibernate..");
}
