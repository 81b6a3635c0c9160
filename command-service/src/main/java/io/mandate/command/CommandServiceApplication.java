package io.mandate.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** The command side: aggregates, the admin command API and the event store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandServiceApplication {

    public static void main(String[] args) {
        // Axon's update checker calls home and writes ~/.axoniq; it reads only system properties
        // and the environment (not application.yml), so it has to be switched off before Spring starts.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /** The one source of "now" for decisions and event timestamps; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
