package io.mandate.command.eventstore;

import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.grant.GrantCommands.ExpireGrant;
import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.grant.GrantCommands.WithdrawGrant;
import io.mandate.messages.revocation.RevocationCommands.RevokeClient;
import io.mandate.messages.revocation.RevocationCommands.RevokeToken;
import io.mandate.messages.revocation.RevocationCommands.RevokeUser;
import io.mandate.messages.wire.SharedEventStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Set;

/**
 * The command side of the revocation fence ({@link SharedEventStore}): every command that revokes or
 * suspends takes the exclusive advisory lock {@link SharedEventStore#REVOCATION_FENCE_LOCK} in its own
 * transaction before its handler runs, so before the aggregate reads its clock. The token-issuer takes
 * the same lock shared for each batch of issued tokens before it checks the store for revocations.
 * Either that batch committed before the revocation's timestamp was taken (and the revocation covers
 * its tokens), or the batch waits for the revocation's commit and then sees it.
 *
 * <p>A handler interceptor on the command bus: Axon's {@code SimpleCommandBus} attaches the command's
 * transaction to its unit of work before any handler interceptor runs, and {@link JdbcTemplate} joins
 * it (the JPA transaction manager binds its JDBC connection to the data source), so the lock is taken
 * on the connection that later appends the events and is released by that transaction's commit or
 * rollback. A command sent from inside another unit of work (the revocation cascade) joins that
 * transaction, whose lock then lasts until the outer commit. Registered explicitly, not as a bean of
 * the interceptor type, so Axon's interceptor auto-configuration does not register it a second time.
 */
@Component
class RevocationFence {

    /** Commands that revoke or suspend; reinstating, registering and granting need no fence. */
    static final Set<Class<?>> FENCED = Set.of(
            RevokeToken.class, RevokeClient.class, RevokeUser.class,
            RevokeGrant.class, WithdrawGrant.class, ExpireGrant.class,
            SuspendClient.class, DeleteClient.class);

    static final String LOCK_SQL = "select pg_advisory_xact_lock(?)";

    private final JdbcTemplate jdbc;

    RevocationFence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Autowired
    void register(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this::intercept);
    }

    static boolean isFenced(Class<?> commandType) {
        return FENCED.contains(commandType);
    }

    private Object intercept(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (isFenced(unitOfWork.getMessage().getPayloadType())) {
            lock();
        }
        return chain.proceed();
    }

    /**
     * Takes the exclusive fence lock in the current transaction; it is released when that transaction
     * ends. Outside a transaction the lock would end with the statement and fence nothing: refused.
     */
    void lock() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the revocation fence needs the command's transaction");
        }
        jdbc.query(LOCK_SQL, (ResultSetExtractor<Void>) resultSet -> null, SharedEventStore.REVOCATION_FENCE_LOCK);
    }
}
