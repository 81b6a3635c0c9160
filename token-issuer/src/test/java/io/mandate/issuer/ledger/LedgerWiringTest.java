package io.mandate.issuer.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger as Spring wires it: properties bound, started with the context, a {@code ledger} health component, meters. */
class LedgerWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Infrastructure.class, JdbcTokenLedger.class, LedgerHealthIndicator.class)
            .withPropertyValues("mandate.issuer.ledger.writers=2", "mandate.issuer.ledger.batch-size=64");

    @Test
    void contextWhenStartedThenLedgerRunningWithBoundPropertiesHealthAndMeters() {
        context.run(started -> {
            assertThat(started).hasSingleBean(TokenLedger.class);
            assertThat(started.getBean(LedgerProperties.class).writers()).isEqualTo(2);
            assertThat(started.getBean(LedgerProperties.class).batchSize()).isEqualTo(64);
            assertThat(started.getBean(JdbcTokenLedger.class).isRunning()).isTrue();
            assertThat(started.getBean("ledgerHealthIndicator")).isInstanceOf(HealthIndicator.class);
            MeterRegistry meters = started.getBean(MeterRegistry.class);
            assertThat(meters.find("mandate.ledger.queue.depth").gauge()).isNotNull();
            assertThat(meters.find("mandate.ledger.batch.size").summary()).isNotNull();
            assertThat(meters.find("mandate.ledger.append").timers()).hasSize(4);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LedgerProperties.class)
    static class Infrastructure {

        @Bean(destroyMethod = "close")
        DataSource dataSource() {
            // Never reached in this test: the pool connects lazily.
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
            pool.setInitializationFailTimeout(-1);
            pool.setConnectionTimeout(250);
            return pool;
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
